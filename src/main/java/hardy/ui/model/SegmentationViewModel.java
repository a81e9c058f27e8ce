package hardy.ui.model;

import hardy.core.CancelledException;
import hardy.inference.DeviceReport;
import hardy.inference.ModelCard;
import hardy.inference.ModelRegistry;
import hardy.inference.SegmentOptions;
import hardy.inference.SegmentationModel;
import hardy.inference.SegmentationResult;
import hardy.inference.Segmenter;
import hardy.io.dicom.SegAlgorithm;
import hardy.volume.FetalLabels;
import hardy.volume.LabelMap;
import hardy.volume.LabelTable;
import hardy.volume.Volume;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segmenting the open study with a model: the installed models and the selected one, the run (in the background,
 * with progress and Cancel), the device it used, and the uncertainty (entropy) map of the last result.
 *
 * <p>The result replaces the label layer. Labels with unsaved edits go through {@link UnsavedEdits} first (Save /
 * Don't save / Cancel); unedited labels opened from a file are replaced only if the {@link Confirmer} agrees.
 */
public final class SegmentationViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentationViewModel.class);

    /** Where a segmentation run stands. */
    public enum State { IDLE, RUNNING, DONE, CANCELLED, FAILED }

    /** Asks the user a yes/no question (a dialog in the app). */
    @FunctionalInterface
    public interface Confirmer {
        boolean confirm(String title, String question);
    }

    private final ViewerViewModel viewer;
    private final ModelRegistry registry;
    private final BackgroundRunner runner;
    private final ObservableList<ModelRegistry.Entry> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelRegistry.Entry> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.IDLE);
    private final StringProperty device = new SimpleStringProperty(this, "device", "");
    private final StringProperty deviceDetails = new SimpleStringProperty(this, "deviceDetails", "");
    private final ObjectProperty<Volume> entropy = new SimpleObjectProperty<>(this, "entropy");
    private final BooleanProperty showEntropy = new SimpleBooleanProperty(this, "showEntropy", false);
    private final DoubleProperty entropyOpacity = new SimpleDoubleProperty(this, "entropyOpacity", 0.7);
    private final LoadedModel loaded = new LoadedModel();
    private Confirmer confirmer = (title, question) -> false;
    private LabelMap lastResult;

    SegmentationViewModel(ViewerViewModel viewer, ModelRegistry registry, BackgroundRunner runner) {
        this.viewer = viewer;
        this.registry = registry;
        this.runner = runner;
        // A new study or label map from elsewhere makes the uncertainty map stale.
        viewer.labels().labelMapProperty().addListener((o, a, b) -> {
            if (b != lastResult) {
                entropy.set(null);
            }
        });
        // The network stays loaded while its model is the selected one (Segment after Segment loads it once).
        selected.addListener((o, a, b) -> loaded.keepOnly(key(b)));
    }

    private static LoadedModel.Key key(ModelRegistry.Entry entry) {
        return entry == null || entry.card() == null ? null : LoadedModel.keyOf(entry.dir(), entry.card().sha256());
    }

    /** Closes the loaded network, if any (the window is closing). */
    public void close() {
        loaded.close();
    }

    /** How many times a network was loaded for Segment (for tests). */
    int modelLoads() {
        return loaded.loads();
    }

    /** The model whose network is held loaded, or null. */
    Path loadedModel() {
        LoadedModel.Key k = loaded.held();
        return k == null ? null : k.dir();
    }

    /** Who answers "replace the labels?" (a dialog in the app). */
    public void setConfirmer(Confirmer confirmer) {
        this.confirmer = confirmer;
    }

    /** Re-reads the installed models; keeps the selection if it still exists, else picks the default. */
    public void refresh() {
        List<ModelRegistry.Entry> list;
        try {
            list = registry.list();
        } catch (IOException e) {
            LOG.warn("Cannot list models", e);
            list = List.of();
        }
        Path keep = selected.get() == null ? null : selected.get().dir();
        models.setAll(list);
        List<ModelRegistry.Entry> found = list;
        Optional<ModelRegistry.Entry> again = found.stream().filter(e -> e.dir().equals(keep)).findFirst();
        selected.set(again.orElseGet(() -> defaultModel(found)));
    }

    private static ModelRegistry.Entry defaultModel(List<ModelRegistry.Entry> list) {
        return list.stream().filter(e -> e.card() != null && e.card().name().equals("fetal-brain")).findFirst()
                .or(() -> list.stream().filter(e -> e.card() != null).findFirst()).orElse(null);
    }

    /** Whether the labels on screen are a file the user opened, unedited (unsaved edits are asked about apart). */
    private boolean labelsFromFile() {
        LabelsViewModel labels = viewer.labels();
        LabelMap map = labels.labelMapProperty().get();
        return map != null && map != lastResult && labels.fileProperty().get() != null
                && !labels.editedProperty().get();
    }

    /**
     * Runs the selected model on the open study in the background. Does nothing without a study; reports a message
     * without a usable model; asks before replacing the user's labels.
     */
    public void segment() {
        segment(selected.get());
    }

    /**
     * Segments the open study with a model folder that need not be installed (a training run's newest model), as
     * {@link #segment()} does with the picker's model. A folder whose card cannot be read is reported.
     */
    public void segmentWith(Path modelDir) {
        try {
            segment(new ModelRegistry.Entry(modelDir, ModelRegistry.Source.USER, SegmentationModel.readCard(modelDir),
                    null));
        } catch (IllegalArgumentException | IOException e) {
            viewer.report(new UserMessage("Cannot use model", modelDir.getFileName() + ": " + e.getMessage()));
        }
    }

    private void segment(ModelRegistry.Entry entry) {
        Study study = viewer.studyProperty().get();
        if (study == null || state.get() == State.RUNNING) {
            return;
        }
        if (entry == null || entry.card() == null) {
            viewer.report(new UserMessage("No segmentation model", entry == null
                    ? "No model is installed. Use Segmentation > Import model... to add a model folder (model.json "
                        + "and model.onnx), or train one with 'hardy train'."
                    : "The selected model cannot be used: " + entry.error()));
            return;
        }
        if (labelsFromFile() && !confirmer.confirm("Replace labels?", "The labels on screen were opened from "
                + viewer.labels().fileProperty().get().getFileName() + ". Replace them with the segmentation by "
                + entry.card().name() + "? The file itself is not changed.")) {
            return;
        }
        viewer.unsaved().whenSafe(UnsavedEdits.Action.SEGMENT, () -> run(entry));
    }

    private void run(ModelRegistry.Entry entry) {
        Study study = viewer.studyProperty().get();
        if (study == null || state.get() == State.RUNNING) {
            return;
        }
        state.set(State.RUNNING);
        Path dir = entry.dir();
        LoadedModel.Key key = key(entry);
        viewer.progress().start("Segmenting with " + entry.card().name());
        runner.run((p, c) -> {
            Segmenter segmenter = loaded.acquire(key, () -> Segmenter.open(SegmentationModel.load(dir),
                    SegmentOptions.DEFAULT.withEntropy(true)));
            try {
                return segmenter.segment(study.image(), p, c);
            } finally {
                loaded.release(segmenter);
            }
        }, viewer.progress(), result -> {
            viewer.progress().finish();
            if (viewer.studyProperty().get() != study) {
                state.set(State.CANCELLED); // another study was opened meanwhile
                return;
            }
            show(study, result, entry);
        }, e -> {
            viewer.progress().finish();
            if (e instanceof CancelledException) {
                state.set(State.CANCELLED);
                viewer.notesProperty().set("Segmentation cancelled");
                return;
            }
            state.set(State.FAILED);
            LOG.warn("Segmentation failed", e);
            viewer.report(failure(entry, e));
        });
    }

    /**
     * What the user reads when a run fails. Hardy's own checks (a refused model, an image the model does not fit)
     * already speak plainly; an engine failure (ONNX Runtime's error text) is said in words, with its text in the
     * details.
     */
    static UserMessage failure(ModelRegistry.Entry entry, Throwable e) {
        String text = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        if (e instanceof IllegalArgumentException || e instanceof IOException) {
            return new UserMessage("Segmentation failed", text);
        }
        return new UserMessage("Segmentation failed", "The model " + entry.card().name() + " could not run on this "
                + "study. The engine's own report is under Show Details, and in the log.", text);
    }

    private void show(Study study, SegmentationResult result, ModelRegistry.Entry entry) {
        lastResult = result.labels();
        viewer.replaceLabels(result.labels(), labelsToShow(result.labelTable(), viewer.labels().table()), null,
                study.grid());
        viewer.labels().madeBy(SegAlgorithm.automatic(entry.card().name() + " " + entry.card().version()));
        entropy.set(result.entropy());
        DeviceReport used = result.device();
        device.set(used.fellBack() ? used.summary() : "Ran on the " + used.summary());
        deviceDetails.set(used.fellBack() ? "The GPU could not be used, so the model ran on the CPU. ONNX Runtime "
                + "said:\n" + used.fallback() : "");
        state.set(State.DONE);
        LOG.info("Segmented with {} on {} in {} ms", entry.card().name(), result.device().describe(),
                result.elapsed().toMillis());
    }

    /**
     * The names and colours a result is drawn with. When the model's labels are the labels on screen (every label it
     * names is on screen under the same name, case aside), the screen's table stays, with the user's colours and
     * renames: segmenting the demo does not change its colours. Otherwise the model's table, with a FeTA card drawn
     * in the FeTA table's colours (see {@link FetalLabels#displayed}).
     */
    static LabelTable labelsToShow(LabelTable model, LabelTable screen) {
        boolean same = !model.entries().isEmpty() && model.entries().stream().filter(e -> e.value() != 0)
                .allMatch(e -> screen.entry(e.value()).map(s -> s.name().equalsIgnoreCase(e.name())).orElse(false));
        return same ? screen : FetalLabels.displayed(model);
    }

    /**
     * Copies a model folder into the user's model folder after {@link SegmentationModel#load} accepts it, then
     * selects it. A refused model is reported with the reason.
     */
    public void importModel(Path dir, Consumer<Path> done) {
        viewer.progress().start("Checking model " + dir.getFileName());
        runner.run((p, c) -> registry.install(dir, SegmentationModel.readCard(dir).name(), null), viewer.progress(),
                target -> {
                    viewer.progress().finish();
                    refresh();
                    models.stream().filter(e -> e.dir().equals(target)).findFirst().ifPresent(selected::set);
                    done.accept(target);
                }, e -> {
                    viewer.progress().finish();
                    if (!(e instanceof CancelledException)) {
                        viewer.report(new UserMessage("Cannot import model", e.getMessage()));
                    }
                });
    }

    /** A model card as text for the picker: description, labels, grid, provenance and evaluation. */
    public static String describe(ModelRegistry.Entry entry) {
        if (entry == null) {
            return "No model installed.";
        }
        if (entry.card() == null) {
            return entry.dir().getFileName() + ": cannot be used\n" + entry.error();
        }
        ModelCard c = entry.card();
        StringBuilder sb = new StringBuilder();
        sb.append(c.name()).append(' ').append(c.version()).append(" (")
                .append(entry.source() == ModelRegistry.Source.SHIPPED ? "shipped" : "yours").append(")\n");
        if (c.description() != null) {
            sb.append(c.description()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "Grid %s x %s x %s mm, patch %d x %d x %d, %d classes%n",
                mm(c.spacing()[0]), mm(c.spacing()[1]), mm(c.spacing()[2]), c.patchSize()[0], c.patchSize()[1],
                c.patchSize()[2], c.numClasses()));
        sb.append("Labels:");
        for (ModelCard.Label l : c.labels()) {
            sb.append(' ').append(l.value()).append(' ').append(l.name()).append(';');
        }
        sb.setLength(sb.length() - 1);
        sb.append('\n');
        if (c.provenance() != null && c.provenance().has("algorithm")) {
            sb.append("Trained with ").append(c.provenance().get("algorithm").asText());
            if (c.provenance().has("trainingCases")) {
                sb.append(" on ").append(c.provenance().get("trainingCases").asInt()).append(" cases");
            }
            sb.append('\n');
        }
        if (c.evaluation() != null && c.evaluation().has("dice")) {
            sb.append("Mean Dice:");
            c.evaluation().get("dice").fields().forEachRemaining(f -> sb.append(' ').append(f.getKey())
                    .append(String.format(Locale.ROOT, " %.3f;", f.getValue().path("mean").asDouble())));
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
        return sb.toString().strip();
    }

    private static String mm(double v) {
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    public ObservableList<ModelRegistry.Entry> models() {
        return models;
    }

    public ObjectProperty<ModelRegistry.Entry> selectedProperty() {
        return selected;
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    /**
     * The device the last run used, in plain words for the status bar and the side panel ("Ran on the CPU (2
     * threads)", "No GPU found; ran on the CPU (2 threads)"); empty before the first run.
     */
    public StringProperty deviceProperty() {
        return device;
    }

    /** Why the GPU was not used, in the engine's own words, for a details popup; empty when nothing fell back. */
    public StringProperty deviceDetailsProperty() {
        return deviceDetails;
    }

    /** Per-voxel entropy of the last result's averaged probabilities, on the image grid; null if none. */
    public ObjectProperty<Volume> entropyProperty() {
        return entropy;
    }

    public BooleanProperty showEntropyProperty() {
        return showEntropy;
    }

    public DoubleProperty entropyOpacityProperty() {
        return entropyOpacity;
    }

    /** Largest possible entropy of the last result (ln of the class count), for the heat scale. */
    public double maxEntropy() {
        ModelRegistry.Entry e = selected.get();
        return e == null || e.card() == null ? Math.log(2) : Math.log(e.card().numClasses());
    }
}
