package hardy.synth;

import hardy.volume.LabelMap;
import hardy.volume.Volume;

/**
 * One generated case.
 *
 * @param index          case number within the run
 * @param seed           the seed that alone determines this case
 * @param gestationalAge weeks
 * @param subgroup       anatomical subgroup
 * @param acquisition    how the image was acquired, e.g. {@code isotropic} or {@code thick 3.1mm k, reconstructed}
 * @param image          the MR-like image (int16)
 * @param labels         FeTA labels on exactly the image's grid
 * @param gridSpacing    the isotropic grid's spacing (mm) before any thick-slice acquisition
 * @param fovMm          the isotropic grid's field of view per axis, mm
 * @param contrast       the intensity model of this case: {@link Contrast#T2} or {@link Contrast#RANDOM}
 * @param surroundings   whether uterus, placenta, fetal body and maternal tissue surround the head
 * @param design         the biparietal, cerebellar and atrial diameters the brain was drawn with
 */
public record SynthCase(int index, long seed, double gestationalAge, Subgroup subgroup, String acquisition,
                        Volume image, LabelMap labels, double gridSpacing, double fovMm, Contrast contrast,
                        boolean surroundings, DesignBiometry design) {
}
