package hardy.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import hardy.core.Cancellation;
import hardy.volume.FetalLabels;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The wide domain: per-case grids, head offset, surroundings and the random contrast. */
class WideDomainTest {

    /** The wide preset on coarse grids (2-3 mm), so a case takes a fraction of a second. */
    static SynthSettingsBuilder coarseWide() {
        return SynthSettings.wide().toBuilder().spacing(new Range(2.0, 3.0)).thickSliceShare(0);
    }

    private static SynthCase generate(SynthSettings s, long seed, int index) {
        return new PhantomGenerator(s, seed).generate(index, Cancellation.NEVER);
    }

    @Test
    void aWideCaseDependsOnlyOnSeedAndIndex() {
        SynthSettings s = coarseWide().thickSliceShare(0.5).sliceThickness(new Range(4, 6)).build();
        SynthCase a = generate(s, 42, 3);
        SynthCase b = generate(s, 42, 3);
        assertThat(b.image().data().contentEquals(a.image().data())).isTrue();
        assertThat(b.labels().volume().data().contentEquals(a.labels().volume().data())).isTrue();
        assertThat(b.gridSpacing()).isEqualTo(a.gridSpacing());
        SynthCase other = generate(s, 42, 4);
        assertThat(other.gridSpacing()).isNotEqualTo(a.gridSpacing());
    }

    @Test
    void surroundingsNeverCarryALabelAndLeaveTheHeadAsItWas() {
        SynthSettings bare = coarseWide().size(64).spacing(new Range(2.5, 2.5)).headOffsetMm(0)
                .surroundingsShare(0).contrast(Contrast.T2).build();
        SynthSettings around = bare.toBuilder().surroundingsShare(1).build();
        for (int index = 0; index < 3; index++) {
            SynthCase without = generate(bare, 8, index);
            SynthCase with = generate(around, 8, index);
            assertThat(without.surroundings()).isFalse();
            assertThat(with.surroundings()).isTrue();
            assertThat(with.labels().volume().data().contentEquals(without.labels().volume().data())).isTrue();
            // where the bare head has dark background, the surroundings fill the image
            assertThat(meanOverBackground(with)).isGreaterThan(5 * meanOverBackground(without));
        }
    }

    @Test
    void surroundingsHoldFluidWallPlacentaBodyAndMother() {
        Set<Integer> seen = new HashSet<>();
        for (int index = 0; index < 4; index++) {
            SplittableRandom rng = new SplittableRandom(index);
            double ga = 20 + 15 * rng.nextDouble();
            FetalAnatomy anatomy = new FetalAnatomy(rng.split(), ga, Subgroup.NORMAL);
            HeadHull hull = new HeadHull(anatomy);
            double[][] identity = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
            Surroundings around = new Surroundings(rng.split(), anatomy, hull, identity, ga, 130);
            byte[] tissue = TissueGrid.rasterise(anatomy, around, hull.radius(), 100, 2.5, identity, new double[3],
                    Cancellation.NEVER);
            Set<Integer> here = new HashSet<>();
            for (byte t : tissue) {
                here.add((int) t);
            }
            assertThat(here).as("case %d", index).contains(Tissue.FLUID, Tissue.UTERINE_WALL, Tissue.BODY,
                    Tissue.BODY_WALL, Tissue.SPINE, Tissue.MATERNAL).doesNotContain(FetalLabels.BACKGROUND);
            seen.addAll(here);
        }
        assertThat(seen).contains(Tissue.PLACENTA, Tissue.LUNG, Tissue.MATERNAL_FAT, Tissue.MATERNAL_MUSCLE);
        for (int t = Tissue.UTERINE_WALL; t < Tissue.COUNT; t++) {
            assertThat(Tissue.label(t)).as("tissue %d", t).isEqualTo(FetalLabels.BACKGROUND);
        }
        assertThat(Tissue.label(Tissue.FLUID)).isEqualTo(FetalLabels.BACKGROUND);
    }

