package hardy.ui.model.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hardy.core.AtomicFiles;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.eval.CaseResult;
import hardy.eval.MetricSummary;
import hardy.inference.ModelCard;
import hardy.inference.SegmentationModel;
import hardy.training.Trainer;
import hardy.training.TrainingCase;
import hardy.training.TrainingCases;
import hardy.training.TrainingListener;
import hardy.training.TrainingOptions;
import hardy.training.Validation;
import hardy.training.export.ModelExport;
import hardy.training.export.ModelImport;
import hardy.training.export.TrainedModelCards;
import hardy.training.unet.UNet3dConfig;
import hardy.volume.LabelTable;
import hardy.volume.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where the training tab calls the trainer ({@code hardy.training}), with the same pieces as
 * {@code hardy train}: cases brought onto the model grid by {@link TrainingCases#load}, fine-tuning through
 * {@link ModelImport}, cards through {@link TrainedModelCards}, export with its parity check through
 * {@link ModelExport}, and scores through {@link Validation}. Everything the tab shows comes from here as plain
 * values.
 *
 * <p>The checkpoint folder holds, besides the trainer's checkpoint, {@value #RUN_FILE} (what the run was started
 * with, so a restarted app resumes only the same run), the latest interim model used for validation and, once the
 * run is finished, the candidate model that Export installs.
 */
public final class TrainingBackend implements AutoCloseable {

    /** The file a complete checkpoint always has (see {@link Trainer#saveCheckpoint}). */
    static final String CHECKPOINT_MARKER = Trainer.PROGRESS_FILE;
    /** What the run was started with. */
    public static final String RUN_FILE = "run.json";
    /** The interim model of the latest validation. */
    public static final String INTERIM_MODEL = "validation-model";
    /** The finished run's model, parity-checked, waiting for Export. */
    public static final String CANDIDATE_MODEL = "candidate-model";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What a run trains.
     *
     * @param workspace  the cases' workspace
     * @param training   the cases the sampler draws
     * @param validation held-back cases, only scored
     * @param settings   the user's settings (including the starting model)
     * @param network    the network's shape for a run from scratch, or {@code null} for the shipped model's shape
     *                   (base 8, depth 3) with the cases' labels
     * @param seed       seed of weights, sampler, patches and augmentation
     */
    public record Plan(TrainingWorkspace workspace, List<TrainingCaseRecord> training,
            List<TrainingCaseRecord> validation, TrainingSettings settings, UNet3dConfig network, long seed) {
        /** Copies the lists. */
        public Plan {
            training = List.copyOf(training);
            validation = List.copyOf(validation);
        }
    }

    /** The state after one iteration, copied off the trainer. */
    public record Snapshot(int iteration, double loss, double[] probabilities, double[] staleLosses,
            double effectiveCases, double beta) {
    }

    /**
     * Scores of the model at an iteration.
     *
     * @param iteration  the iteration the model was taken at
     * @param validation scores of the validation cases
     * @param training   scores of the training cases
     * @param labels     the model's labels
     */
    public record Scores(int iteration, List<CaseResult> validation, List<CaseResult> training, LabelTable labels) {
    }

    /**
     * The finished model next to the starting model on the same validation cases.
     *
     * @param trained      the new model's scores per validation case (empty without validation cases)
     * @param start        the starting model's scores on the same cases (empty when trained from scratch)
     * @param startName    the starting model's name and version, or {@code null}
     * @param labels       the labels
     */
    public record Comparison(List<CaseResult> trained, List<CaseResult> start, String startName,
            LabelTable labels) {
        /** Copies the lists. */
        public Comparison {
            trained = List.copyOf(trained);
            start = List.copyOf(start);
        }
    }

    private final Trainer trainer;
    private final Plan plan;
    private final ModelCard startCard;
    private final double[] spacing;
    private final ObjectNode run;
    private final Path checkpoint;

    private TrainingBackend(Trainer trainer, Plan plan, ModelCard startCard, double[] spacing, ObjectNode run,
            Path checkpoint) {
        this.trainer = trainer;
        this.plan = plan;
        this.startCard = startCard;
        this.spacing = spacing;
        this.run = run;
        this.checkpoint = checkpoint;
    }

    /** The network trained from scratch for a number of classes (background included): the shipped model's. */
    public static UNet3dConfig defaultNetwork(int classes) {
        return new UNet3dConfig(1, classes, 8, 3);
    }

