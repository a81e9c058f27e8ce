package hardy.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SegmentationLossTest {

    private static final double S = SegmentationLoss.SMOOTH;

    @Test
    void eachCaseGetsItsOwnDicePlusCrossEntropy() {
        try (NDManager manager = TorchEngine.get().newBaseManager()) {
            float ln3 = (float) Math.log(3);
            // Two cases, two classes, two voxels (shape 2 x 2 x 1 x 1 x 2).
            // Case 0: p(class 1) = [3/4, 1/2]; labels [1, 0]. Case 1: uniform logits; labels [1, 1].
            NDArray logits = manager.create(new float[] {
                0, 0, ln3, 0,
                0, 0, 0, 0}, new Shape(2, 2, 1, 1, 2));
            NDArray oneHot = manager.create(new float[] {
                0, 1, 1, 0,
                0, 0, 1, 1}, new Shape(2, 2, 1, 1, 2));

            float[] loss = SegmentationLoss.perCase(logits, oneHot).toFloatArray();

            double ce0 = -(Math.log(0.75) + Math.log(0.5)) / 2;
            double dice0 = ((2 * 0.5 + S) / (0.75 + 1 + S) + (2 * 0.75 + S) / (1.25 + 1 + S)) / 2;
            double ce1 = Math.log(2);
            double dice1 = ((0 + S) / (1 + 0 + S) + (2 * 1.0 + S) / (1 + 2 + S)) / 2;
            assertThat(loss).hasSize(2);
            assertThat((double) loss[0]).isCloseTo(1 - dice0 + ce0, within(1e-6));
            assertThat((double) loss[1]).isCloseTo(1 - dice1 + ce1, within(1e-6));
        }
    }

    @Test
    void aConfidentCorrectPredictionScoresNearZero() {
        try (NDManager manager = TorchEngine.get().newBaseManager()) {
            NDArray oneHot = manager.create(new float[] {1, 0, 0, 1, 0, 1, 1, 0}, new Shape(1, 2, 2, 2, 1));
            NDArray logits = oneHot.mul(40).sub(20);
            assertThat((double) SegmentationLoss.perCase(logits, oneHot).getFloat(0)).isCloseTo(0, within(1e-5));
        }
    }
}
