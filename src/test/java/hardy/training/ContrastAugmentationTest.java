package hardy.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContrastAugmentationTest {

    private static final int[] SIZE = {6, 5, 12};

    @Test
    void thickSlicesKeepARampAndSpreadASpikeOverItsBlock() {
        float[] ramp = new float[6 * 5 * 12];
        for (int v = 0; v < ramp.length; v++) {
            ramp[v] = v / 30; // k
        }
        float[] thick = ramp.clone();
        ContrastAugmentation.thickSlices(thick, SIZE, 2, 3);
        for (int k = 1; k < 11; k++) { // the first and last slice lie outside the outermost block centres
            assertThat((double) thick[30 * k + 7]).as("slice %d", k).isCloseTo(k, within(1e-5));
        }

        float[] spike = new float[6 * 5 * 12];
        spike[30 * 4 + 7] = 3; // slice 4 lies in block 1 (slices 3-5), at its centre
        ContrastAugmentation.thickSlices(spike, SIZE, 2, 3);
        assertThat((double) spike[30 * 4 + 7]).isCloseTo(1, within(1e-6));
        assertThat((double) spike[30 * 4 + 8]).isZero();
    }

    @Test
    void blurKeepsAConstantAndTheMassOfAnInteriorSpike() {
        float[] constant = new float[6 * 5 * 12];
        Arrays.fill(constant, 2.5f);
        ContrastAugmentation.blur(constant, SIZE, 1, 1.2);
        for (float v : constant) {
            assertThat((double) v).isCloseTo(2.5, within(1e-5));
        }
        float[] spike = new float[6 * 5 * 12];
        spike[30 * 6 + 2] = 1;
        ContrastAugmentation.blur(spike, SIZE, 2, 0.8);
        double mass = 0;
        for (int k = 0; k < 12; k++) {
            mass += spike[30 * k + 2];
        }
        assertThat(mass).isCloseTo(1, within(1e-5));
        assertThat((double) spike[30 * 6 + 2]).isLessThan(1).isGreaterThan(spike[30 * 7 + 2]);
    }

    @Test
    void perTissueContrastShiftsEveryVoxelOfALabelAlikeAndNeverChangesLabels() {
        float[] image = new float[6 * 5 * 12];
        int[] labels = new int[image.length];
        for (int v = 0; v < image.length; v++) {
            labels[v] = v % 3;
        }
        int[] before = labels.clone();
        boolean shifted = false;
        for (long seed = 0; seed < 40 && !shifted; seed++) {
            float[] out = image.clone();
            ContrastAugmentation.apply(out, labels, new int[] {6, 5, 12}, 3, new SplittableRandom(seed));
            assertThat(labels).isEqualTo(before);
            float[] expected = out.clone();
            boolean uniform = true;
            for (int v = 3; v < out.length; v++) {
                uniform &= out[v] == out[v - 3];
            }
            if (uniform && out[0] != 0) { // only the contrast change ran: one offset per label
                shifted = true;
                assertThat(Math.abs(out[0])).isLessThanOrEqualTo((float) ContrastAugmentation.MAX_SHIFT);
                assertThat(expected[1]).isNotEqualTo(expected[0]);
            }
        }
        assertThat(shifted).as("some seed among 40 draws the contrast change alone").isTrue();
    }

    @Test
    void theSameRandomStreamGivesTheSamePatch() {
        float[] a = new float[6 * 5 * 12];
        int[] labels = new int[a.length];
        SplittableRandom fill = new SplittableRandom(9);
        for (int v = 0; v < a.length; v++) {
            a[v] = (float) fill.nextGaussian();
            labels[v] = fill.nextInt(4);
        }
        float[] b = a.clone();
        ContrastAugmentation.apply(a, labels, SIZE, 4, new SplittableRandom(5));
        ContrastAugmentation.apply(b, labels, SIZE, 4, new SplittableRandom(5));
        assertThat(a).isEqualTo(b);
    }
}
