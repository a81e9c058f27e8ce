package hardy.training;

import hardy.volume.Rotations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    private static final int[] DIMS = {6, 5, 4};

    /** image = i + 10 j + 100 k; labels = (i + j + k) % 3. */
    private static float[] image() {
        float[] v = new float[DIMS[0] * DIMS[1] * DIMS[2]];
        for (int k = 0, p = 0; k < DIMS[2]; k++) {
            for (int j = 0; j < DIMS[1]; j++) {
                for (int i = 0; i < DIMS[0]; i++, p++) {
                    v[p] = i + 10 * j + 100 * k;
                }
            }
        }
        return v;
    }

    private static int[] labels() {
        int[] l = new int[DIMS[0] * DIMS[1] * DIMS[2]];
        for (int k = 0, p = 0; k < DIMS[2]; k++) {
            for (int j = 0; j < DIMS[1]; j++) {
                for (int i = 0; i < DIMS[0]; i++, p++) {
                    l[p] = (i + j + k) % 3;
                }
            }
        }
        return l;
    }

    @Test
    void theIdentityTransformCropsExactly() {
        int[] size = {4, 3, 2};
        float[] out = new float[24];
        int[] outLabels = new int[24];
        // Centre of a 4x3x2 patch whose origin is (1, 2, 1).
        Augmentation.sample(image(), labels(), DIMS, new double[] {2.5, 3, 1.5},
                new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, size, out, outLabels);
        assertThat(out[0]).isEqualTo(1 + 20 + 100);
        assertThat(out[23]).isEqualTo(4 + 40 + 200);
        assertThat(outLabels[0]).isEqualTo((1 + 2 + 1) % 3);
        assertThat(outLabels[23]).isEqualTo((4 + 4 + 2) % 3);
    }

    @Test
    void aQuarterTurnAboutKMapsAxesAsARotationShould() {
        // 90 degrees about k: a patch offset (dx, dy) comes from volume offset (-dy, dx).
        int[] size = {3, 3, 1};
        float[] out = new float[9];
        int[] outLabels = new int[9];
        Augmentation.sample(image(), labels(), DIMS, new double[] {2, 2, 1}, Rotations.about(2, Math.PI / 2),
                size, out, outLabels);
        // Patch (0, 0) is offset (-1, -1) -> volume (2 + 1, 2 - 1, 1) = (3, 1, 1).
        assertThat(out[0]).isCloseTo(3 + 10 + 100, within(1e-4f));
        // Patch (2, 0) is offset (1, -1) -> volume (2 + 1, 2 + 1, 1) = (3, 3, 1).
        assertThat(out[2]).isCloseTo(3 + 30 + 100, within(1e-4f));
        assertThat(outLabels[0]).isEqualTo((3 + 1 + 1) % 3);
    }

    @Test
    void outsideTheVolumeTheEdgeIsRepeatedAndLabelsStayLabels() {
        int[] size = {6, 5, 4};
        float[] out = new float[120];
        int[] outLabels = new int[120];
        double[][] big = {{1.3, 0.4, 0}, {-0.4, 1.3, 0}, {0, 0, 1.3}};
        Augmentation.sample(image(), labels(), DIMS, new double[] {2.5, 2, 1.5}, big, size, out, outLabels);
        for (int p = 0; p < out.length; p++) {
            assertThat(out[p]).isBetween(0f, 5f + 40 + 300);
            assertThat(outLabels[p]).isBetween(0, 2);
        }
    }

    @Test
    void flippingTwiceIsTheIdentityAndOnceMirrors() {
        int[] size = DIMS.clone();
        float[] img = image();
        int[] lab = labels();
        Augmentation.flip(img, lab, size, 1);
        assertThat(img[0]).isEqualTo(40); // (0, 0, 0) now holds (0, 4, 0)
        assertThat(lab[0]).isEqualTo(4 % 3);
        Augmentation.flip(img, lab, size, 1);
        assertThat(img).containsExactly(image());
        assertThat(lab).containsExactly(labels());
    }

    @Test
    void intensityChangesAreDeterministicAndLeaveConstantsBounded() {
        float[] a = image();
        float[] b = image();
        Augmentation.intensities(a, DIMS, new SplittableRandom(3));
        Augmentation.intensities(b, DIMS, new SplittableRandom(3));
        assertThat(a).containsExactly(b);
        boolean changedSomewhere = false;
        for (long seed = 0; seed < 20 && !changedSomewhere; seed++) {
            float[] c = image();
            Augmentation.intensities(c, DIMS, new SplittableRandom(seed));
            changedSomewhere = !java.util.Arrays.equals(c, image());
        }
        assertThat(changedSomewhere).isTrue();
    }

    @Test
    void spatialTransformsStayWithinTheConfiguredRanges() {
        for (long seed = 0; seed < 200; seed++) {
            double[][] m = Augmentation.spatial(new SplittableRandom(seed));
            double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                    - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                    + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
            double scale = Math.cbrt(det);
            assertThat(scale).isBetween(Augmentation.MIN_SCALE - 1e-9, Augmentation.MAX_SCALE + 1e-9);
        }
    }
}
