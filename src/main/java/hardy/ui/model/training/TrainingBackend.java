package hardy.ui.model.training;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.VolumeReaders;
import hardy.training.Trainer;
import hardy.training.TrainingCase;
import hardy.training.TrainingListener;
import hardy.training.TrainingOptions;
import hardy.training.unet.UNet3dConfig;
import hardy.volume.LabelMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where the training tab calls the trainer ({@code hardy.training}). Everything the tab shows comes
 * from here as plain values, so new trainer features (validation metrics, export with its parity check, a starting
 * model's weights) are wired in this class only.
 *
 * <p>Not yet here, waiting for the other branches: fine-tuning from an installed model (the settings' starting
 * model is ignored and training starts from scratch), validation Dice, and export.
 */
public final class TrainingBackend implements AutoCloseable {

    /** The file a complete checkpoint always has (see {@link Trainer#saveCheckpoint}). */
    static final String CHECKPOINT_MARKER = "progress.properties";

    /** The state after one iteration, copied off the trainer. */
    public record Snapshot(int iteration, double loss, double[] probabilities, double[] staleLosses) {
    }

    private final Trainer trainer;
    private final List<TrainingCaseRecord> cases;

    private TrainingBackend(Trainer trainer, List<TrainingCaseRecord> cases) {
        this.trainer = trainer;
        this.cases = List.copyOf(cases);
    }

    /** The network trained from the tab for a number of classes (background included). */
    public static UNet3dConfig defaultNetwork(int classes) {
        return new UNet3dConfig(1, classes, 16, 3);
    }

    /**
     * Reads the training cases and prepares the trainer, continuing from {@code checkpoint} if it holds a complete
     * checkpoint. The gradient self-check runs here.
     *
     * @param network the network's shape, or {@code null} for {@link #defaultNetwork} with the cases' label count
     * @throws IOException           if a case or the checkpoint cannot be read
     * @throws IllegalStateException if the engine fails the gradient self-check (message in plain words)
     */
    public static TrainingBackend open(TrainingWorkspace workspace, List<TrainingCaseRecord> trainingCases,
            TrainingSettings settings, UNet3dConfig network, long seed, Path checkpoint, Cancellation cancel)
            throws IOException {
        VolumeReaders readers = VolumeReaders.installed();
        List<TrainingCase> read = new ArrayList<>();
        int maxLabel = 1;
        for (TrainingCaseRecord c : trainingCases) {
            cancel.check();
            LabelMap labels = LabelMap.fromImage(readers.read(workspace.labelsOf(c)).volume());
            read.add(new TrainingCase(readers.read(workspace.imageOf(c)).volume(), labels));
            maxLabel = Math.max(maxLabel, labels.counts().length - 1);
        }
        UNet3dConfig config = network != null ? network : defaultNetwork(maxLabel + 1);
        TrainingOptions options = settings.toOptions(config, seed);
        Trainer trainer = hasCheckpoint(checkpoint) ? Trainer.resume(options, read, checkpoint)
                : new Trainer(options, read);
        return new TrainingBackend(trainer, trainingCases);
    }

    /** Whether {@code dir} holds a complete checkpoint to resume from. */
    public static boolean hasCheckpoint(Path dir) {
        return dir != null && Files.isRegularFile(dir.resolve(CHECKPOINT_MARKER));
    }

    /** The gradient self-check's result in one line. */
    public String selfCheckText() {
        return trainer.selfCheck().describe();
    }

    /** Iterations done so far, including those of a resumed checkpoint. */
    public int iterations() {
        return trainer.iterations();
    }

    /** The cases being trained on, in the sampler's order. */
    public List<TrainingCaseRecord> cases() {
        return cases;
    }

    /** Runs one iteration and returns what the tab shows. */
    public Snapshot iterate(Cancellation cancel) {
        double[] loss = {Double.NaN};
        trainer.train(1, ProgressListener.NONE, cancel, (TrainingListener.Iteration r) -> loss[0] = r.loss());
        return new Snapshot(trainer.iterations(), loss[0], trainer.sampler().probabilities(),
                trainer.sampler().losses());
    }

    /** Writes a checkpoint (each file atomic). */
    public void saveCheckpoint(Path dir) throws IOException {
        trainer.saveCheckpoint(dir);
    }

    @Override
    public void close() {
        trainer.close();
    }
}