    @Test
    void spacingIsDrawnPerCaseAndLabelsStayOnTheImageGrid() {
        SynthSettings s = coarseWide().thickSliceShare(0.5).sliceThickness(new Range(4, 6)).reconstructShare(0.5)
                .build();
        Set<Double> spacings = new HashSet<>();
        for (int index = 0; index < 6; index++) {
            SynthCase c = generate(s, 5, index);
            assertThat(c.gridSpacing()).isBetween(2.0, 3.0);
            spacings.add(c.gridSpacing());
            Geometry g = c.image().geometry();
            assertThat(c.labels().geometry().sameGrid(g)).isTrue();
            // in-plane (or all) axes keep the drawn spacing; a thick-slice axis is coarser
            assertThat(java.util.Arrays.stream(g.spacing()).min().orElseThrow()).isCloseTo(c.gridSpacing(),
                    within(1e-9));
            assertThat(c.fovMm()).isGreaterThanOrEqualTo(100 - c.gridSpacing());
        }
        assertThat(spacings).hasSize(6);
    }

    @Test
    void theWholeBrainStaysInsideTheFieldOfViewWhateverTheOffset() {
        // the oldest, largest heads, turned and pushed as far as they go, in the smallest field of view
        SynthSettings s = coarseWide().gestationalAge(new Range(33, 35)).fov(new Range(100, 100))
                .headOffsetMm(60).rotationDegrees(30).build();
        for (int index = 0; index < 8; index++) {
            assertThat(brainOnTheBorder(generate(s, 13, index).labels())).as("case %d", index).isZero();
        }
        SynthSettings young = s.toBuilder().gestationalAge(new Range(20, 22)).fov(new Range(150, 150)).build();
        double pushed = 0;
        for (int index = 0; index < 6; index++) {
            SynthCase c = generate(young, 13, index);
            assertThat(brainOnTheBorder(c.labels())).isZero();
            pushed = Math.max(pushed, brainCentreFromGridCentre(c.labels()));
        }
        // small heads in a large field of view move by centimetres, not only by the 3 mm jitter
        assertThat(pushed).isGreaterThan(15);
    }

    @Test
    void aFieldOfViewTooSmallForTheHeadGrows() {
        SynthSettings s = coarseWide().gestationalAge(new Range(35, 35)).fov(new Range(60, 60)).build();
        SynthCase c = generate(s, 3, 0);
        assertThat(c.fovMm()).isGreaterThan(110);
        assertThat(brainOnTheBorder(c.labels())).isZero();
    }

    @Test
    void randomContrastDrawsEveryTissueMeanAnew() {
        SynthSettings t2 = coarseWide().size(64).spacing(new Range(2.5, 2.5)).contrast(Contrast.T2)
                .surroundingsShare(0).noise(new Range(0, 0)).biasAmplitude(new Range(0, 0)).blurMm(new Range(0, 0))
                .build();
        SynthSettings random = t2.toBuilder().contrast(Contrast.RANDOM).randomSd(new Range(0, 0)).build();
        int csfDarker = 0;
        for (int index = 0; index < 6; index++) {
            double[] a = labelMeans(generate(t2, 4, index));
            double[] b = labelMeans(generate(random, 4, index));
            // T2: CSF brighter than white matter brighter than grey matter, always
            assertThat(a[FetalLabels.EXTERNAL_CSF]).isGreaterThan(a[FetalLabels.WHITE_MATTER]);
            assertThat(a[FetalLabels.WHITE_MATTER]).isGreaterThan(a[FetalLabels.GREY_MATTER]);
            assertThat(b).isNotEqualTo(a);
            csfDarker += b[FetalLabels.EXTERNAL_CSF] < b[FetalLabels.WHITE_MATTER] ? 1 : 0;
        }
        // random means put CSF below white matter about half the time
        assertThat(csfDarker).isBetween(1, 5);
    }

    @Test
    void randomContrastSpreadsIntensitiesWithinATissue() {
        SynthSettings base = coarseWide().size(64).spacing(new Range(2.5, 2.5)).contrast(Contrast.RANDOM)
                .surroundingsShare(0).noise(new Range(0, 0)).biasAmplitude(new Range(0, 0)).blurMm(new Range(0, 0))
                .build();
        SynthCase flat = generate(base.toBuilder().randomSd(new Range(0, 0)).build(), 6, 0);
        SynthCase spread = generate(base.toBuilder().randomSd(new Range(0.1, 0.1)).build(), 6, 0);
        assertThat(sdOf(flat, FetalLabels.EXTERNAL_CSF)).isLessThan(1);
        assertThat(sdOf(spread, FetalLabels.EXTERNAL_CSF)).isGreaterThan(30);   // 0.1 of a gain of 800..1250
    }

