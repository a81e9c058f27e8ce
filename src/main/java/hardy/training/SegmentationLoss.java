package hardy.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The training loss, cross-entropy plus soft Dice, in the two forms a run needs from one forward pass of a batch.
 *
 * <p>For case {@code n} with softmax probabilities {@code p} and one-hot labels {@code y} over {@code V} voxels
 * and classes {@code k = 0..K-1} (0 is background):
 * <pre>
 *   CE_n        = -(1/V) sum_v sum_k y_nkv log p_nkv
 *   d_nk        = (2 sum_v p_nkv y_nkv + s) / (sum_v p_nkv + sum_v y_nkv + s),   s = 1e-5
 *   hardness_n  = CE_n + mean over foreground classes k present in case n's labels of (1 - d_nk)
 *   D_k         = the same ratio with the sums taken over the whole batch (n and v)
 *   objective   = mean_n CE_n + 1 - mean over k >= 1 of D_k            (nnU-Net's "batch Dice", no background)
 * </pre>
 * {@link #objective} is what the optimiser minimises: summing Dice over the batch keeps small structures that
 * are absent from one patch from producing a noisy, fixed term. {@link #hardness} is what the hardness weighted
 * sampler ranks cases by: background and classes absent from a case's patch are left out because they measure
 * the patch's position, not the case's difficulty (a patch without ventricles would otherwise score a constant
 * 1/K per absent class). A case whose patch holds no foreground scores its cross-entropy alone.
 */
public final class SegmentationLoss {

    /** Dice smoothing, as in nnU-Net. */
    static final float SMOOTH = 1e-5f;

    /** The two forms of the loss for one batch. */
    public record Terms(NDArray hardness, NDArray crossEntropy, NDArray batchDice) {

        /**
         * What the optimiser minimises: with {@code weights} null, the batch objective; otherwise (importance
         * weighted sampling, the paper's form) the weighted mean of the per-case losses.
         *
         * @param weights one weight per case, or null
         */
        public NDArray objective(float[] weights) {
            if (weights == null) {
                return crossEntropy.mean().add(batchDice);
            }
            NDArray w = hardness.getManager().create(weights);
            return hardness.mul(w).mean();
        }
    }

    private SegmentationLoss() {
    }

    /**
     * Both forms of the loss of a batch.
     *
     * @param logits raw network output {@code (N, K, D, H, W)}
     * @param oneHot one-hot labels of the same shape and data type
     * @throws IllegalArgumentException if the shapes differ
     */
    public static Terms of(NDArray logits, NDArray oneHot) {
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
        NDArray intersection = p.mul(y).sum(new int[] {2}); // (N, K)
        NDArray predicted = p.sum(new int[] {2});
        NDArray labelled = y.sum(new int[] {2});

        // Per case, foreground classes present in its labels only.
        NDArray caseDice = intersection.mul(2).add(SMOOTH).div(predicted.add(labelled).add(SMOOTH));
        NDArray present = labelled.get(":, 1:").gt(0).toType(logits.getDataType(), false);
        NDArray misses = caseDice.get(":, 1:").neg().add(1).mul(present).sum(new int[] {1});
        NDArray presentCount = present.sum(new int[] {1}).maximum(1);
        NDArray hardness = crossEntropy.add(misses.div(presentCount));

        // Over the batch, foreground classes only.
        NDArray batchIntersection = intersection.sum(new int[] {0}).get("1:");
        NDArray batchTotal = predicted.sum(new int[] {0}).add(labelled.sum(new int[] {0})).get("1:");
        NDArray batchDice = batchIntersection.mul(2).add(SMOOTH).div(batchTotal.add(SMOOTH)).mean().neg().add(1);
        return new Terms(hardness, crossEntropy, batchDice);
    }
}
