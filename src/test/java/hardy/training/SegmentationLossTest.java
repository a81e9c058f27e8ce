package hardy.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SegmentationLossTest {

    private static final double S = SegmentationLoss.SMOOTH;

    @Test
    void hardnessCountsOnlyTheForegroundClassesPresentInTheCase() {
        try (NDManager manager = TorchEngine.get().newBaseManager()) {
            float ln3 = (float) Math.log(3);
            // Two cases, three classes, two voxels (shape 2 x 3 x 1 x 1 x 2).
            // Case 0: labels [1, 0]; class 2 absent. Case 1: labels [0, 0]; no foreground at all.
            NDArray logits = manager.create(new float[] {
                0, 0, ln3, 0, 0, 0,
                0, 0, 0, 0, 0, 0}, new Shape(2, 3, 1, 1, 2));
            NDArray oneHot = manager.create(new float[] {
                0, 1, 1, 0, 0, 0,
                1, 1, 0, 0, 0, 0}, new Shape(2, 3, 1, 1, 2));

            SegmentationLoss.Terms terms = SegmentationLoss.of(logits, oneHot);
            float[] hardness = terms.hardness().toFloatArray();

            // Case 0, voxel 0: softmax of (0, ln3, 0) = (1/5, 3/5, 1/5); voxel 1: uniform 1/3 each.
            double ce0 = -(Math.log(3.0 / 5) + Math.log(1.0 / 3)) / 2;
            double dice01 = (2 * 0.6 + S) / (0.6 + 1.0 / 3 + 1 + S);
            double ce1 = Math.log(3);
            assertThat(hardness).hasSize(2);
            assertThat((double) hardness[0]).isCloseTo(ce0 + (1 - dice01), within(1e-6));
            assertThat((double) hardness[1]).isCloseTo(ce1, within(1e-6));
        }
    }

    @Test
    void batchObjectiveIsMeanCrossEntropyPlusDiceOverTheWholeBatchWithoutBackground() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 2;
        int k = 4;
        int v = 27;
        float[] z = new float[n * k * v];
        float[] y = new float[n * k * v];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextGaussian();
        }
        for (int c = 0; c < n; c++) {
            for (int voxel = 0; voxel < v; voxel++) {
                y[(c * k + random.nextInt(k - 1)) * v + voxel] = 1; // class 3 never labelled
            }
        }
        double expected = reference(z, y, n, k, v);
        try (NDManager manager = TorchEngine.get().newBaseManager()) {
            SegmentationLoss.Terms terms = SegmentationLoss.of(manager.create(z, new Shape(n, k, 3, 3, 3)),
                    manager.create(y, new Shape(n, k, 3, 3, 3)));
            assertThat((double) terms.objective(null).getFloat()).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void importanceWeightsWeightTheCaseLosses() {
        try (NDManager manager = TorchEngine.get().newBaseManager()) {
            NDArray oneHot = manager.create(new float[] {1, 0, 0, 1, 0, 1, 1, 0}, new Shape(2, 2, 1, 1, 2));
            NDArray logits = manager.create(new float[] {1, 0, 2, 0, 0, 0, 0, 3}, new Shape(2, 2, 1, 1, 2));
            SegmentationLoss.Terms terms = SegmentationLoss.of(logits, oneHot);
            float[] h = terms.hardness().toFloatArray();
            assertThat((double) terms.objective(new float[] {2, 0.5f}).getFloat())
                    .isCloseTo((2 * h[0] + 0.5 * h[1]) / 2, within(1e-6));
        }
    }

    @Test
    void aConfidentCorrectPredictionScoresNearZero() {
        try (NDManager manager = TorchEngine.get().newBaseManager()) {
            NDArray oneHot = manager.create(new float[] {1, 0, 0, 1, 0, 1, 1, 0}, new Shape(1, 2, 2, 2, 1));
            NDArray logits = oneHot.mul(40).sub(20);
            SegmentationLoss.Terms terms = SegmentationLoss.of(logits, oneHot);
            assertThat((double) terms.hardness().getFloat(0)).isCloseTo(0, within(1e-5));
            assertThat((double) terms.objective(null).getFloat()).isCloseTo(0, within(1e-5));
        }
    }

    /** The batch objective written out with loops over plain arrays, (N, K, V) in row-major order. */
    private static double reference(float[] z, float[] y, int n, int k, int v) {
        double[] intersection = new double[k];
        double[] predicted = new double[k];
        double[] labelled = new double[k];
        double crossEntropy = 0;
        for (int c = 0; c < n; c++) {
            for (int voxel = 0; voxel < v; voxel++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int cls = 0; cls < k; cls++) {
                    max = Math.max(max, z[(c * k + cls) * v + voxel]);
                }
                double sum = 0;
                for (int cls = 0; cls < k; cls++) {
                    sum += Math.exp(z[(c * k + cls) * v + voxel] - max);
                }
                for (int cls = 0; cls < k; cls++) {
                    int at = (c * k + cls) * v + voxel;
                    double p = Math.exp(z[at] - max) / sum;
                    intersection[cls] += p * y[at];
                    predicted[cls] += p;
                    labelled[cls] += y[at];
                    crossEntropy -= y[at] * Math.log(p) / v / n;
                }
            }
        }
        double dice = 0;
        for (int cls = 1; cls < k; cls++) {
            dice += (2 * intersection[cls] + S) / (predicted[cls] + labelled[cls] + S) / (k - 1);
        }
        return crossEntropy + 1 - dice;
    }
}
