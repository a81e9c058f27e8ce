package hardy.ui.model;

import hardy.core.CancelledException;
import hardy.core.CaseNaming;
import hardy.inference.ModelRegistry;
import hardy.io.ReadOptions;
import hardy.io.dicom.DicomSegReader;
import hardy.io.dicom.DicomSeries;
import hardy.io.dicom.DicomSeriesScanner;
import hardy.io.dicom.SegAlgorithm;
import hardy.io.labels.LabelTableFiles;
import hardy.ui.render.Plane;
import hardy.ui.render.SliceMapping;
import hardy.ui.render.WindowLevel;
import hardy.volume.FetalLabels;
import hardy.volume.LabelMap;
import hardy.volume.LabelTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The viewer's state: the open study, the linked cursor, window/level, display convention, layout, status
 * lines, and the label layer. Opening and saving run through a {@link BackgroundRunner}; failures go to the
 * message sink and leave the previous study open. Every command that replaces the study or its labels asks
 * {@link UnsavedEdits} first, so edited labels are never dropped without a question.
 */
public final class ViewerViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ViewerViewModel.class);

    /** One large view or the three planes side by side. */
    public enum Layout { ONE, THREE }

    private final ObjectProperty<Study> study = new SimpleObjectProperty<>(this, "study");
    private final ObjectProperty<DisplayPoint> cursor = new SimpleObjectProperty<>(this, "cursor",
            new DisplayPoint(0, 0, 0));
    private final ObjectProperty<WindowLevel> window = new SimpleObjectProperty<>(this, "window",
            new WindowLevel(0.5, 1));
    private final BooleanProperty radiological = new SimpleBooleanProperty(this, "radiological", true);
    private final ObjectProperty<Layout> layout = new SimpleObjectProperty<>(this, "layout", Layout.THREE);
    private final ObjectProperty<Plane> mainPlane = new SimpleObjectProperty<>(this, "mainPlane", Plane.AXIAL);
    private final StringProperty hover = new SimpleStringProperty(this, "hover", "");
    private final StringProperty notes = new SimpleStringProperty(this, "notes", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final LabelsViewModel labels = new LabelsViewModel();
    private final ProgressModel progress = new ProgressModel();
    private final StudyFiles files;
    private final BackgroundRunner runner;
    private final ViewerCursor cursorMath = new ViewerCursor(this);
    private Consumer<UserMessage> messages = m -> { };
    private SeriesChooser seriesChooser = series -> Optional.empty();
    private SaveLocation saveLocation = suggested -> Optional.empty();
    private RecentFiles recent;

    private final SegmentationViewModel segmentation;
    private final UnsavedEdits unsaved = new UnsavedEdits(this);

    public ViewerViewModel(StudyFiles files, BackgroundRunner runner) {
        this(files, runner, ModelRegistry.installed());
    }

    /** A viewer whose Segment command lists the models of {@code models}. */
    public ViewerViewModel(StudyFiles files, BackgroundRunner runner, ModelRegistry models) {
        this.files = files;
        this.runner = runner;
        this.segmentation = new SegmentationViewModel(this, models, runner);
    }

    /** Reports a problem to the user (a dialog in the app). */
    void report(UserMessage message) {
        messages.accept(message);
    }

    /** Segmenting the open study with a model. */
    public SegmentationViewModel segmentation() {
        return segmentation;
    }

    /** Where failures are reported (a dialog in the app). */
    public void setMessageSink(Consumer<UserMessage> sink) {
        this.messages = sink;
    }

    /** Who picks a series when a DICOM folder holds several. */
    public void setSeriesChooser(SeriesChooser chooser) {
        this.seriesChooser = chooser;
    }

    /** Who picks the file labels are saved to when they have none yet (a file chooser in the app). */
    public void setSaveLocation(SaveLocation saveLocation) {
        this.saveLocation = saveLocation;
    }

    /** The Open recent list: images the user opened go in once they have opened. */
    public void setRecentFiles(RecentFiles recent) {
        this.recent = recent;
    }

    /** The guard of unsaved label edits: its question, its recovery copies. */
    public UnsavedEdits unsaved() {
        return unsaved;
    }

    /**
     * Opens an image the user chose (file, or DICOM folder) and optionally a label map for it, once unsaved
     * label edits are safe (see {@link UnsavedEdits#whenSafe}). Without labels the image gets an empty label map
     * with the default table, ready to paint. The image joins the recent list once it has opened.
     */
    public void open(Path image, Path labelFile) {
        unsaved.whenSafe(UnsavedEdits.Action.OPEN_IMAGE, () -> openNow(image, labelFile, true, () -> { }));
    }

    /**
     * Opens an image as {@link #open} does, without adding it to the recent list (the demo study, a recovered
     * copy, a training case), and runs {@code afterShow} once it is on screen.
     */
    public void openUnlisted(Path image, Path labelFile, Runnable afterShow) {
        unsaved.whenSafe(UnsavedEdits.Action.OPEN_IMAGE, () -> openNow(image, labelFile, false, afterShow));
    }

    private void openNow(Path image, Path labelFile, boolean remember, Runnable afterShow) {
        Runnable opened = remember && recent != null ? () -> {
            recent.add(image);
            afterShow.run();
        } : afterShow;
        if (Files.isDirectory(image)) {
            openFolder(image, labelFile, opened);
            return;
        }
        load(image, (p, c) -> files.readImage(image, ReadOptions.DEFAULT, p, c), labelFile, List.of(), opened);
    }

    private void openFolder(Path dir, Path labelFile, Runnable afterShow) {
        progress.start("Scanning " + dir.getFileName());
        runner.run((p, c) -> DicomSeriesScanner.scan(dir, p, c), progress, scan -> {
            progress.finish();
            List<DicomSeries> series = scan.series();
            if (series.isEmpty()) {
                messages.accept(new UserMessage("Cannot open folder", name(dir) + ": no DICOM image series found"
                        + (scan.skippedFiles() > 0 ? " (" + scan.skippedFiles() + " other files skipped)" : "")));
                return;
            }
            Optional<DicomSeries> pick = series.size() == 1 ? Optional.of(series.getFirst())
                    : seriesChooser.choose(series);
            // The scan's headers are the series' headers: the reader takes them instead of scanning again.
            pick.ifPresent(s -> load(dir, (p, c) -> files.readSeries(dir, s, p, c), labelFile, scan.segmentations(),
                    afterShow));
        }, failure(dir, "Cannot open folder"));
    }

    /**
     * Reads an image and its labels: {@code labelFile}, or else the first of the DICOM Segmentations found beside
     * a DICOM series ({@code segmentations}) that references it. Such a SEG that does not fit is noted, not fatal.
     */
    private void load(Path image, Work<Study> read, Path labelFile, List<Path> segmentations, Runnable afterShow) {
        progress.start("Opening " + name(image));
        runner.run((p, c) -> {
            Study s = read.call(p, c);
            StudyFiles.LoadedLabels l = null;
            if (labelFile != null) {
                try {
                    l = files.readLabels(labelFile, s.image().geometry(), s.dicom(), p, c);
                } catch (Exception e) {
                    throw new LabelFileException(labelFile, e);
                }
            } else if (s.dicom() != null && !segmentations.isEmpty()) {
                l = segmentationBeside(s, segmentations, p, c);
            }
            return new Opened(s, l);
        }, progress, opened -> {
            progress.finish();
            show(opened.study(), opened.labels());
            afterShow.run();
        }, e -> {
            if (e instanceof LabelFileException lf) {
                failure(lf.file, "Cannot open labels").accept(lf.getCause());
            } else {
                failure(image, "Cannot open file").accept(e);
            }
        });
    }

    private StudyFiles.LoadedLabels segmentationBeside(Study s, List<Path> segmentations,
            hardy.core.ProgressListener p, hardy.core.Cancellation c) throws java.io.IOException {
        List<Path> mine = DicomSegReader.referencing(segmentations, s.dicom());
        if (mine.isEmpty()) {
            return null;
        }
        try {
            StudyFiles.LoadedLabels l = files.readLabels(mine.getFirst(), s.image().geometry(), s.dicom(), p, c);
            List<String> notes = new ArrayList<>(l.notes());
            notes.add(0, "labels from the DICOM segmentation " + name(mine.getFirst())
                    + (mine.size() > 1 ? " (" + (mine.size() - 1) + " more in the folder: File > Open labels...)"
                    : ""));
            return new StudyFiles.LoadedLabels(l.labels(), l.file(), notes, l.table(), l.algorithm());
        } catch (hardy.io.VolumeFormatException e) {
            LOG.warn("A DICOM segmentation beside the series was not opened", e);
            return new StudyFiles.LoadedLabels(LabelMap.empty(s.image().geometry(), 255), null,
                    List.of("segmentation not opened: " + e.getMessage()), FetalLabels.TABLE);
        }
    }

    /** Opens a label map onto the current image, once unsaved label edits are safe. */
    public void openLabels(Path labelFile) {
        if (study.get() == null) {
            return;
        }
        unsaved.whenSafe(UnsavedEdits.Action.OPEN_LABELS, () -> openLabelsNow(labelFile));
    }

    private void openLabelsNow(Path labelFile) {
        Study s = study.get();
        progress.start("Opening labels " + name(labelFile));
        runner.run((p, c) -> files.readLabels(labelFile, s.image().geometry(), s.dicom(), p, c), progress, l -> {
            progress.finish();
            if (study.get() != s) {
                return; // another study was opened meanwhile
            }
            replaceLabels(l.labels(), tableOf(l), l.file(), s.grid());
            if (l.algorithm() != null) {
                labels.madeBy(l.algorithm());
            }
            setNotes(s, l.notes());
        }, failure(labelFile, "Cannot open labels"));
    }

    /**
     * Saves the labels to their file, or, when they have none (or not a NIfTI one) or {@code chooseFile} is set, to
     * a file the {@link SaveLocation} picks; then runs {@code done}. Nothing is saved, and {@code done} not run,
     * if no file is picked or the save fails.
     */
    public void saveLabels(boolean chooseFile, Runnable done) {
        if (labels.labelMapProperty().get() == null) {
            return;
        }
        Path target = labels.fileProperty().get();
        if (chooseFile || target == null || !isNifti(target)) {
            Study s = study.get();
            String base = s == null ? "labels" : s.name().replaceFirst("(?i)\\.nii(\\.gz)?$", "");
            Optional<Path> chosen = saveLocation.choose(CaseNaming.labelsFile(base));
            if (chosen.isEmpty()) {
                return;
            }
            target = isNifti(chosen.get()) ? chosen.get()
                    : chosen.get().resolveSibling(chosen.get().getFileName() + ".nii.gz");
        }
        saveLabels(target, done);
    }

    private static boolean isNifti(Path p) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".nii") || n.endsWith(".nii.gz");
    }

    /**
     * Saves the label map to {@code target} and its names beside it ({@code NAME.label.txt}, atomically); calls {@code done} after a successful save, and says in
     * the status bar where the labels went.
     */
    public void saveLabels(Path target, Runnable done) {
        LabelMap map = labels.labelMapProperty().get();
        if (map == null) {
            return;
        }
        progress.start("Saving labels " + name(target));
        // Saved from a copy: the user may go on painting while the background thread writes.
        LabelMap snapshot = new LabelMap(map.volume().copy());
        LabelTable table = labels.table();
        long state = labels.state();
        long tableState = labels.tableState();
        runner.run((p, c) -> {
            files.writeLabels(snapshot, table, target, p, c);
            return target;
        }, progress, t -> {
            progress.finish();
            if (labels.labelMapProperty().get() == map) {
                labels.saved(t, state, tableState);
            }
            status.set("Labels saved to " + t.toAbsolutePath());
            LOG.info("Saved a label map ({} voxels)", map.volume().data().length());
            done.run();
        }, failure(target, "Cannot save labels"));
    }

    /**
     * Why File > Export DICOM SEG cannot be used for the open study, or "" when it can: a study that did not come
     * from DICOM has no DICOM identity for a SEG to reference.
     */
    public String segExportUnavailable() {
        Study s = study.get();
        if (s == null) {
            return "no study is open";
        }
        String format = s.format().startsWith("NIfTI") ? "NIfTI" : s.format();
        return s.dicom() == null ? "a " + format + " image has no DICOM identity: save its labels as NIfTI" : "";
    }

    /**
     * Writes the labels on screen as a DICOM Segmentation of the open DICOM series, in the background: segments
     * named and coloured as on screen, AUTOMATIC or SEMIAUTOMATIC by whether they were edited since a model made
     * them (see {@link LabelsViewModel#algorithm}). Failures are reported; the status bar says where it went.
     */
    public void exportSeg(Path target) {
        LabelMap map = labels.labelMapProperty().get();
        Study s = study.get();
        if (map == null || s == null || s.dicom() == null) {
            return;
        }
        progress.start("Writing DICOM segmentation " + name(target));
        LabelMap snapshot = new LabelMap(map.volume().copy());
        LabelTable table = labels.table();
        SegAlgorithm algorithm = labels.algorithm();
        runner.run((p, c) -> files.writeSeg(snapshot, table, algorithm, s.dicom(), target, p, c), progress, w -> {
            progress.finish();
            status.set(String.format(java.util.Locale.ROOT, "DICOM segmentation (%d segment%s, %s) saved to %s",
                    w.segments(), w.segments() == 1 ? "" : "s", algorithm.type().name().toLowerCase(
                            java.util.Locale.ROOT), target.toAbsolutePath()));
            LOG.info("Wrote a DICOM segmentation: {} segments, {} frames", w.segments(), w.frames());
        }, failure(target, "Cannot export DICOM segmentation"));
    }

    /**
     * Shows a loaded study (and labels), replacing the current one without asking: callers ask first (see
     * {@link #open}). Unsaved edits of the labels it replaces are kept as a recovery copy all the same.
     */
    public void show(Study s, StudyFiles.LoadedLabels l) {
        LOG.info("Showing a {} {} volume{}", s.format(), s.image(), s.grid().oblique() ? " (resliced)" : "");
        unsaved.replacing();
        study.set(s);
        window.set(WindowLevel.auto(s.statistics()));
        cursor.set(new DisplayPoint(s.grid().size(0) / 2, s.grid().size(1) / 2, s.grid().size(2) / 2));
        if (l != null) {
            labels.attach(l.labels(), tableOf(l), l.file(), s.grid());
            if (l.algorithm() != null) {
                labels.madeBy(l.algorithm());
            }
        } else {
            labels.attach(LabelMap.empty(s.image().geometry(), 255), FetalLabels.TABLE, null, s.grid());
        }
        setNotes(s, l == null ? List.of() : l.notes());
        hover.set("");
    }

    /** The names a label file brought, else the FeTA names (labels nobody named are taken for FeTA's). */
    private static LabelTable tableOf(StudyFiles.LoadedLabels l) {
        return l.table() != null ? l.table() : FetalLabels.TABLE;
    }

    /**
     * Gives the labels on screen the names and colours of a label description file (ITK-SNAP) or colour table
     * (3D Slicer), read in the background; a file that cannot be read is reported.
     */
    public void importLabelNames(Path file) {
        if (labels.labelMapProperty().get() == null) {
            return;
        }
        progress.start("Reading label names " + name(file));
        runner.run((p, c) -> LabelTableFiles.read(file), progress, table -> {
            progress.finish();
            int skipped = labels.applyTable(table);
            status.set("Label names imported from " + file.toAbsolutePath() + (skipped > 0 ? " (" + skipped
                    + " values too large for this label map skipped)" : ""));
        }, failure(file, "Cannot import label names"));
    }

    /** Writes the labels' names and colours (ITK-SNAP's format, or Slicer's for {@code .ctbl}), atomically. */
    public void exportLabelNames(Path file) {
        if (labels.labelMapProperty().get() == null) {
            return;
        }
        LabelTable table = labels.table();
        progress.start("Writing label names " + name(file));
        runner.run((p, c) -> {
            LabelTableFiles.write(file, table, LabelTableFiles.formatFor(file));
            return file;
        }, progress, f -> {
            progress.finish();
            status.set("Label names exported to " + f.toAbsolutePath());
        }, failure(file, "Cannot export label names"));
    }

    /** Replaces the label layer of the open study; unsaved edits of the old one are kept as a recovery copy. */
    void replaceLabels(LabelMap map, LabelTable table, Path source, hardy.ui.render.DisplayGrid grid) {
        unsaved.replacing();
        labels.attach(map, table, source, grid);
    }

    private void setNotes(Study s, List<String> labelNotes) {
        List<String> all = new ArrayList<>();
        if (s.grid().oblique()) {
            all.add("resliced from an oblique acquisition (nearest neighbour)");
        }
        all.addAll(s.warnings());
        all.addAll(labelNotes);
        notes.set(String.join("; ", all));
    }

    private Consumer<Throwable> failure(Path file, String title) {
        return e -> {
            progress.finish();
            if (e instanceof CancelledException) {
                notes.set("Cancelled: " + name(file));
                return;
            }
            LOG.warn("{} failed", title, e);
            messages.accept(new UserMessage(title, Problems.describe(file, e)));
        };
    }

    private static String name(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }

    /** Cursor, slice and hover arithmetic. */
    public ViewerCursor cursorMath() {
        return cursorMath;
    }

    /** Sets window/level to the robust percentile range. */
    public void autoWindow() {
        if (study.get() != null) {
            window.set(WindowLevel.auto(study.get().statistics()));
        }
    }

    /** The mapping of a plane's current slice, or null without a study. */
    public SliceMapping mapping(Plane plane) {
        Study s = study.get();
        return s == null ? null : new SliceMapping(s.grid(), plane, cursor.get().get(plane.normalAxis()),
                radiological.get());
    }

    public ObjectProperty<Study> studyProperty() {
        return study;
    }

    public ObjectProperty<DisplayPoint> cursorProperty() {
        return cursor;
    }

    public ObjectProperty<WindowLevel> windowProperty() {
        return window;
    }

    /** Patient's left on the screen's right (the default), else neurological. */
    public BooleanProperty radiologicalProperty() {
        return radiological;
    }

    public ObjectProperty<Layout> layoutProperty() {
        return layout;
    }

    /** The plane shown in the one-view layout. */
    public ObjectProperty<Plane> mainPlaneProperty() {
        return mainPlane;
    }

    /** Voxel, position, value and label under the mouse. */
    public StringProperty hoverProperty() {
        return hover;
    }

    /** Reader warnings and display notes (reslicing, resampled labels). */
    public StringProperty notesProperty() {
        return notes;
    }

    /** What the last command did, for the status bar (where labels were saved). */
    public StringProperty statusProperty() {
        return status;
    }

    public LabelsViewModel labels() {
        return labels;
    }

    public ProgressModel progress() {
        return progress;
    }

    private record Opened(Study study, StudyFiles.LoadedLabels labels) {
    }

    /** Marks a failure of the label file, so the dialog names it rather than the image. */
    private static final class LabelFileException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Path file;

        LabelFileException(Path file, Throwable cause) {
            super(cause);
            this.file = file;
        }
    }
}