    @Test
    void mixedContrastGivesBothModelsAndTheLayoutIgnoresOtherSwitches() {
        SplittableRandom rng = new SplittableRandom(1);
        FetalAnatomy anatomy = new FetalAnatomy(rng.split(), 27, Subgroup.NORMAL);
        HeadHull hull = new HeadHull(anatomy);
        double[][] identity = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        SynthSettings mixed = SynthSettings.wide();
        SynthSettings t2 = mixed.toBuilder().contrast(Contrast.T2).surroundingsShare(0).build();
        Set<Contrast> models = EnumSet.noneOf(Contrast.class);
        for (long seed = 0; seed < 40; seed++) {
            CaseLayout a = new CaseLayout(new SplittableRandom(seed), mixed, hull, identity, new double[3]);
            CaseLayout b = new CaseLayout(new SplittableRandom(seed), t2, hull, identity, new double[3]);
            models.add(a.contrast());
            assertThat(a.surroundings()).isTrue();
            assertThat(b.surroundings()).isFalse();
            assertThat(b.contrast()).isEqualTo(Contrast.T2);
            // turning contrast and surroundings off leaves the grid and the head's place alone
            assertThat(b.spacing()).isEqualTo(a.spacing());
            assertThat(b.size()).isEqualTo(a.size());
            assertThat(b.headCentre()).isEqualTo(a.headCentre());
        }
        assertThat(models).containsExactlyInAnyOrder(Contrast.T2, Contrast.RANDOM);
    }

    /** Mean stored intensity over the voxels labelled background. */
    private static double meanOverBackground(SynthCase c) {
        double sum = 0;
        long n = 0;
        Volume image = c.image();
        for (int v = 0; v < image.data().length(); v++) {
            if (c.labels().volume().data().get(v) == 0) {
                sum += image.value(v);
                n++;
            }
        }
        return sum / n;
    }

    private static double[] labelMeans(SynthCase c) {
        double[] sum = new double[8];
        long[] n = new long[8];
        for (int v = 0; v < c.image().data().length(); v++) {
            int l = (int) c.labels().volume().data().get(v);
            sum[l] += c.image().value(v);
            n[l]++;
        }
        for (int l = 0; l < 8; l++) {
            sum[l] /= Math.max(1, n[l]);
        }
        return sum;
    }

    private static double sdOf(SynthCase c, int label) {
        double sum = 0;
        double sum2 = 0;
        long n = 0;
        for (int v = 0; v < c.image().data().length(); v++) {
            if (c.labels().volume().data().get(v) == label) {
                double x = c.image().value(v);
                sum += x;
                sum2 += x * x;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sum2 / n - mean * mean));
    }

    /** Brain voxels on the six faces of the grid. */
    private static long brainOnTheBorder(LabelMap m) {
        Geometry g = m.geometry();
        long count = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    boolean border = i == 0 || j == 0 || k == 0 || i == g.nx() - 1 || j == g.ny() - 1
                            || k == g.nz() - 1;
                    if (border && m.label(i, j, k) != FetalLabels.BACKGROUND) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** Distance (mm) from the grid's centre to the centre of the brain's labels. */
    private static double brainCentreFromGridCentre(LabelMap m) {
        Geometry g = m.geometry();
        double[] sum = new double[3];
        long n = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    if (m.label(i, j, k) != FetalLabels.BACKGROUND) {
                        sum[0] += i;
                        sum[1] += j;
                        sum[2] += k;
                        n++;
                    }
                }
            }
        }
        double[] centre = g.toWorld(sum[0] / n, sum[1] / n, sum[2] / n);
        double[] middle = g.toWorld((g.nx() - 1) / 2.0, (g.ny() - 1) / 2.0, (g.nz() - 1) / 2.0);
        double d = 0;
        for (int a = 0; a < 3; a++) {
            d += (centre[a] - middle[a]) * (centre[a] - middle[a]);
        }
        return Math.sqrt(d);
    }
}
