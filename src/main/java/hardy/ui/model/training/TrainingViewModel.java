package hardy.ui.model.training;

import hardy.core.CancelledException;
import hardy.inference.ModelRegistry;
import hardy.training.TorchEngine;
import hardy.training.export.TrainedModelCards;
import hardy.training.session.CheckpointFolder;
import hardy.training.session.RunListener;
import hardy.training.session.RunMismatchException;
import hardy.training.session.RunSettings;
import hardy.training.session.RunState;
import hardy.training.session.TrainingCaseRecord;
import hardy.training.session.TrainingPlan;
import hardy.training.session.TrainingRun;
import hardy.training.session.TrainingSession;
import hardy.training.session.TrainingWorkspace;
import hardy.ui.model.BackgroundRunner;
import hardy.ui.model.ProgressModel;
import hardy.ui.model.UserMessage;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training tab's state and commands: the workspace's cases (with thumbnails), the settings, the run
 * (start, pause, resume, cancel, a new run, resuming after a restart), the live curves, the hardest cases, the
 * finished model's comparison with the starting model, and Export into the viewer's model picker.
 *
 * <p>Threads: properties change on the screen's thread only. The training thread hands its values over through
 * {@code fx} (rare events: state changes, validations) or leaves them for {@link #poll}, which the screen calls on
 * its own steady clock, so a fast run never floods the screen thread.
 */
public final class TrainingViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingViewModel.class);
    /** Opens a case in the viewer and segments it with a model folder. */
    @FunctionalInterface
    public interface CaseOpener {
        void open(Path image, Path modelDir);
    }

    /** Asks a yes/no question (a dialog in the app). */
    @FunctionalInterface
    public interface Confirmer {
        boolean confirm(String title, String question);
    }

    private final TrainingWorkspace workspace;
    private final ModelRegistry registry;
    private final BackgroundRunner runner;
    private final Executor fx;
    private final ProgressModel tasks = new ProgressModel();
    private final ObservableList<TrainingCaseRecord> cases = FXCollections.observableArrayList();
    private final ObservableMap<String, CaseThumbnails.Thumbnail> thumbnails = FXCollections.observableHashMap();
    private final ObservableList<ModelRegistry.Entry> startingModels = FXCollections.observableArrayList();

    private final ObjectProperty<ModelRegistry.Entry> startingModel = new SimpleObjectProperty<>(this, "start");
    private final TrainingSettingsModel settings = new TrainingSettingsModel();
    private final RunProgressModel progress = new RunProgressModel();
    private final StringProperty device = new SimpleStringProperty(this, "device", "detecting…");
    private final ObservableList<String> problems = FXCollections.observableArrayList();

    private final ObjectProperty<RunState> state = new SimpleObjectProperty<>(this, "state", RunState.IDLE);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final StringProperty activity = new SimpleStringProperty(this, "activity", "");
    private final StringProperty resumable = new SimpleStringProperty(this, "resumable", "");
    private final ObjectProperty<TrainingSession.Comparison> comparison = new SimpleObjectProperty<>(this,
            "comparison");
    private final ObjectProperty<Path> candidate = new SimpleObjectProperty<>(this, "candidate");
    private final StringProperty exportName = new SimpleStringProperty(this, "exportName", "");

    private TrainingRun run;
    private boolean settingsRestored;
    private Consumer<UserMessage> messages = m -> { };
    private Confirmer confirmer = (t, q) -> true;
    private CaseOpener opener = (image, model) -> { };
    private Runnable modelsChanged = () -> { };

    /**
     * @param fx runs a task on the screen's thread ({@code Platform::runLater} in the app)
     */
    public TrainingViewModel(TrainingWorkspace workspace, ModelRegistry registry, BackgroundRunner runner,
            Executor fx) {
        this.workspace = workspace;
        this.registry = registry;
        this.runner = runner;
        this.fx = fx;
        for (var p : settings.editable()) {
            p.addListener(o -> updateProblems());
        }
        cases.addListener((javafx.collections.ListChangeListener<TrainingCaseRecord>) c -> updateProblems());
        updateProblems();
    }

    /** Where failures are reported (a dialog in the app). */
    public void setMessageSink(Consumer<UserMessage> sink) {
        this.messages = sink;
    }

    /** Who answers questions such as "set the checkpoint aside?". */
    public void setConfirmer(Confirmer confirmer) {
        this.confirmer = confirmer;
    }

    /** Who opens a case in the viewer. */
    public void setCaseOpener(CaseOpener opener) {
        this.opener = opener;
    }

    /** Called after Export installed a model (the viewer refreshes its picker). */
    public void setOnModelsChanged(Runnable r) {
        this.modelsChanged = r;
    }

    // ---- cases ----

    /** Re-reads the workspace's cases and the installed models, and whether a checkpoint waits to be resumed. */
    public void refresh() {
        try {
            cases.setAll(workspace.cases());
        } catch (IOException e) {
            messages.accept(new UserMessage("Cannot read the training workspace", e.getMessage()));
        }
        refreshModels();
        refreshResumable();
        loadThumbnails();
    }

    /** Re-reads the installed models for the starting-model choice, keeping the choice if it still exists. */
    public void refreshModels() {
        Path keep = startingModel.get() == null ? null : startingModel.get().dir();
        boolean first = startingModels.isEmpty();
        List<ModelRegistry.Entry> usable = new ArrayList<>();
        try {
            registry.list().stream().filter(e -> e.card() != null).forEach(usable::add);
        } catch (IOException e) {
            LOG.warn("Cannot list models", e);
        }
        startingModels.setAll(usable);
        ModelRegistry.Entry again = usable.stream().filter(e -> e.dir().equals(keep)).findFirst().orElse(null);
        if (again == null && first) {
            again = usable.stream().filter(e -> e.card().name().equals("fetal-brain")).findFirst().orElse(null);
        }
        startingModel.set(again);
    }

    /** Detects the training device in the background (loading the engine takes a moment). */
    public void detectDevice() {
        runner.run((p, c) -> TorchEngine.describeDevice(), new ProgressModel(), device::set,
                e -> {
                    LOG.warn("PyTorch did not load", e);
                    device.set("PyTorch could not be loaded, so training is not available here (details in the log)");
                });
    }

    private void refreshResumable() {
        Path ckpt = workspace.checkpointsDir();
        if (run != null && run.state().active() || !CheckpointFolder.hasCheckpoint(ckpt)) {
            resumable.set("");
            return;
        }
        int done = CheckpointFolder.iterations(ckpt);
        CheckpointFolder.SavedRun saved = CheckpointFolder.savedRun(ckpt, TrainingSettingsModel.DEFAULTS);
        if (saved != null && !settingsRestored) {
            restore(saved); // once, as the app opens: later edits are the user's
            settingsRestored = true;
        }
        if (saved != null && done >= saved.settings().iterations()) {
            resumable.set("The finished run's checkpoint is in the workspace; New run sets it aside to start "
                    + "another.");
        } else {
            resumable.set("A run stopped at iteration " + done + " is in the workspace. Start continues it with the "
                    + "settings it was started with (shown when Hardy opens); New run sets it aside.");
        }
    }

    /** Shows a stopped run's settings, so that Start continues it as it was started. */
    private void restore(CheckpointFolder.SavedRun saved) {
        settings.show(saved.settings());
        startingModel.set(startingModels.stream().filter(e -> saved.startingModel().equals(e.card().name() + " "
                + e.card().version() + " sha256:" + e.card().sha256())).findFirst().orElse(null));
    }

    /** Adds every image/label pair of a folder; refused pairs are reported with their reasons. */
    public void addFolder(Path dir) {
        tasks.start("Adding cases from " + dir.getFileName());
        runner.run((p, c) -> workspace.addFolder(dir, c), tasks, report -> {
            tasks.finish();
            refresh();
            if (!report.refused().isEmpty()) {
                messages.accept(new UserMessage("Some cases were not added", report.added().size() + " added; "
                        + report.refused().size() + " refused:\n" + String.join("\n", report.refused())));
            }
        }, failed("Cannot add cases"));
    }

    /** Adds one image with its label file. */
    public void addFiles(Path image, Path labels) {
        tasks.start("Adding " + image.getFileName());
        runner.run((p, c) -> workspace.addFiles(image, labels), tasks, r -> {
            tasks.finish();
            refresh();
        }, failed("Case not added"));
    }

    /** Adds a study open in the viewer with its (corrected) labels; {@code done} gets the case's name. */
    public void addStudy(String name, Volume image, LabelMap labels, String source, Consumer<String> done) {
        tasks.start("Adding " + name + " to the training set");
        LabelMap copy = new LabelMap(labels.volume().copy()); // the user may go on painting
        runner.run((p, c) -> workspace.addStudy(name, image, copy, source), tasks, r -> {
            tasks.finish();
            refresh();
            done.accept(r.name());
        }, failed("Study not added"));
    }

    /** Moves a case to the workspace's {@code removed/} folder (nothing is deleted). */
    public void remove(TrainingCaseRecord c) {
        try {
            workspace.remove(c.name());
        } catch (IOException e) {
            messages.accept(new UserMessage("Cannot remove " + c.name(), e.getMessage()));
        }
        refresh();
    }

    /** Uses a case for training or for validation. */
    public void setRole(TrainingCaseRecord c, TrainingCaseRecord.Role role) {
        try {
            TrainingCaseRecord updated = workspace.setRole(c.name(), role);
            int i = cases.indexOf(c);
            if (i >= 0) {
                cases.set(i, updated);
            }
        } catch (IOException e) {
            messages.accept(new UserMessage("Cannot change " + c.name(), e.getMessage()));
        }
    }

    private void loadThumbnails() {
        CaseThumbnails.loadMissing(runner, workspace, cases, thumbnails);
    }

    // ---- settings ----

    /** The settings as set now. */
    public RunSettings settings() {
        return settings.settings();
    }

    private Path startingModelDir() {
        ModelRegistry.Entry start = startingModel.get();
        return start == null ? null : start.dir();
    }

    private void updateProblems() {
        problems.setAll(settings().problems(trainingCases().size()));
    }

    private List<TrainingCaseRecord> trainingCases() {
        return cases.stream().filter(c -> c.role() == TrainingCaseRecord.Role.TRAIN).toList();
    }

    private List<TrainingCaseRecord> validationCases() {
        return cases.stream().filter(c -> c.role() == TrainingCaseRecord.Role.VALIDATION).toList();
    }

    // ---- the run ----

    /**
     * Starts a run, or continues the one whose checkpoint is in the workspace. Does nothing while a run is active;
     * reports the settings' problems instead of starting.
     */
    public void start() {
        if (state.get().active()) {
            return;
        }
        updateProblems();
        if (!problems.isEmpty()) {
            messages.accept(new UserMessage("Cannot start training", String.join("\n", problems)));
            return;
        }
        RunSettings chosen = settings();
        TrainingPlan plan = TrainingPlan.ofWorkspace(workspace, cases, chosen, startingModelDir());
        progress.reset(trainingCases(), validationCases(), CheckpointFolder.iterations(workspace.checkpointsDir()),
                chosen.iterations());
        comparison.set(null);
        candidate.set(null);
        run = new TrainingRun(plan, new Observer());
        run.start();
        resumable.set("");
        LOG.info("Training started: {} training and {} validation cases, {} iterations", plan.training().size(),
                plan.validation().size(), chosen.iterations());
    }

    /** Sets the workspace's checkpoint aside (into {@code removed/}), so the next Start begins a new run. */
    public void newRun() {
        if (state.get().active()) {
            return;
        }
        Path ckpt = workspace.checkpointsDir();
        if (!Files.exists(ckpt)) {
            refreshResumable();
            return;
        }
        if (!confirmer.confirm("New run", "Set the stopped run's checkpoint aside? It is moved to the workspace's "
                + "removed folder, not deleted.")) {
            return;
        }
        try {
            Path removed = workspace.root().resolve("removed");
            Files.createDirectories(removed);
            Files.move(ckpt, removed.resolve("checkpoints-" + Instant.now().toEpochMilli()));
        } catch (IOException e) {
            messages.accept(new UserMessage("Cannot set the checkpoint aside", e.getMessage()));
        }
        candidate.set(null);
        settings.forgetHidden();
        refreshResumable();
    }

    /** Pauses after the current iteration, with a checkpoint. */
    public void pause() {
        if (run != null) {
            run.pause();
        }
    }

    /** Continues a paused run. */
    public void resume() {
        if (run != null) {
            run.resume();
        }
    }

    /** Stops the run after the current iteration; the checkpoint is kept. */
    public void cancel() {
        if (run != null) {
            run.cancel();
        }
    }

    /** Waits for the run's thread to end (closing the app, tests). */
    public void join() throws InterruptedException {
        if (run != null) {
            run.join();
        }
    }

    /**
     * Moves what the training thread left since the last call onto the screen ({@link RunProgressModel#poll}).
     * Call it on the screen's thread on a steady clock while a run {@link RunState#active() is active}; when a run
     * pauses or stops, the last points are handed over without it.
     */
    public void poll(long nowNanos) {
        progress.poll(nowNanos);
    }

    /** The training thread's reports, handed to the screen's thread. */
    private final class Observer implements RunListener {
        @Override
        public void selfChecked(String summary, String details) {
            fx.execute(() -> progress.selfChecked(summary, details));
        }

        @Override
        public void stateChanged(RunState next, String reported) {
            String text = next == RunState.FAILED && run.failure() instanceof RunMismatchException
                    ? reported + "; set them back, or choose New run to set the checkpoint aside and start again"
                    : reported;
            fx.execute(() -> {
                state.set(next);
                message.set(text);
                if (!next.active()) {
                    activity.set("");
                    refreshResumable();
                }
                if (next == RunState.FAILED) {
                    messages.accept(new UserMessage("Training stopped", text));
                }
                if (next == RunState.PAUSED || next == RunState.CANCELLED || next == RunState.FAILED) {
                    // The screen stops polling while no run is iterating: hand over the last points now.
                    // (A finished run's are handed over with its result.)
                    progress.flush();
                }
                if (next == RunState.PAUSED || next == RunState.RUNNING) {
                    progress.restartClock();
                }
            });
        }

        @Override
        public void iteration(TrainingSession.Snapshot snapshot, int totalIterations) {
            progress.offer(snapshot);
        }

        @Override
        public void status(String text) {
            fx.execute(() -> activity.set(text));
        }

        @Override
        public void validated(TrainingSession.Scores scores) {
            fx.execute(() -> progress.showScores(scores));
        }

        @Override
        public void finished(TrainingSession.Finished finished) {
            fx.execute(() -> {
                progress.flush();
                progress.showScores(finished.scores());
                comparison.set(finished.comparison());
                candidate.set(workspace.checkpointsDir().resolve(CheckpointFolder.CANDIDATE_MODEL));
                exportName.set(suggestedName());
            });
        }
    }

    private String suggestedName() {
        ModelRegistry.Entry start = startingModel.get();
        String base = (start == null ? "site-model" : start.card().name() + "-site") + "-" + java.time.LocalDate.now();
        String name = base;
        for (int i = 2; Files.exists(registry.user().resolve(name)); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    // ---- result ----

    /**
     * Installs the finished run's model (parity-checked when it was exported from the run) into the user's model
     * folder under {@link #exportNameProperty}, and tells the viewer, whose picker shows it at once.
     */
    public void export(String description, Consumer<Path> done) {
        Path source = candidate.get();
        if (source == null) {
            return;
        }
        String name = TrainedModelCards.safeName(exportName.get());
        tasks.start("Exporting " + name);
        runner.run((p, c) -> registry.install(source, name, description), tasks,
                dir -> {
                    tasks.finish();
                    LOG.info("Exported a trained model");
                    refreshModels();
                    modelsChanged.run();
                    done.accept(dir);
                }, failed("Export failed"));
    }

    /**
     * Opens a case in the viewer, segmented by the newest model of this run (the finished model, else the latest
     * validation's, else the starting model).
     */
    public void openCase(String name) {
        TrainingCaseRecord c = cases.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
        if (c == null) {
            return;
        }
        Path model = currentModel();
        if (model == null) {
            messages.accept(new UserMessage("No model yet", "Nothing to segment " + name + " with: the run has no "
                    + "validated or finished model yet, and it started from scratch."));
            return;
        }
        opener.open(workspace.imageOf(c), model);
    }

    /** The newest model of the run, or the starting model; {@code null} if there is none. */
    public Path currentModel() {
        for (String m : new String[] {CheckpointFolder.CANDIDATE_MODEL, CheckpointFolder.INTERIM_MODEL}) {
            Path dir = workspace.checkpointsDir().resolve(m);
            if (Files.isRegularFile(dir.resolve(hardy.inference.SegmentationModel.CARD_FILE))) {
                return dir;
            }
        }
        return startingModel.get() == null ? null : startingModel.get().dir();
    }

    private Consumer<Throwable> failed(String title) {
        return e -> {
            tasks.finish();
            if (e instanceof CancelledException) {
                return;
            }
            LOG.warn("{}", title, e);
            messages.accept(new UserMessage(title, e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName()));
            refresh();
        };
    }

    // ---- properties ----

    public ObservableList<TrainingCaseRecord> cases() {
        return cases;
    }

    public ObservableMap<String, CaseThumbnails.Thumbnail> thumbnails() {
        return thumbnails;
    }

    public ObservableList<ModelRegistry.Entry> startingModels() {
        return startingModels;
    }

    /** The model to fine-tune; {@code null} trains from scratch. */
    public ObjectProperty<ModelRegistry.Entry> startingModelProperty() {
        return startingModel;
    }

    /** The device training runs on, as detected. */
    public StringProperty deviceProperty() {
        return device;
    }

    /** What keeps Start from running, one sentence each. */
    public ObservableList<String> problems() {
        return problems;
    }

    public ObjectProperty<RunState> stateProperty() {
        return state;
    }

    /** The last state change's explanation. */
    public StringProperty messageProperty() {
        return message;
    }

    /** What the run does besides iterating (validating, exporting); empty otherwise. */
    public StringProperty activityProperty() {
        return activity;
    }

    /** Non-empty when a stopped run's checkpoint waits in the workspace. */
    public StringProperty resumableProperty() {
        return resumable;
    }

    public ObjectProperty<TrainingSession.Comparison> comparisonProperty() {
        return comparison;
    }

    /** The finished run's model folder, waiting for Export; {@code null} before. */
    public ObjectProperty<Path> candidateProperty() {
        return candidate;
    }

    /** The name Export installs the model under. */
    public StringProperty exportNameProperty() {
        return exportName;
    }

    /** Adding cases and exporting. */
    public ProgressModel tasks() {
        return tasks;
    }

    /** The settings the user edits. */
    public TrainingSettingsModel settingsModel() {
        return settings;
    }

    /** The run's curves, sampler, hardest cases and time left. */
    public RunProgressModel progress() {
        return progress;
    }

    /** The workspace. */
    public TrainingWorkspace workspace() {
        return workspace;
    }
}