    /**
     * Reads the cases onto the model grid and prepares the trainer (the gradient self-check runs here), fine-tuning
     * the starting model or continuing from {@code checkpoint} if it holds a complete checkpoint of the same run.
     *
     * @throws IOException              if a case, the starting model or the checkpoint cannot be read
     * @throws IllegalArgumentException if a case does not fit (the message names it) or the checkpoint belongs to
     *                                  another run
     * @throws IllegalStateException    if the engine fails the gradient self-check (message in plain words)
     */
    public static TrainingBackend open(Plan plan, Path checkpoint, Cancellation cancel) throws IOException {
        TrainingSettings settings = plan.settings();
        Path start = settings.startingModel();
        ModelCard startCard = start == null ? null : SegmentationModel.readCard(start);
        UNet3dConfig startConfig = start == null ? null : ModelImport.readConfig(start);
        double[] spacing = startCard != null ? startCard.spacing().clone()
                : TrainingCases.median(plan.training().stream().map(TrainingCaseRecord::spacing).toList());
        ModelCard grid = TrainedModelCards.grid("grid", spacing, settings.patchSize());
        List<TrainingCase> cases = new ArrayList<>();
        int maxLabel = 0;
        for (TrainingCaseRecord c : plan.training()) {
            cancel.check();
            TrainingCase tc;
            try {
                tc = TrainingCases.load(files(plan.workspace(), c), grid, cancel);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IOException(c.name() + ": " + Path.of(e.getFile()).getFileName() + " is missing from the "
                        + "workspace", e);
            }
            Volume v = tc.image();
            int p = settings.patchSize();
            if (v.nx() < p || v.ny() < p || v.nz() < p) {
                throw new IllegalArgumentException(c.name() + " is " + v.nx() + "×" + v.ny() + "×" + v.nz()
                        + " voxels on the model grid, smaller than the " + p + "³ patch; choose a smaller patch");
            }
            cases.add(tc);
            maxLabel = Math.max(maxLabel, tc.labels().maxLabel());
        }
        UNet3dConfig config = startConfig != null ? startConfig
                : plan.network() != null ? plan.network() : defaultNetwork(Math.max(2, maxLabel + 1));
        if (maxLabel >= config.classes()) {
            throw new IllegalArgumentException("the cases have label " + maxLabel + " but "
                    + (startCard != null ? startCard.name() + " knows" : "the network has") + " only "
                    + (config.classes() - 1) + " foreground labels");
        }
        if (settings.patchSize() % config.sizeMultiple() != 0) {
            throw new IllegalArgumentException("the patch size must be a multiple of " + config.sizeMultiple()
                    + " for this network");
        }
        TrainingOptions options = settings.toOptions(config, plan.seed());
        ObjectNode run = TrainedModelCards.settings(options, settings.iterations(), spacing,
                plan.training().stream().map(TrainingCaseRecord::name).toList());
        run.put("startingModel", startCard == null ? "none" : startCard.name() + " " + startCard.version()
                + " sha256:" + startCard.sha256());
        boolean resuming = hasCheckpoint(checkpoint);
        if (resuming) {
            ObjectNode saved = readRun(checkpoint);
            List<String> differing = saved == null ? List.of("no " + RUN_FILE)
                    : TrainedModelCards.differences(saved, run);
            if (!differing.isEmpty()) {
                throw new IllegalArgumentException("the checkpoint in the workspace was made with other settings or "
                        + "cases (" + String.join(", ", differing.stream().map(TrainingBackend::plain).toList())
                        + "); set them back, or choose New run to set the checkpoint aside and start again");
            }
        }
        Trainer trainer = resuming ? Trainer.resume(options, cases, checkpoint) : new Trainer(options, cases);
        try {
            if (!resuming && start != null) {
                ModelImport.loadWeights(start, trainer.network());
            }
            byte[] runJson = JSON.writeValueAsBytes(run);
            Files.createDirectories(checkpoint);
            AtomicFiles.write(checkpoint.resolve(RUN_FILE), o -> o.write(runJson));
        } catch (IOException | RuntimeException e) {
            trainer.close();
            throw e;
        }
        return new TrainingBackend(trainer, plan, startCard, spacing, run, checkpoint);
    }

    /** Whether {@code dir} holds a complete checkpoint to resume from. */
    public static boolean hasCheckpoint(Path dir) {
        return Trainer.hasCheckpoint(dir);
    }

    /** The iterations of the checkpoint in {@code dir}, or 0 if there is none. */
    public static int checkpointIterations(Path dir) {
        return Trainer.checkpointIterations(dir);
    }

    /** A difference of {@link TrainedModelCards#differences} in words a user knows. */
    private static String plain(String difference) {
        if (difference.startsWith("caseListSha256")) {
            return "the training cases changed";
        }
        if (difference.startsWith("startingModel")) {
            return "another starting model";
        }
        return difference;
    }

    /**
     * The settings a checkpoint's run was started with (so a restarted app can show them), or {@code null} if
     * {@code dir} holds no readable run record.
     */
    public static SavedRun savedRun(Path dir) {
        ObjectNode run = hasCheckpoint(dir) ? readRun(dir) : null;
        if (run == null || !run.has("beta")) {
            return null;
        }
        return new SavedRun(run.path("beta").asDouble(), run.path("importanceWeights").asBoolean(),
                run.path("iterations").asInt(), run.path("learningRate").asDouble(), run.path("patch").asInt(),
                run.path("batch").asInt(), run.path("augment").asBoolean(), run.path("startingModel").asText(""));
    }

