package hardy.training.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hardy.core.AtomicFiles;
import hardy.inference.ModelCard;
import hardy.training.LearningRateSchedule;
import hardy.training.Trainer;
import hardy.training.TrainingOptions;
import hardy.training.export.TrainedModelCards;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The layout of a run's checkpoint folder, the same whether {@code hardy train} or the training tab made it (see
 * docs/decisions/0010-checkpoint-layout-and-training-workspace.md): the trainer's checkpoint (network, optimiser and
 * sampler state, with {@value Trainer#PROGRESS_FILE} written last as the mark of a complete checkpoint),
 * {@value #RUN_FILE} (what the run was started with, so that only the same run is resumed), the interim model
 * of the latest validation ({@value #INTERIM_MODEL}) and the tab's finished model waiting for Export
 * ({@value #CANDIDATE_MODEL}).
 */
public final class CheckpointFolder {

    /** What the run was started with: the settings, a hash of the case list, and the starting model. */
    public static final String RUN_FILE = "run.json";
    /** The interim model of the latest validation. */
    public static final String INTERIM_MODEL = "validation-model";
    /** The finished run's model, parity-checked, waiting for Export (the training tab's output). */
    public static final String CANDIDATE_MODEL = "candidate-model";
    /** {@code startingModel} of a run trained from scratch. */
    public static final String NO_STARTING_MODEL = "none";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckpointFolder() {
    }

    /** Whether {@code dir} holds a complete checkpoint to resume from. */
    public static boolean hasCheckpoint(Path dir) {
        return Trainer.hasCheckpoint(dir);
    }

    /** The iterations of the checkpoint in {@code dir}, or 0 if there is none. */
    public static int iterations(Path dir) {
        return Trainer.checkpointIterations(dir);
    }

    /**
     * The run record: the trainer's settings ({@link TrainedModelCards#settings}), the model grid's spacing, a
     * hash of the training cases' names in the sampler's order and the starting model.
     */
    public static ObjectNode runRecord(TrainingOptions options, double[] spacing, List<String> caseNames,
            ModelCard startingModel) {
        ObjectNode run = TrainedModelCards.settings(options, options.totalIterations(), spacing, caseNames);
        run.put("startingModel", startingModel == null ? NO_STARTING_MODEL : startingModel.name() + " "
                + startingModel.version() + " sha256:" + startingModel.sha256());
        return run;
    }

    /** Writes {@value #RUN_FILE} into {@code dir} atomically. */
    public static void writeRun(Path dir, ObjectNode run) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(run);
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(RUN_FILE), o -> o.write(bytes));
    }

    /** The run record in {@code dir}, or {@code null} if there is none or it cannot be read. */
    public static ObjectNode readRun(Path dir) {
        Path file = dir.resolve(RUN_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile()) instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * What differs between a saved run record and the one of the run about to start, in words a user knows
     * ("beta 7.0 -> 8.0", "the training cases changed"); empty when it is the same run. The iteration count
     * counts only with a schedule that depends on it.
     */
    public static List<String> differences(ObjectNode saved, ObjectNode now) {
        return TrainedModelCards.differences(saved, now).stream().map(CheckpointFolder::plain).toList();
    }

    private static String plain(String difference) {
        if (difference.startsWith("caseListSha256")) {
            return "the training cases changed";
        }
        if (difference.startsWith("startingModel")) {
            return "another starting model";
        }
        return difference;
    }

    /** The run a checkpoint folder holds: its settings and starting model, as {@value #RUN_FILE} has them. */
    public record SavedRun(RunSettings settings, String startingModel) {
    }

    /**
     * The settings a checkpoint's run was started with, so that a run stopped by {@code hardy train} can be
     * continued in the training tab and the other way round; {@code null} if {@code dir} holds no complete
     * checkpoint with a readable record. Intervals, which the record does not hold, are taken from
     * {@code intervals}.
     */
    public static SavedRun savedRun(Path dir, RunSettings intervals) {
        ObjectNode run = hasCheckpoint(dir) ? readRun(dir) : null;
        if (run == null || !run.has("beta") || !run.has("schedule")) {
            return null;
        }
        JsonNode s = run.path("spacing");
        double[] spacing = s.size() == 3 ? new double[] {s.get(0).asDouble(), s.get(1).asDouble(),
            s.get(2).asDouble()} : null;
        LearningRateSchedule schedule;
        try {
            schedule = LearningRateSchedule.valueOf(run.path("schedule").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
        RunSettings settings = new RunSettings(run.path("beta").asDouble(), run.path("effectiveShare").asDouble(0),
                run.path("importanceWeights").asBoolean(), run.path("momentum").asDouble(),
                run.path("iterations").asInt(), run.path("patch").asInt(), run.path("batch").asInt(),
                run.path("learningRate").asDouble(), schedule, run.path("augment").asBoolean(),
                run.path("foregroundShare").asDouble(), run.path("baseChannels").asInt(),
                run.path("depth").asInt(), run.path("seed").asLong(), spacing, intervals.checkpointEvery(),
                intervals.validationEvery());
        return new SavedRun(settings, run.path("startingModel").asText(NO_STARTING_MODEL));
    }
}
