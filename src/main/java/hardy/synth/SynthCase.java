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
 * @param image          the T2-weighted-like image (int16)
 * @param labels         FeTA labels on exactly the image's grid
 */
public record SynthCase(int index, long seed, double gestationalAge, Subgroup subgroup, String acquisition,
                        Volume image, LabelMap labels) {
}
