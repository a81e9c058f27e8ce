package hardy.training;

import hardy.training.unet.UNet3dConfig;
import java.util.Objects;

/**
 * What a training run does.
 *
 * @param network          the U-Net to train
 * @param patchX           patch side along i (columns); all sides are multiples of {@code 2^depth}
 * @param patchY           patch side along j (rows)
 * @param patchZ           patch side along k (slices)
 * @param batchSize        distinct cases drawn by the sampler per iteration
 * @param learningRate     Adam step size
 * @param beta             hardness weighted sampling robustness; 0 is plain ERM
 * @param foregroundShare  share of patches centred on a labelled (non-zero) voxel, in [0, 1]
 * @param importanceWeights whether per-case losses are weighted by the sampler's importance weights
 * @param seed             seed of the weights, the sampler and the patch positions
 * @param momentum         the sampler's loss momentum in [0, 1): 0 keeps each case's latest loss (the paper's
 *                         default)
 * @param augment          whether patches are augmented on the fly ({@link Augmentation})
 * @param schedule         how the learning rate decays over {@code totalIterations}
 * @param totalIterations  the run's length, for the schedule (0 with {@link LearningRateSchedule#CONSTANT})
 * @param effectiveShare   0 to sample with the fixed {@code beta}; otherwise the constrained form
 *                         ({@link hardy.training.sampler.EffectiveShare}): after every iteration {@code beta} is set so
 *                         that the sampler effectively draws from this share of the cases, in (0, 1]
 */
public record TrainingOptions(UNet3dConfig network, int patchX, int patchY, int patchZ, int batchSize,
        double learningRate, double beta, double foregroundShare, boolean importanceWeights, long seed,
        double momentum, boolean augment, LearningRateSchedule schedule, int totalIterations,
        double effectiveShare) {

    /** Options with a fixed {@code beta} (no effective-share target). */
    public TrainingOptions(UNet3dConfig network, int patchX, int patchY, int patchZ, int batchSize,
            double learningRate, double beta, double foregroundShare, boolean importanceWeights, long seed,
            double momentum, boolean augment, LearningRateSchedule schedule, int totalIterations) {
        this(network, patchX, patchY, patchZ, batchSize, learningRate, beta, foregroundShare, importanceWeights,
                seed, momentum, augment, schedule, totalIterations, 0);
    }

    /** Options with the sampler's momentum 0, no augmentation and a constant learning rate. */
    public TrainingOptions(UNet3dConfig network, int patchX, int patchY, int patchZ, int batchSize,
            double learningRate, double beta, double foregroundShare, boolean importanceWeights, long seed) {
        this(network, patchX, patchY, patchZ, batchSize, learningRate, beta, foregroundShare, importanceWeights, seed,
                0, false, LearningRateSchedule.CONSTANT, 0);
    }

    /** @throws IllegalArgumentException on a value out of range */
    public TrainingOptions {
        Objects.requireNonNull(network, "network");
        int multiple = network.sizeMultiple();
        if (patchX < multiple || patchY < multiple || patchZ < multiple || patchX % multiple != 0
                || patchY % multiple != 0 || patchZ % multiple != 0) {
            throw new IllegalArgumentException("patch sides must be positive multiples of " + multiple + ", not "
                    + patchX + "x" + patchY + "x" + patchZ);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        if (!(learningRate > 0) || !(beta >= 0) || Double.isInfinite(beta)
                || !(foregroundShare >= 0 && foregroundShare <= 1) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("learning rate " + learningRate + ", beta " + beta
                    + ", foreground share " + foregroundShare + " or momentum " + momentum + " out of range");
        }
        if (!(effectiveShare >= 0 && effectiveShare <= 1)) {
            throw new IllegalArgumentException("effective share " + effectiveShare + " out of range [0, 1]");
        }
        Objects.requireNonNull(schedule, "schedule");
        if (totalIterations < 0 || (schedule != LearningRateSchedule.CONSTANT && totalIterations < 1)) {
            throw new IllegalArgumentException("a " + schedule + " schedule needs the run's total iterations");
        }
    }

    /** These options with the constrained form of the sampler: {@code beta} set to keep this effective share. */
    public TrainingOptions withEffectiveShare(double share) {
        return new TrainingOptions(network, patchX, patchY, patchZ, batchSize, learningRate, beta, foregroundShare,
                importanceWeights, seed, momentum, augment, schedule, totalIterations, share);
    }

    /** Voxels per patch. */
    public int patchVoxels() {
        return patchX * patchY * patchZ;
    }
}
