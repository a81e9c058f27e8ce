package hardy.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hardy.core.Cancellation;
import hardy.core.CancelledException;
import hardy.volume.FetalLabels;
import hardy.volume.LabelMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhantomGeneratorTest {

    /** Small, fast grids: 64³ at 2 mm covers the largest head. */
    static SynthSettings settings(double gaMin, double gaMax, Subgroup only, double thickShare, double recon) {
        SynthSettings d = SynthSettings.defaults();
        return new SynthSettings(new Range(gaMin, gaMax), only == null ? d.shares() : Map.of(only, 1.0), 64, 2.0, 0,
                d.contrastJitter(), d.biasAmplitude(), d.noise(), d.blurMm(), thickShare, new Range(4, 6),
                d.motionMm(), recon);
    }

    private static SynthCase generate(SynthSettings s, long seed, int index) {
        return new PhantomGenerator(s, seed).generate(index, Cancellation.NEVER);
    }

    @Test
    void aCaseDependsOnlyOnSeedAndIndex() {
        SynthSettings s = settings(20, 35, null, 0.5, 0.5);
        SynthCase a = generate(s, 42, 3);
        SynthCase b = generate(s, 42, 3);
        assertThat(b.image().data().contentEquals(a.image().data())).isTrue();
        assertThat(b.labels().volume().data().contentEquals(a.labels().volume().data())).isTrue();
        assertThat(b.seed()).isEqualTo(PhantomGenerator.caseSeed(42, 3));
        SynthCase other = generate(s, 42, 4);
        assertThat(other.labels().volume().data().contentEquals(a.labels().volume().data())).isFalse();
        assertThat(generate(s, 43, 3).seed()).isNotEqualTo(a.seed());
    }

    @Test
    void everySubgroupHasAllSevenLabelsOnTheImageGrid() {
        for (Subgroup g : Subgroup.values()) {
            SynthCase c = generate(settings(27, 27, g, 0, 1), 5, 0);
            assertThat(c.subgroup()).isEqualTo(g);
            assertThat(c.labels().geometry().sameGrid(c.image().geometry())).isTrue();
            long[] counts = c.labels().counts();
            assertThat(counts).hasSize(8);
            for (int l = 1; l <= 7; l++) {
                assertThat(counts[l]).as("%s label %d", g, l).isPositive();
            }
        }
    }

    @Test
    void ventriculomegalyEnlargesVentriclesAndShrinksTheCerebellum() {
        long[] normal = totals(Subgroup.NORMAL);
        long[] vm = totals(Subgroup.VENTRICULOMEGALY);
        assertThat(vm[FetalLabels.VENTRICLES]).isGreaterThan(2 * normal[FetalLabels.VENTRICLES]);
        assertThat(vm[FetalLabels.CEREBELLUM]).isLessThan(normal[FetalLabels.CEREBELLUM] * 3 / 4);
    }

    @Test
    void agenesisSpreadsTheVentriclesApart() {
        assertThat(meanDistanceFromMidline(Subgroup.AGENESIS_CC))
                .isGreaterThan(1.2 * meanDistanceFromMidline(Subgroup.NORMAL));
    }

    @Test
    void brainGrowsAndFoldsWithGestationalAge() {
        SynthCase young = generate(settings(21, 21, Subgroup.NORMAL, 0, 1), 9, 0);
        SynthCase old = generate(settings(34, 34, Subgroup.NORMAL, 0, 1), 9, 0);
        long vy = brainVoxels(young.labels());
        long vo = brainVoxels(old.labels());
        assertThat(vo).isGreaterThan(3 * vy);
        // pial area (CSF-grey faces) per brain size: folding adds the walls of the sulci
        double fy = pialFaces(young.labels()) / Math.pow(vy, 2.0 / 3);
        double fo = pialFaces(old.labels()) / Math.pow(vo, 2.0 / 3);
        assertThat(fo).isGreaterThan(1.4 * fy);
    }

    @Test
    void thickSlicesWithoutReconstructionKeepTheSliceGridForImageAndLabels() {
        SynthCase c = generate(settings(25, 25, Subgroup.NORMAL, 1, 0), 3, 1);
        assertThat(c.acquisition()).startsWith("thick").doesNotContain("reconstructed");
        assertThat(c.labels().geometry().sameGrid(c.image().geometry())).isTrue();
        double[] sp = c.image().geometry().spacing();
        assertThat(java.util.Arrays.stream(sp).max().orElseThrow()).isBetween(4.0 - 1e-9, 6.0 + 1e-9);
        assertThat(java.util.Arrays.stream(sp).min().orElseThrow()).isEqualTo(2.0, org.assertj.core.api.Assertions
                .within(1e-9));
    }

    @Test
    void stopsWhenCancelled() {
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        assertThatThrownBy(() -> new PhantomGenerator(settings(20, 35, null, 0, 1), 1).generate(0, cancel))
                .isInstanceOf(CancelledException.class);
    }

    private long[] totals(Subgroup g) {
        long[] sum = new long[8];
        for (int i = 0; i < 2; i++) {
            long[] c = generate(settings(26, 26, g, 0, 1), 11, i).labels().counts();
            for (int l = 0; l < c.length; l++) {
                sum[l] += c[l];
            }
        }
        return sum;
    }

    private double meanDistanceFromMidline(Subgroup g) {
        double sum = 0;
        long n = 0;
        for (int c = 0; c < 2; c++) {
            LabelMap m = generate(settings(28, 28, g, 0, 1), 21, c).labels();
            for (int k = 0; k < m.geometry().nz(); k++) {
                for (int j = 0; j < m.geometry().ny(); j++) {
                    for (int i = 0; i < m.geometry().nx(); i++) {
                        if (m.label(i, j, k) == FetalLabels.VENTRICLES) {
                            sum += Math.abs(m.geometry().toWorld(i, j, k)[0]);
                            n++;
                        }
                    }
                }
            }
        }
        return sum / n;
    }

    private static long brainVoxels(LabelMap m) {
        long[] c = m.counts();
        long v = 0;
        for (int l = 2; l < c.length; l++) {
            v += c[l];
        }
        return v;
    }

    private static long pialFaces(LabelMap m) {
        int nx = m.geometry().nx();
        int ny = m.geometry().ny();
        int nz = m.geometry().nz();
        long faces = 0;
        for (int k = 0; k < nz - 1; k++) {
            for (int j = 0; j < ny - 1; j++) {
                for (int i = 0; i < nx - 1; i++) {
                    int a = m.label(i, j, k);
                    faces += pial(a, m.label(i + 1, j, k)) + pial(a, m.label(i, j + 1, k)) + pial(a, m.label(i, j, k + 1));
                }
            }
        }
        return faces;
    }

    private static int pial(int a, int b) {
        return (a == FetalLabels.EXTERNAL_CSF && b == FetalLabels.GREY_MATTER)
                || (b == FetalLabels.EXTERNAL_CSF && a == FetalLabels.GREY_MATTER) ? 1 : 0;
    }
}
