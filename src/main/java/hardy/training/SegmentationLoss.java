package hardy.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Soft Dice plus cross-entropy, the loss of nnU-Net and of Fidon et al., computed <em>per case</em>: hardness
 * weighted sampling needs one loss value for every case of the batch, not only their mean.
 *
 * <p>For case {@code n} with softmax probabilities {@code p} and one-hot labels {@code y} over {@code V} voxels
 * and {@code K} classes:
 * <pre>
 *   CE_n   = -(1/V) sum_v sum_k y_kv log p_kv
 *   Dice_n = 1 - (1/K) sum_k (2 sum_v p_kv y_kv + s) / (sum_v p_kv + sum_v y_kv + s),   s = 1e-5
 *   loss_n = Dice_n + CE_n
 * </pre>
 * The smoothing {@code s} only keeps classes absent from both prediction and labels finite. A perfect,
 * confident prediction scores close to 0; a uniform one scores about {@code 1 + ln K}.
 */
public final class SegmentationLoss {

    /** Dice smoothing, as in nnU-Net. */
    static final float SMOOTH = 1e-5f;

    private SegmentationLoss() {
    }

    /**
     * The loss of each case of the batch.
     *
     * @param logits raw network output {@code (N, K, D, H, W)}
     * @param oneHot one-hot labels of the same shape and data type
     * @return shape {@code (N)}: one loss per case, differentiable with respect to {@code logits}
     */
    public static NDArray perCase(NDArray logits, NDArray oneHot) {
        Shape shape = logits.getShape();
        if (!shape.equals(oneHot.getShape()) || shape.dimension() < 3) {
            throw new IllegalArgumentException("logits " + shape + " and labels " + oneHot.getShape()
                    + " must have the same (N, K, spatial...) shape");
        }
        long n = shape.get(0);
        long k = shape.get(1);
        // (N, K, V): one axis per reduction, which the engine supports everywhere.
        NDArray z = logits.reshape(n, k, -1);
        NDArray y = oneHot.reshape(n, k, -1);
        long voxels = z.getShape().get(2);

        NDArray logP = z.logSoftmax(1);
        NDArray crossEntropy = y.mul(logP).sum(new int[] {2}).sum(new int[] {1}).div(-voxels);

        NDArray p = logP.exp();
        NDArray overlap = p.mul(y).sum(new int[] {2}).mul(2).add(SMOOTH);
        NDArray total = p.sum(new int[] {2}).add(y.sum(new int[] {2})).add(SMOOTH);
        NDArray dice = overlap.div(total).mean(new int[] {1});
        return dice.neg().add(1).add(crossEntropy);
    }
}
