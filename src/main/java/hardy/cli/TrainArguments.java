package hardy.cli;

import hardy.training.LearningRateSchedule;
import hardy.training.session.RunSettings;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options of {@code hardy train}, and the run settings they make. */
final class TrainArguments {

    @Option(names = "--cases", paramLabel = "DIR|CSV", description = "Training cases.")
    Path cases;

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "Train on the training tab's workspace instead of --cases: its training and validation "
                    + "cases, and its checkpoint folder, so that a run stopped here continues in the tab and the "
                    + "other way round (the app's is in your data folder, under training).")
    Path workspace;

    @Option(names = "--val", paramLabel = "DIR|CSV",
            description = "Held-back cases, segmented with the exported model at the end (Dice, HD95).")
    Path val;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR",
            description = "Model folder to write (must not exist yet, or be empty).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "Model name (default: the folder's name).")
    String name;

    @Option(names = "--description", paramLabel = "TEXT",
            description = "One paragraph for the model picker: what the model is for and what it was trained on.")
    String description;

    @Option(names = "--beta", defaultValue = "0", paramLabel = "B",
            description = "Robustness in the paper's form: 0 (default) is standard training (ERM); the paper uses "
                    + "100. Hardy's experiments (docs/experiments/erm-vs-hws.md) found no gain from hardness "
                    + "weighted sampling yet, so it is off by default; see also --ess-share.")
    double beta;

    @Option(names = "--ess-share", paramLabel = "S",
            description = "Robustness as the share of cases the sampler effectively draws from, in (0, 1]: beta is "
                    + "then set from the current losses after every iteration so that exp(entropy) of the sampling "
                    + "distribution is S times the number of cases (a KL ball of radius -ln S). 1 is standard "
                    + "training. Replaces --beta; the progress line shows the effective number either way.")
    Double essShare;

    @Option(names = "--importance-weights", description = "Weight each case's loss by the sampler's importance "
            + "weight, clipped to [0.1, 10].")
    boolean importanceWeights;

    @Option(names = "--momentum", defaultValue = "0", paramLabel = "M",
            description = "Momentum of the sampler's loss updates in [0, 1) (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--iterations", defaultValue = "1000", paramLabel = "N",
            description = "Total iterations of the run (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--patch", defaultValue = "32", paramLabel = "VOXELS",
            description = "Cubic patch side, a multiple of 2^depth (default: ${DEFAULT-VALUE}).")
    int patch;

    @Option(names = "--batch", defaultValue = "2", paramLabel = "B",
            description = "Distinct cases per iteration (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "RATE",
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--schedule", defaultValue = "poly", paramLabel = "constant|poly|cosine",
            description = "Learning-rate schedule over --iterations (default: ${DEFAULT-VALUE}, as nnU-Net).")
    String schedule;

    @Option(names = "--augment", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Augment patches on the fly: small rotations and scaling, mirroring, gamma, intensity "
                    + "scale, noise, bias field (default: on; --no-augment turns it off).")
    boolean augment;

    @Option(names = "--foreground-share", defaultValue = "0.5", paramLabel = "F",
            description = "Share of patches centred on a labelled class, each class present equally often "
                    + "(default: ${DEFAULT-VALUE}).")
    double foregroundShare;

    @Option(names = "--base-channels", defaultValue = "8", paramLabel = "C",
            description = "Feature channels at full resolution (default: ${DEFAULT-VALUE}).")
    int baseChannels;

    @Option(names = "--depth", defaultValue = "3", paramLabel = "D",
            description = "Number of downsamplings (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--spacing", paramLabel = "MM", split = ",",
            description = "Model voxel spacing: one value or three (default: --init's, else the cases' median).")
    double[] spacing;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of weights, sampler and patches.")
    long seed;

    @Option(names = "--init", paramLabel = "MODEL_DIR",
            description = "Fine-tune this Hardy model (its network shape, spacing and labels are kept).")
    Path init;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "Checkpoint folder (default: OUT.checkpoint beside the model folder).")
    Path checkpoint;

    @Option(names = "--checkpoint-every", defaultValue = "100", paramLabel = "N",
            description = "Iterations between checkpoints (default: ${DEFAULT-VALUE}); also written on Ctrl-C.")
    int checkpointEvery;

    @Option(names = "--val-every", defaultValue = "0", paramLabel = "N",
            description = "Also score the --val cases every N iterations (0: only at the end).")
    int valEvery;

    @Option(names = "--loss-log", paramLabel = "CSV",
            description = "Append every iteration's per-case losses to this CSV (iteration, case, loss, weight, "
                    + "effective cases, beta), for studying the hardness signal.")
    Path lossLog;

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads for PyTorch (default: all cores).")
    Integer threads;

    @Option(names = "--resume", description = "Continue the run in the checkpoint folder up to --iterations.")
    boolean resume;

    @Option(names = "--install", description = "Also install the finished model into your model folder (see "
            + "'hardy models'), where the viewer's model picker finds it.")
    boolean install;

    /**
     * The run's settings.
     *
     * @throws IllegalArgumentException with every problem of the settings, in plain words
     */
    RunSettings settings() {
        if (spacing != null && spacing.length != 1 && spacing.length != 3) {
            throw new IllegalArgumentException("--spacing takes one or three values in mm");
        }
        if (essShare != null && !(essShare > 0)) {
            throw new IllegalArgumentException("The effective share of cases must be above 0 and at most 1.");
        }
        double[] grid = spacing == null ? null
                : spacing.length == 1 ? new double[] {spacing[0], spacing[0], spacing[0]} : spacing.clone();
        return new RunSettings(beta, essShare == null ? 0 : essShare, importanceWeights, momentum, iterations, patch,
                batch, learningRate, schedule(), augment, foregroundShare, baseChannels, depth, seed, grid,
                checkpointEvery, valEvery).check();
    }

    private LearningRateSchedule schedule() {
        try {
            return LearningRateSchedule.valueOf(schedule.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--schedule takes constant, poly or cosine, not " + schedule);
        }
    }
}
