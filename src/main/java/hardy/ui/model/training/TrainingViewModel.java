package hardy.ui.model.training;

import hardy.core.CancelledException;
import hardy.eval.CaseResult;
import hardy.eval.LabelScore;
import hardy.inference.ModelRegistry;
import hardy.io.VolumeReaders;
import hardy.training.TorchEngine;
import hardy.training.Validation;
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
import hardy.ui.model.DefaultLabels;
import hardy.ui.model.ProgressModel;
import hardy.ui.model.UserMessage;
import hardy.ui.render.DisplayGrid;
import hardy.ui.render.OverlayStyle;
import hardy.ui.render.Plane;
import hardy.ui.render.SliceMapping;
import hardy.ui.render.SliceRenderer;
import hardy.ui.render.WindowLevel;
import hardy.volume.LabelMap;
import hardy.volume.LabelTable;
import hardy.volume.Volume;
import hardy.volume.VolumeStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
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
    /** The least time between two chart updates. */
    static final long CHART_INTERVAL_NANOS = 250_000_000L;
    /** The most points a curve shows. */
    static final int CHART_POINTS = 400;
    /** Cases shown in the sampler's bar chart. */
    static final int MAX_BARS = 40;

    /**
     * The tab's defaults: those of {@link RunSettings#DEFAULTS} with a shorter run (200 iterations), a checkpoint
     * every 10 iterations and a validation every 50.
     */
    public static final RunSettings DEFAULTS = RunSettings.DEFAULTS.withSchedule(200, 32, 2, 1e-3, true)
            .withIntervals(10, 50);

    /** The largest beta the slider offers. */
    public static final double MAX_BETA = 1000;

    /** A small picture of a case: its middle axial slice with the labels. */
    public record Thumbnail(int width, int height, int[] argb) {
    }

    /** One sampler bar: a training case and its sampling probability. */
    public record Bar(String name, double probability) {
    }

    /** A row of the hardest-cases table. NaN where not known yet. */
    public record HardCase(String name, TrainingCaseRecord.Role role, double loss, double probability, double dice) {
    }

    /** The validation Dice of one label over the iterations. */
    public record DiceCurve(String label, List<ChartThrottle.Point> points) {
    }

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
    private final ObservableMap<String, Thumbnail> thumbnails = FXCollections.observableHashMap();
    private final ObservableList<ModelRegistry.Entry> startingModels = FXCollections.observableArrayList();

    private final ObjectProperty<ModelRegistry.Entry> startingModel = new SimpleObjectProperty<>(this, "start");
    private final DoubleProperty beta = new SimpleDoubleProperty(this, "beta");
    private final BooleanProperty importanceWeights = new SimpleBooleanProperty(this, "importanceWeights");
    private final IntegerProperty iterations = new SimpleIntegerProperty(this, "iterations");
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate");
    private final IntegerProperty patchSize = new SimpleIntegerProperty(this, "patchSize");
    private final IntegerProperty batchSize = new SimpleIntegerProperty(this, "batchSize");
    private final BooleanProperty augmentation = new SimpleBooleanProperty(this, "augmentation");
    private final IntegerProperty validationEvery = new SimpleIntegerProperty(this, "validationEvery");
    private final StringProperty device = new SimpleStringProperty(this, "device", "detecting…");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final StringBinding betaHint;

    private final ObjectProperty<RunState> state = new SimpleObjectProperty<>(this, "state", RunState.IDLE);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final StringProperty selfCheck = new SimpleStringProperty(this, "selfCheck", "");
    private final StringProperty activity = new SimpleStringProperty(this, "activity", "");
    private final IntegerProperty iteration = new SimpleIntegerProperty(this, "iteration", 0);
    private final IntegerProperty total = new SimpleIntegerProperty(this, "total", 0);
    private final StringProperty eta = new SimpleStringProperty(this, "eta", "");
    private final StringProperty resumable = new SimpleStringProperty(this, "resumable", "");
    private final ObservableList<ChartThrottle.Point> lossCurve = FXCollections.observableArrayList();
    private final ObservableList<Bar> sampler = FXCollections.observableArrayList();
    private final StringProperty samplerSummary = new SimpleStringProperty(this, "samplerSummary",
            "Hardness weighted sampler");
    private final ObservableList<DiceCurve> diceCurves = FXCollections.observableArrayList();
    private final ObservableList<HardCase> hardest = FXCollections.observableArrayList();
    private final ObjectProperty<TrainingSession.Comparison> comparison = new SimpleObjectProperty<>(this,
            "comparison");
    private final ObjectProperty<Path> candidate = new SimpleObjectProperty<>(this, "candidate");
    private final StringProperty exportName = new SimpleStringProperty(this, "exportName", "");

    private ChartThrottle lossThrottle = new ChartThrottle(CHART_INTERVAL_NANOS, CHART_POINTS);
    private final AtomicReference<TrainingSession.Snapshot> latest = new AtomicReference<>();
    private final Map<String, Double> diceByCase = new HashMap<>();
    private final Map<String, List<ChartThrottle.Point>> dicePoints = new LinkedHashMap<>();
    private List<TrainingCaseRecord> runCases = List.of();
    private TrainingRun run;
    private long runStartNanos;
    private int runStartIteration = -1;
    private boolean settingsRestored;
    /** The settings the tab does not show (schedule, momentum, network...): the defaults or a stopped run's. */
    private RunSettings hidden = DEFAULTS;
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
        show(DEFAULTS);
        betaHint = Bindings.createStringBinding(() -> RunSettings.betaHint(Math.round(beta.get())), beta);
        for (var p : List.of(beta, importanceWeights, iterations, learningRate, patchSize, batchSize, augmentation,
                validationEvery)) {
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
                e -> device.set("unavailable: " + e.getMessage()));
    }

    private void refreshResumable() {
        Path ckpt = workspace.checkpointsDir();
        if (run != null && run.state().active() || !CheckpointFolder.hasCheckpoint(ckpt)) {
            resumable.set("");
            return;
        }
        int done = CheckpointFolder.iterations(ckpt);
        CheckpointFolder.SavedRun saved = CheckpointFolder.savedRun(ckpt, DEFAULTS);
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
        hidden = saved.settings();
        show(saved.settings());
        startingModel.set(startingModels.stream().filter(e -> saved.startingModel().equals(e.card().name() + " "
                + e.card().version() + " sha256:" + e.card().sha256())).findFirst().orElse(null));
    }

    private void show(RunSettings s) {
        beta.set(s.beta());
        importanceWeights.set(s.importanceWeights());
        iterations.set(s.iterations());
        learningRate.set(s.learningRate());
        patchSize.set(s.patch());
        batchSize.set(s.batch());
        augmentation.set(s.augment());
        validationEvery.set(s.validationEvery());
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
        List<TrainingCaseRecord> missing = cases.stream().filter(c -> !thumbnails.containsKey(c.name())).toList();
        if (missing.isEmpty()) {
            return;
        }
        runner.run((p, cancel) -> {
            Map<String, Thumbnail> out = new HashMap<>();
            for (TrainingCaseRecord c : missing) {
                cancel.check();
                try {
                    out.put(c.name(), thumbnail(workspace.imageOf(c), workspace.labelsOf(c)));
                } catch (IOException | RuntimeException e) {
                    LOG.debug("No thumbnail for a case", e);
                }
            }
            return out;
        }, new ProgressModel(), thumbnails::putAll, e -> LOG.debug("Thumbnails failed", e));
    }

    /** The middle axial slice with the labels at half opacity, patient-aligned as in the viewer. */
    static Thumbnail thumbnail(Path image, Path labels) throws IOException {
        VolumeReaders readers = VolumeReaders.installed();
        Volume v = readers.read(image).volume();
        LabelMap l = LabelMap.fromImage(readers.read(labels).volume());
        DisplayGrid grid = DisplayGrid.of(v.geometry());
        SliceMapping mapping = new SliceMapping(grid, Plane.AXIAL, grid.size(2) / 2, true);
        LabelTable table = DefaultLabels.feta();
        int[] rgb = new int[256];
        boolean[] visible = new boolean[256];
        for (int i = 1; i < 256; i++) {
            rgb[i] = table.colour(i);
            visible[i] = true;
        }
        int[] out = new int[mapping.width() * mapping.height()];
        new SliceRenderer().render(mapping, v, WindowLevel.auto(VolumeStatistics.of(v)), l,
                new OverlayStyle(rgb, visible, 0.45, false), out);
        return new Thumbnail(mapping.width(), mapping.height(), out);
    }

    // ---- settings ----

    /** The settings as set now. */
    public RunSettings settings() {
        return hidden.withSampler(beta.get(), importanceWeights.get())
                .withSchedule(iterations.get(), patchSize.get(), batchSize.get(), learningRate.get(), augmentation.get())
                .withIntervals(hidden.checkpointEvery(), validationEvery.get());
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
        RunSettings settings = settings();
        runCases = trainingCases();
        TrainingPlan plan = TrainingPlan.ofWorkspace(workspace, cases, settings, startingModelDir());
        lossThrottle = new ChartThrottle(CHART_INTERVAL_NANOS, CHART_POINTS);
        latest.set(null);
        lossCurve.clear();
        sampler.clear();
        hardest.clear();
        diceCurves.clear();
        dicePoints.clear();
        diceByCase.clear();
        comparison.set(null);
        candidate.set(null);
        selfCheck.set("");
        total.set(settings.iterations());
        iteration.set(CheckpointFolder.iterations(workspace.checkpointsDir()));
        runStartIteration = -1;
        eta.set("");
        run = new TrainingRun(plan, new Observer());
        run.start();
        resumable.set("");
        LOG.info("Training started: {} training and {} validation cases, {} iterations", runCases.size(),
                plan.validation().size(), settings.iterations());
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
        hidden = DEFAULTS;
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
     * Moves what the training thread left since the last call onto the screen: the loss curve (at most once per
     * {@value #CHART_INTERVAL_NANOS} ns, downsampled), the sampler's bars, the hardest cases, the iteration and
     * the time remaining. Call it on the screen's thread on a steady clock while a run {@link RunState#active() is
     * active}; when a run pauses or stops, the last points are handed over without it.
     */
    public void poll(long nowNanos) {
        List<ChartThrottle.Point> curve = lossThrottle.takeIfDue(nowNanos);
        if (curve != null) {
            show(curve, nowNanos);
        }
    }

    private void show(List<ChartThrottle.Point> curve, long nowNanos) {
        lossCurve.setAll(curve);
        TrainingSession.Snapshot s = latest.get();
        if (s == null) {
            return;
        }
        iteration.set(s.iteration());
        if (runStartIteration < 0) {
            runStartIteration = s.iteration();
            runStartNanos = nowNanos;
        } else if (s.iteration() > runStartIteration) {
            double perIteration = (nowNanos - runStartNanos) / 1e9 / (s.iteration() - runStartIteration);
            eta.set(formatDuration(Math.round(perIteration * (total.get() - s.iteration())))
                    + String.format(Locale.ROOT, " left (%.1f s per iteration)", perIteration));
        }
        updateSampler(s);
    }

    private void updateSampler(TrainingSession.Snapshot s) {
        Integer[] order = new Integer[s.probabilities().length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -s.probabilities()[i]));
        List<Bar> bars = new ArrayList<>();
        for (int r = 0; r < Math.min(MAX_BARS, order.length); r++) {
            bars.add(new Bar(runCases.get(order[r]).name(), s.probabilities()[order[r]]));
        }
        sampler.setAll(bars);
        samplerSummary.set(samplerSummary(s.effectiveCases(), s.probabilities().length, s.beta()));
        updateHardest(s);
    }

    /** Training cases by their stale loss, hardest first, then the validation cases by Dice. */
    private void updateHardest(TrainingSession.Snapshot s) {
        List<HardCase> rows = new ArrayList<>();
        for (int i = 0; i < runCases.size(); i++) {
            String name = runCases.get(i).name();
            double loss = s == null ? Double.NaN : s.staleLosses()[i];
            double p = s == null ? Double.NaN : s.probabilities()[i];
            rows.add(new HardCase(name, TrainingCaseRecord.Role.TRAIN, loss, p, dice(name)));
        }
        rows.sort(Comparator.comparingDouble((HardCase h) -> Double.isNaN(h.loss()) ? Double.MAX_VALUE : -h.loss()));
        List<HardCase> val = new ArrayList<>();
        for (TrainingCaseRecord c : validationCases()) {
            val.add(new HardCase(c.name(), TrainingCaseRecord.Role.VALIDATION, Double.NaN, Double.NaN,
                    dice(c.name())));
        }
        val.sort(Comparator.comparingDouble(HardCase::dice));
        rows.addAll(val);
        hardest.setAll(rows);
    }

    private double dice(String name) {
        return diceByCase.getOrDefault(name, Double.NaN);
    }

    private void showScores(TrainingSession.Scores scores) {
        for (CaseResult r : scores.training()) {
            diceByCase.put(r.name(), Validation.meanDice(r));
        }
        for (CaseResult r : scores.validation()) {
            diceByCase.put(r.name(), Validation.meanDice(r));
        }
        if (!scores.validation().isEmpty()) {
            Map<Integer, double[]> sums = new LinkedHashMap<>();
            for (CaseResult r : scores.validation()) {
                for (LabelScore l : r.scores()) {
                    double[] acc = sums.computeIfAbsent(l.label(), k -> new double[2]);
                    acc[0] += l.dice();
                    acc[1]++;
                }
            }
            sums.forEach((label, acc) -> dicePoints.computeIfAbsent(scores.labels().name(label),
                    k -> new ArrayList<>()).add(new ChartThrottle.Point(scores.iteration(), acc[0] / acc[1])));
            List<DiceCurve> curves = new ArrayList<>();
            dicePoints.forEach((label, points) -> curves.add(new DiceCurve(label, List.copyOf(points))));
            diceCurves.setAll(curves);
        }
        updateHardest(latest.get());
    }

    /** The training thread's reports, handed to the screen's thread. */
    private final class Observer implements RunListener {
        @Override
        public void stateChanged(RunState next, String reported) {
            String text = next == RunState.FAILED && run.failure() instanceof RunMismatchException
                    ? reported + "; set them back, or choose New run to set the checkpoint aside and start again"
                    : reported;
            fx.execute(() -> {
                RunState previous = state.get();
                state.set(next);
                message.set(text);
                if (previous == RunState.SELF_CHECK && next == RunState.RUNNING) {
                    selfCheck.set(text);
                }
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
                    long now = System.nanoTime();
                    show(lossThrottle.takeNow(now), now);
                }
                if (next == RunState.PAUSED || next == RunState.RUNNING) {
                    runStartIteration = -1; // time paused does not count towards the estimate
                }
            });
        }

        @Override
        public void iteration(TrainingSession.Snapshot snapshot, int totalIterations) {
            latest.set(snapshot);
            lossThrottle.add(snapshot.iteration(), snapshot.loss());
        }

        @Override
        public void status(String text) {
            fx.execute(() -> activity.set(text));
        }

        @Override
        public void validated(TrainingSession.Scores scores) {
            fx.execute(() -> showScores(scores));
        }

        @Override
        public void finished(TrainingSession.Finished finished) {
            fx.execute(() -> {
                show(lossThrottle.takeNow(System.nanoTime()), System.nanoTime());
                showScores(finished.scores());
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

    /**
     * The comparison as a small fixed-width table: Dice of the new and the starting model on the validation
     * cases, averaged over labels (mean over cases, and the worst case), then per label (mean over cases).
     */
    public static String comparisonText(TrainingSession.Comparison c) {
        if (c == null) {
            return "";
        }
        if (c.trained().isEmpty()) {
            return "No validation cases: mark some cases \"Validation\" to compare the new model with the "
                    + "starting model on cases it was not trained on.";
        }
        boolean both = !c.start().isEmpty();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Dice on %d validation case%s%n", c.trained().size(),
                c.trained().size() == 1 ? "" : "s"));
        sb.append(String.format(Locale.ROOT, "%-22s %8s %8s%n", "", "new", both ? "start" : ""));
        row(sb, "mean (all labels)", mean(c.trained()), both ? mean(c.start()) : Double.NaN);
        row(sb, "worst case", worst(c.trained()), both ? worst(c.start()) : Double.NaN);
        for (LabelScore l : c.trained().getFirst().scores()) {
            row(sb, c.labels().name(l.label()), labelMean(c.trained(), l.label()),
                    both ? labelMean(c.start(), l.label()) : Double.NaN);
        }
        if (both) {
            sb.append("start: ").append(c.startName());
        } else if (c.startName() == null) {
            sb.append("Trained from scratch: no starting model to compare with.");
        }
        return sb.toString().stripTrailing();
    }

    private static void row(StringBuilder sb, String name, double a, double b) {
        String shortName = name.length() > 22 ? name.substring(0, 21) + "…" : name;
        sb.append(String.format(Locale.ROOT, "%-22s %8s %8s%n", shortName, num(a), num(b)));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static double mean(List<CaseResult> cases) {
        return cases.stream().mapToDouble(Validation::meanDice).filter(d -> !Double.isNaN(d)).average()
                .orElse(Double.NaN);
    }

    private static double worst(List<CaseResult> cases) {
        return cases.stream().mapToDouble(Validation::meanDice).filter(d -> !Double.isNaN(d)).min()
                .orElse(Double.NaN);
    }

    private static double labelMean(List<CaseResult> cases, int label) {
        return cases.stream().flatMap(r -> r.scores().stream()).filter(s -> s.label() == label)
                .mapToDouble(LabelScore::dice).average().orElse(Double.NaN);
    }

    /** E.g. "1h02m" or "3m05s". */
    static String formatDuration(long seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds / 60 % 60);
        }
        return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }

    // ---- properties ----

    public ObservableList<TrainingCaseRecord> cases() {
        return cases;
    }

    public ObservableMap<String, Thumbnail> thumbnails() {
        return thumbnails;
    }

    public ObservableList<ModelRegistry.Entry> startingModels() {
        return startingModels;
    }

    /** The model to fine-tune; {@code null} trains from scratch. */
    public ObjectProperty<ModelRegistry.Entry> startingModelProperty() {
        return startingModel;
    }

    public DoubleProperty betaProperty() {
        return beta;
    }

    public StringBinding betaHint() {
        return betaHint;
    }

    public BooleanProperty importanceWeightsProperty() {
        return importanceWeights;
    }

    public IntegerProperty iterationsProperty() {
        return iterations;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public IntegerProperty patchSizeProperty() {
        return patchSize;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public BooleanProperty augmentationProperty() {
        return augmentation;
    }

    public IntegerProperty validationEveryProperty() {
        return validationEvery;
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

    /** The gradient self-check's result of the current run. */
    public StringProperty selfCheckProperty() {
        return selfCheck;
    }

    /** What the run does besides iterating (validating, exporting); empty otherwise. */
    public StringProperty activityProperty() {
        return activity;
    }

    public IntegerProperty iterationProperty() {
        return iteration;
    }

    public IntegerProperty totalProperty() {
        return total;
    }

    /** The estimated time remaining. */
    public StringProperty etaProperty() {
        return eta;
    }

    /** Non-empty when a stopped run's checkpoint waits in the workspace. */
    public StringProperty resumableProperty() {
        return resumable;
    }

    public ObservableList<ChartThrottle.Point> lossCurve() {
        return lossCurve;
    }

    /**
     * The sampler in one line: how many cases it effectively draws from (exp of the entropy; all of them is
     * standard training) and the β that gives.
     */
    static String samplerSummary(double effectiveCases, int cases, double beta) {
        return String.format(Locale.ROOT, "Sampler: effectively %.1f of %d cases (β %.3g)", effectiveCases, cases,
                beta);
    }

    public StringProperty samplerSummaryProperty() {
        return samplerSummary;
    }

    /** The sampler's probabilities, highest first (at most {@value #MAX_BARS}). */
    public ObservableList<Bar> sampler() {
        return sampler;
    }

    public ObservableList<DiceCurve> diceCurves() {
        return diceCurves;
    }

    public ObservableList<HardCase> hardest() {
        return hardest;
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

    /** The workspace. */
    public TrainingWorkspace workspace() {
        return workspace;
    }
}
