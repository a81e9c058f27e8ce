package hardy.training.session;

import hardy.training.LearningRateSchedule;
import hardy.training.TrainingOptions;
import hardy.training.unet.UNet3dConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Everything a training run is set up with, the same for {@code hardy train} and the training tab, and the one
 * place where settings are checked: {@link #problems()} lists what is wrong in plain words (the tab shows them,
 * the command line prints them), {@link #toOptions} builds the trainer's options.
 *
 * @param beta              hardness weighted sampling strength (0 = standard training; the paper uses 100)
 * @param effectiveShare    0 to sample with the fixed {@code beta}; otherwise the share of cases, in (0, 1], the
 *                          sampler effectively draws from ({@code beta} is then set after every iteration)
 * @param importanceWeights whether per-case losses are weighted by the sampler's importance weights
 * @param momentum          the sampler's loss momentum in [0, 1)
 * @param iterations        the run's total iterations
 * @param patch             side of the cubic training patch in voxels, a multiple of {@code 2^depth}
 * @param batch             distinct cases per iteration
 * @param learningRate      Adam step size
 * @param schedule          how the learning rate decays over the run
 * @param augment           whether patches are augmented on the fly
 * @param foregroundShare   share of patches centred on a labelled class, in [0, 1]
 * @param baseChannels      feature channels at full resolution of a network trained from scratch
 * @param depth             downsamplings of a network trained from scratch
 * @param seed              seed of weights, sampler, patches and augmentation
 * @param spacing           the model grid's voxel size in mm, or {@code null} for the starting model's (else the
 *                          cases' median)
 * @param checkpointEvery   iterations between checkpoints
 * @param validationEvery   score the model every this many iterations (0: only the finished model)
 */
public record RunSettings(double beta, double effectiveShare, boolean importanceWeights, double momentum,
        int iterations, int patch, int batch, double learningRate, LearningRateSchedule schedule, boolean augment,
        double foregroundShare, int baseChannels, int depth, long seed, double[] spacing, int checkpointEvery,
        int validationEvery) {

    /** The largest patch side accepted (a 256³ float patch is 64 MB per channel already). */
    public static final int MAX_PATCH = 256;

    /**
     * The defaults: standard training (beta 0: neither experiment in docs/experiments/erm-vs-hws.md found hardness
     * weighted sampling better yet), 1000 iterations, 32³ patches, batch 2, Adam at 1e-3 with the poly schedule
     * (as nnU-Net), augmentation on, half the patches on labels, the shipped model's network (8 channels, depth
     * 3), seed 1, a checkpoint every 100 iterations, validation only at the end.
     */
    public static final RunSettings DEFAULTS = new RunSettings(0, 0, false, 0, 1000, 32, 2, 1e-3,
            LearningRateSchedule.POLY, true, 0.5, 8, 3, 1, null, 100, 0);

    /** Copies the spacing. */
    public RunSettings {
        spacing = spacing == null ? null : spacing.clone();
    }

    @Override
    public double[] spacing() {
        return spacing == null ? null : spacing.clone();
    }

    /** What is wrong, one plain sentence per problem; empty when the settings can be used. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            out.add("Beta must be 0 or more.");
        }
        if (!(effectiveShare >= 0 && effectiveShare <= 1)) {
            out.add("The effective share of cases must be above 0 and at most 1.");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            out.add("The sampler's momentum must be at least 0 and below 1.");
        }
        if (iterations < 1) {
            out.add("Run at least one iteration.");
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            out.add("The learning rate must be above 0 and at most 1 (1e-3 is a good start).");
        }
        if (baseChannels < 1 || baseChannels > 256) {
            out.add("The network's base channels must be between 1 and 256.");
        }
        if (depth < 1 || depth > 6) {
            out.add("The network's depth must be between 1 and 6.");
        }
        int multiple = 1 << Math.clamp(depth, 1, 6);
        if (patch < multiple || patch > MAX_PATCH || patch % multiple != 0) {
            out.add("The patch size must be a multiple of " + multiple + " between " + multiple + " and " + MAX_PATCH
                    + ".");
        }
        if (batch < 1) {
            out.add("The batch size must be at least 1.");
        }
        if (schedule == null) {
            out.add("Choose a learning-rate schedule: constant, poly or cosine.");
        }
        if (!(foregroundShare >= 0 && foregroundShare <= 1)) {
            out.add("The foreground share must be between 0 and 1.");
        }
        if (spacing != null && (spacing.length != 3
                || Arrays.stream(spacing).anyMatch(s -> !(s > 0) || Double.isInfinite(s)))) {
            out.add("The voxel spacing takes three positive values in mm.");
        }
        if (checkpointEvery < 1) {
            out.add("Write a checkpoint at least every iteration (1 or more).");
        }
        if (validationEvery < 0) {
            out.add("Validate every 0 (only at the end) or more iterations.");
        }
        return out;
    }

    /** {@link #problems()} and those of the number of training cases. */
    public List<String> problems(int trainingCases) {
        List<String> out = problems();
        if (trainingCases < 1) {
            out.add("Add at least one training case.");
        } else if (batch > trainingCases) {
            out.add("The batch size (" + batch + ") is larger than the number of training cases (" + trainingCases
                    + ").");
        }
        return out;
    }

    /**
     * Throws if there is a problem.
     *
     * @throws IllegalArgumentException with the problems, one sentence each
     */
    public RunSettings check() {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", p));
        }
        return this;
    }

    /** The trainer's options for a network of {@code network}'s shape (after {@link #check}). */
    public TrainingOptions toOptions(UNet3dConfig network) {
        check();
        return new TrainingOptions(network, patch, patch, patch, batch, learningRate, beta, foregroundShare,
                importanceWeights, seed, momentum, augment, schedule, iterations, effectiveShare);
    }

    /** The network trained from scratch for a number of classes (background included). */
    public UNet3dConfig network(int classes) {
        return new UNet3dConfig(1, classes, baseChannels, depth);
    }

    /** These settings with another sampler: {@code beta}, importance weights. */
    public RunSettings withSampler(double newBeta, boolean newImportanceWeights) {
        return new RunSettings(newBeta, effectiveShare, newImportanceWeights, momentum, iterations, patch, batch,
                learningRate, schedule, augment, foregroundShare, baseChannels, depth, seed, spacing,
                checkpointEvery, validationEvery);
    }

    /** These settings with another length, patch, batch, learning rate and augmentation. */
    public RunSettings withSchedule(int newIterations, int newPatch, int newBatch, double newLearningRate,
            boolean newAugment) {
        return new RunSettings(beta, effectiveShare, importanceWeights, momentum, newIterations, newPatch, newBatch,
                newLearningRate, schedule, newAugment, foregroundShare, baseChannels, depth, seed, spacing,
                checkpointEvery, validationEvery);
    }

    /** These settings with other checkpoint and validation intervals. */
    public RunSettings withIntervals(int newCheckpointEvery, int newValidationEvery) {
        return new RunSettings(beta, effectiveShare, importanceWeights, momentum, iterations, patch, batch,
                learningRate, schedule, augment, foregroundShare, baseChannels, depth, seed, spacing,
                newCheckpointEvery, newValidationEvery);
    }

    /** These settings with another network shape for a run from scratch. */
    public RunSettings withNetwork(int newBaseChannels, int newDepth) {
        return new RunSettings(beta, effectiveShare, importanceWeights, momentum, iterations, patch, batch,
                learningRate, schedule, augment, foregroundShare, newBaseChannels, newDepth, seed, spacing,
                checkpointEvery, validationEvery);
    }

    /** A plain-words hint for a value of beta. */
    public static String betaHint(double beta) {
        if (beta == 0) {
            return "0: standard training — every case is drawn equally often.";
        }
        if (beta < 10) {
            return String.format(Locale.ROOT, "%.0f: cases the model gets wrong are drawn slightly more often.", beta);
        }
        if (beta <= 200) {
            return String.format(Locale.ROOT, "%.0f: hard cases are drawn much more often, so the model keeps "
                    + "working on rare anatomy (100 is the paper's setting).", beta);
        }
        return String.format(Locale.ROOT, "%.0f: training concentrates on the few hardest cases; robust to rare "
                + "cases but sensitive to wrong labels.", beta);
    }
}
