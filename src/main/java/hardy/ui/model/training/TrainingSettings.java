package hardy.ui.model.training;

import hardy.training.LearningRateSchedule;
import hardy.training.TrainingOptions;
import hardy.training.unet.UNet3dConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The training tab's settings, as the user sets them; {@link #problems()} lists what is wrong in plain words and
 * {@link #toOptions} builds the trainer's options once there is nothing wrong.
 *
 * @param startingModel      the folder of an installed model to fine-tune (its network, grid and labels are kept),
 *                           or {@code null} to train a new network from scratch
 * @param beta               hardness weighted sampling strength (0 = standard training, the default; 100 the paper's)
 * @param importanceWeights  whether per-case losses are weighted by the sampler's importance weights
 * @param iterations         iterations to run
 * @param learningRate       Adam step size
 * @param patchSize          side of the cubic training patch in voxels
 * @param batchSize          cases per iteration
 * @param augmentation       whether patches are augmented on the fly
 * @param device             "cpu" or "gpu"
 * @param validationEvery    run validation every this many iterations (0 = never)
 */
public record TrainingSettings(Path startingModel, double beta, boolean importanceWeights, int iterations,
        double learningRate, int patchSize, int batchSize, boolean augmentation, String device, int validationEvery) {

    /** The largest beta the slider offers. */
    public static final double MAX_BETA = 1000;

    /**
     * The defaults: from scratch, beta 0 (standard training: neither experiment in
     * docs/experiments/erm-vs-hws.md found hardness weighted sampling better yet), 200 iterations, 32³ patches (the
     * shipped model's), batch 2, augmentation on, validation every 50 iterations, on the GPU when there is one.
     */
    public static TrainingSettings defaults(boolean gpuAvailable) {
        return new TrainingSettings(null, 0, false, 200, 1e-3, 32, 2, true, gpuAvailable ? "gpu" : "cpu", 50);
    }

    /** The same settings fine-tuning {@code model} ({@code null}: from scratch). */
    public TrainingSettings withStartingModel(Path model) {
        return new TrainingSettings(model, beta, importanceWeights, iterations, learningRate, patchSize, batchSize,
                augmentation, device, validationEvery);
    }

    /** What is wrong, one plain sentence per problem; empty when the settings can be used. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (!(beta >= 0 && beta <= MAX_BETA)) {
            out.add("Beta must be between 0 and " + (int) MAX_BETA + ".");
        }
        if (iterations < 1) {
            out.add("Run at least one iteration.");
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            out.add("The learning rate must be above 0 and at most 1 (1e-3 is a good start).");
        }
        if (patchSize < 16 || patchSize % 8 != 0 || patchSize > 256) {
            out.add("The patch size must be a multiple of 8 between 16 and 256.");
        }
        if (batchSize < 1 || batchSize > 64) {
            out.add("The batch size must be between 1 and 64.");
        }
        if (!"cpu".equals(device) && !"gpu".equals(device)) {
            out.add("The device must be CPU or GPU.");
        }
        if (validationEvery < 0) {
            out.add("Validate every 0 (never) or more iterations.");
        }
        return out;
    }

    /** Whether a run can start with these settings given the number of training cases. */
    public List<String> problems(int trainingCases) {
        List<String> out = problems();
        if (trainingCases < 1) {
            out.add("Add at least one training case.");
        } else if (batchSize > trainingCases) {
            out.add("The batch size (" + batchSize + ") is larger than the number of training cases ("
                    + trainingCases + ").");
        }
        return out;
    }

    /** A plain-words hint for a value of beta, shown under the slider. */
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

    /**
     * The trainer's options for a network of {@code network}'s shape.
     *
     * @throws IllegalStateException listing the problems, if any
     */
    public TrainingOptions toOptions(UNet3dConfig network, long seed) {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new IllegalStateException(String.join(" ", p));
        }
        return new TrainingOptions(network, patchSize, patchSize, patchSize, batchSize, learningRate, beta, 0.5,
                importanceWeights, seed, 0, augmentation, LearningRateSchedule.POLY, iterations);
    }
}