    /** The settings of a checkpoint's run; {@code startingModel} is "none" or "NAME VERSION sha256:HASH". */
    public record SavedRun(double beta, boolean importanceWeights, int iterations, double learningRate, int patch,
            int batch, boolean augment, String startingModel) {
    }

    private static ObjectNode readRun(Path dir) {
        try {
            return JSON.readTree(dir.resolve(RUN_FILE).toFile()) instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The gradient self-check's result in one plain line ("Gradient check passed"). */
    public String selfCheckText() {
        return trainer.selfCheck().summary();
    }

    /** The self-check's numbers, for a details popup. */
    public String selfCheckDetails() {
        return trainer.selfCheck().details();
    }

    /** Iterations done so far, including those of a resumed checkpoint. */
    public int iterations() {
        return trainer.iterations();
    }

    /** The cases being trained on, in the sampler's order. */
    public List<TrainingCaseRecord> cases() {
        return plan.training();
    }

    /** Runs one iteration and returns what the tab shows. */
    public Snapshot iterate(Cancellation cancel) {
        TrainingListener.Iteration[] last = new TrainingListener.Iteration[1];
        trainer.train(1, ProgressListener.NONE, cancel, (TrainingListener.Iteration r) -> last[0] = r);
        return new Snapshot(trainer.iterations(), last[0].loss(), trainer.sampler().probabilities(),
                trainer.sampler().losses(), last[0].effectiveCases(), last[0].beta());
    }

    /** Writes a checkpoint (each file atomic). */
    public void saveCheckpoint(Path dir) throws IOException {
        trainer.saveCheckpoint(dir);
    }

    /**
     * Exports the current network to the interim model folder (after the parity check) and scores it on the
     * validation and the training cases.
     */
    public Scores validate(ProgressListener progress, Cancellation cancel) throws IOException {
        Path interim = checkpoint.resolve(INTERIM_MODEL);
        ModelExport.export(trainer.network(), card("validation"), interim, true);
        return score(interim, progress, cancel);
    }

    private Scores score(Path model, ProgressListener progress, Cancellation cancel) throws IOException {
        List<CaseResult> validation = Validation.score(model, files(plan.validation()), progress, cancel);
        List<CaseResult> training = Validation.score(model, files(plan.training()), progress, cancel);
        return new Scores(trainer.iterations(), validation, training, SegmentationModel.readCard(model).labelTable());
    }

    /**
     * Exports the finished network as the candidate model (parity-checked, with its full card and the validation
     * summary), scores it, and scores the starting model on the same validation cases.
     */
    public Finished finish(ProgressListener progress, Cancellation cancel) throws IOException {
        Path candidate = checkpoint.resolve(CANDIDATE_MODEL);
        ModelCard card = card("candidate");
        ArrayNode hashes = ((ObjectNode) card.provenance()).putArray("caseFilesSha256");
        for (TrainingCaseRecord c : plan.training()) {
            hashes.addObject().put("image", c.imageSha256()).put("labels", c.labelsSha256());
        }
        ModelExport.export(trainer.network(), card, candidate, true);
        Scores scores = score(candidate, progress, cancel);
        if (!scores.validation().isEmpty()) {
            ModelExport.addEvaluation(candidate, MetricSummary.summarise(scores.validation()),
                    scores.validation().size());
        }
        List<CaseResult> before = List.of();
        if (startCard != null && !plan.validation().isEmpty()) {
            before = Validation.score(plan.settings().startingModel(), files(plan.validation()), progress, cancel);
        }
        return new Finished(scores, new Comparison(scores.validation(), before, startCard == null ? null
                : startCard.name() + " " + startCard.version(), scores.labels()));
    }

    /** The finished run's scores and comparison. */
    public record Finished(Scores scores, Comparison comparison) {
    }

    private ModelCard card(String name) throws IOException {
        int caseCount = plan.training().size();
        LabelTable caseLabels = TrainedModelCards.caseLabels(plan.workspace().casesDir());
        String description = "3D U-Net trained in Hardy's training tab on " + caseCount + " cases"
                + (startCard != null ? ", fine-tuned from " + startCard.name() + " " + startCard.version() : "")
                + (plan.settings().beta() > 0 ? ", with hardness weighted sampling (beta "
                    + fmt(plan.settings().beta()) + ")" : ", with uniform sampling") + ".";
        return TrainedModelCards.trained(name, description, spacing, trainer.network().config().classes(),
                plan.settings().patchSize(), startCard, run, caseCount, caseLabels);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private List<TrainingCases.CaseFiles> files(List<TrainingCaseRecord> records) {
        return records.stream().map(c -> files(plan.workspace(), c)).toList();
    }

    private static TrainingCases.CaseFiles files(TrainingWorkspace workspace, TrainingCaseRecord c) {
        return new TrainingCases.CaseFiles(c.name(), workspace.imageOf(c), workspace.labelsOf(c));
    }

    @Override
    public void close() {
        trainer.close();
    }
}
