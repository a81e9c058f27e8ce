package hardy.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import hardy.volume.Geometry;
import org.junit.jupiter.api.Test;

/** The pieces of the pipeline that have closed-form answers. */
class PipelinePartsTest {

    @Test
    void patchStartsCoverTheAxisEvenlyAndTouchBothEnds() {
        assertThat(SlidingWindow.starts(8, 8, 0.5)).containsExactly(0);
        assertThat(SlidingWindow.starts(20, 8, 0.5)).containsExactly(0, 4, 8, 12);
        assertThat(SlidingWindow.starts(13, 8, 0.5)).containsExactly(0, 3, 5);   // 5/2 rounds half up
        assertThat(SlidingWindow.starts(160, 96, 0.5)).containsExactly(0, 32, 64);
        assertThat(SlidingWindow.starts(17, 8, 1.0)).containsExactly(0, 5, 9);
    }

    @Test
    void gaussianWeightsPeakAtTheCentreAndAreSymmetric() {
        float[] w = SlidingWindow.gaussian(new int[] {5, 4, 3});
        assertThat(w).hasSize(60);
        float max = 0;
        for (float v : w) {
            max = Math.max(max, v);
            assertThat(v).isPositive();
        }
        assertThat(max).isEqualTo(w[2 + 5 * (1 + 4 * 1)]).isLessThanOrEqualTo(1f);
        assertThat(w[0]).isEqualTo(w[4 + 5 * (3 + 4 * 2)]);   // opposite corners
        // sigma = 5/8 along i: one voxel off centre weighs exp(-1 / (2 * 0.390625)) relative to the centre
        assertThat((double) w[3 + 5 * (1 + 4)] / w[2 + 5 * (1 + 4)]).isCloseTo(Math.exp(-1 / (2 * 0.390625)),
                within(1e-6));
    }

    @Test
    void zscoreInsideTheNonZeroMaskLeavesBackgroundAlone() {
        float[] v = {0, 2, 4, 6, 0};
        IntensityNormalizer.zscore(v, true);
        double std = Math.sqrt(8.0 / 3);
        assertThat(v[0]).isZero();
        assertThat(v[4]).isZero();
        assertThat((double) v[1]).isCloseTo(-2 / std, within(1e-6));
        assertThat((double) v[3]).isCloseTo(2 / std, within(1e-6));
    }

    @Test
    void percentileClipsAndScalesLikeNumPy() {
        float[] v = new float[101];
        for (int i = 0; i <= 100; i++) {
            v[i] = 100 - i;   // 0..100, unsorted
        }
        IntensityNormalizer.percentile(v, 10, 90);   // np.percentile(range(101), [10, 90]) = 10, 90
        assertThat(v[100]).isZero();        // value 0, clipped to 10
        assertThat(v[0]).isEqualTo(1f);     // value 100, clipped to 90
        assertThat((double) v[50]).isCloseTo(0.5, within(1e-7));
        assertThat(IntensityNormalizer.quantile(new float[] {1, 2, 3, 4}, 0.5)).isEqualTo(2.5);
    }

    @Test
    void modelGridKeepsTheFieldOfViewCentre() {
        Geometry g = Geometry.axisAligned(10, 10, 4, new double[] {1, 1, 3}, new double[] {5, 6, 7});
        ModelCard card = new ModelCard(1, "t", "1", null, java.util.List.of(), 1, 2, new double[] {2, 2, 2}, null,
                null, new ModelCard.Normalization("none", null, null, null), new int[] {4, 4, 4}, null, null, null,
                null, null, "0".repeat(64));
        Geometry m = ModelGrid.of(g, card);
        assertThat(m.dims()).containsExactly(5, 5, 6);
        double[] a = g.toWorld(4.5, 4.5, 1.5);
        double[] b = m.toWorld(2, 2, 2.5);
        assertThat(b).containsExactly(a, within(1e-9));
        assertThat(ModelGrid.of(g, new ModelCard(1, "t", "1", null, java.util.List.of(), 1, 2,
                new double[] {1, 1, 3}, null, null, card.normalization(), card.patchSize(), null, null, null, null,
                null, card.sha256()))).isSameAs(g);
    }
}
