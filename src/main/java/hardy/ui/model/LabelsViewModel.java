package hardy.ui.model;

import hardy.io.dicom.SegAlgorithm;
import hardy.ui.render.DisplayGrid;
import hardy.ui.render.OverlayStyle;
import hardy.ui.render.Plane;
import hardy.volume.LabelMap;
import hardy.volume.LabelTable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The label layer over the image: the label map, its table of names/colours/visibility with live voxel counts,
 * the overlay style, the brush settings and the edit history. Holds state only; views bind to it.
 */
public final class LabelsViewModel {

    /** A state number no editor state ever has: the labels on screen were never saved as they are. */
    private static final long NOT_SAVED = -1;
    /** Brush diameters the tools allow, in millimetres. */
    public static final double MIN_BRUSH_MM = 0.5;
    public static final double MAX_BRUSH_MM = 50;

    /** Painting tools. */
    public enum Tool { CURSOR, BRUSH, ERASER }

    private final ObservableList<LabelRow> rows = FXCollections.observableArrayList(
            r -> new Observable[] {r.nameProperty(), r.rgbProperty(), r.visibleProperty()});
    private final ObjectProperty<LabelMap> labelMap = new SimpleObjectProperty<>(this, "labelMap");
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>(this, "file");
    private final DoubleProperty opacity = new SimpleDoubleProperty(this, "opacity", 0.4);
    private final BooleanProperty outline = new SimpleBooleanProperty(this, "outline", false);
    private final ObjectProperty<OverlayStyle> style = new SimpleObjectProperty<>(this, "style", OverlayStyle.NONE);
    private final ReadOnlyBooleanWrapper edited = new ReadOnlyBooleanWrapper(this, "edited", false);
    private final IntegerProperty revision = new SimpleIntegerProperty(this, "revision", 0);
    private final ObjectProperty<LabelRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(this, "tool", Tool.CURSOR);
    private final DoubleProperty brushMm = new SimpleDoubleProperty(this, "brushMm", 4);
    private final BooleanProperty sphere = new SimpleBooleanProperty(this, "sphere", false);
    private final ObjectProperty<LabelEditor.PaintOver> paintOver =
            new SimpleObjectProperty<>(this, "paintOver", LabelEditor.PaintOver.ALL);
    private final BooleanProperty canUndo = new SimpleBooleanProperty(this, "canUndo", false);
    private final BooleanProperty canRedo = new SimpleBooleanProperty(this, "canRedo", false);
    private LabelEditor editor;
    /** The editor state last saved (or attached from its file); {@link #NOT_SAVED} when none is. */
    private long savedState;
    /** What made the labels (see {@link #madeBy}), and the editor's state when it did. */
    private SegAlgorithm madeBy = SegAlgorithm.manual();
    private long madeAtState;
    /** Counts changes to the table (names, colours, added labels), as the editor's state counts strokes. */
    private long tableState;
    private long savedTableState;
    private long[] counts = new long[0];
    private double voxelMl;

    public LabelsViewModel() {
        rows.addListener((javafx.collections.ListChangeListener<LabelRow>) c -> updateStyle());
        opacity.addListener(o -> updateStyle());
        outline.addListener(o -> updateStyle());
    }

    /**
     * Shows {@code map} (on the image's grid) with names and colours from {@code table}; {@code file} is where it
     * came from, or null for a new map.
     */
    public void attach(LabelMap map, LabelTable table, Path source, DisplayGrid grid) {
        voxelMl = map.geometry().voxelVolumeMm3() / 1000.0;
        counts = Arrays.copyOf(map.counts(), (int) map.volume().type().max() + 1);
        editor = new LabelEditor(map, grid, this::applied);
        int top = 0;
        for (int v = counts.length - 1; v > 0; v--) {
            if (counts[v] > 0) {
                top = v;
                break;
            }
        }
        java.util.List<LabelRow> list = new java.util.ArrayList<>();
        int last = Math.min(counts.length - 1, table.entries().isEmpty() ? 0 : table.entries().getLast().value());
        for (int v = 1; v <= Math.max(top, last); v++) {
            if (table.entry(v).isPresent() || counts[v] > 0) {
                list.add(watched(new LabelRow(v, table.name(v), table.colour(v))));
            }
        }
        rows.setAll(list);
        tableState = 0;
        savedTableState = 0;
        madeBy = SegAlgorithm.manual();
        madeAtState = editor.state();
        refreshCounts();
        labelMap.set(map);
        file.set(source);
        savedState = editor.state();
        updateEdited();
        selected.set(rows.isEmpty() ? null : rows.getFirst());
        updateHistory();
        bump();
    }

    /**
     * Records what made the labels just attached: a model (AUTOMATIC, with its name and version), or what a
     * DICOM SEG says of its segments. Labels from anywhere else count as drawn by hand (MANUAL).
     */
    public void madeBy(SegAlgorithm algorithm) {
        madeBy = algorithm;
        madeAtState = editor == null ? 0 : editor.state();
    }

    /**
     * How the labels on screen were made, for a DICOM SEG: a model's labels stay AUTOMATIC until a stroke
     * changes them (undoing every stroke makes them the model's again), then they are SEMIAUTOMATIC.
     */
    public SegAlgorithm algorithm() {
        boolean edited = editor != null && editor.state() != madeAtState;
        return madeBy.type() == SegAlgorithm.Type.AUTOMATIC && edited ? SegAlgorithm.semiautomatic(madeBy.name())
                : madeBy;
    }

    /** A row whose renaming or recolouring counts as an edit of the labels (saved with them, asked about). */
    private LabelRow watched(LabelRow row) {
        row.nameProperty().addListener((o, a, b) -> tableChanged());
        row.rgbProperty().addListener((o, a, b) -> tableChanged());
        return row;
    }

    private void tableChanged() {
        tableState++;
        updateEdited();
    }

    /** The names and colours on screen, as a table (blank names read as "Label N"). */
    public LabelTable table() {
        java.util.List<LabelTable.Entry> entries = new java.util.ArrayList<>();
        for (LabelRow r : rows) {
            String name = r.nameProperty().get();
            entries.add(new LabelTable.Entry(r.value(), name == null || name.isBlank() ? "Label " + r.value()
                    : name.strip(), r.rgbProperty().get()));
        }
        return LabelTable.of(entries);
    }

    /**
     * Adds a label after the highest one, named "Label N" in Hardy's palette colour, and selects it for painting.
     * Returns the new row, or null without a label map or when the map's type holds no higher value.
     */
    public LabelRow addLabel() {
        if (labelMap.get() == null) {
            return null;
        }
        int value = rows.stream().mapToInt(LabelRow::value).max().orElse(0) + 1;
        if (value >= counts.length) {
            return null;
        }
        LabelRow row = watched(new LabelRow(value, "Label " + value, LabelTable.defaultColour(value)));
        rows.add(row);
        refreshCounts();
        tableChanged();
        selected.set(row);
        return row;
    }

    /**
     * Gives the labels the names and colours of {@code table} (imported from a file): rows it names are renamed and
     * recoloured, values it adds get rows; others are left as they are. Values the map's type cannot hold are
     * skipped; returns how many were.
     */
    public int applyTable(LabelTable table) {
        if (labelMap.get() == null) {
            return 0;
        }
        int skipped = 0;
        for (LabelTable.Entry e : table.entries()) {
            if (e.value() == 0) {
                continue;
            }
            if (e.value() >= counts.length) {
                skipped++;
                continue;
            }
            LabelRow row = row(e.value());
            if (row == null) {
                row = watched(new LabelRow(e.value(), e.name(), e.rgb()));
                int at = 0;
                while (at < rows.size() && rows.get(at).value() < e.value()) {
                    at++;
                }
                rows.add(at, row);
                tableChanged();
            } else {
                row.nameProperty().set(e.name());
                row.rgbProperty().set(e.rgb());
            }
        }
        refreshCounts();
        if (selected.get() == null && !rows.isEmpty()) {
            selected.set(rows.getFirst());
        }
        return skipped;
    }

    /** The table's state, for {@link #saved(Path, long, long)}: it changes with every rename, recolour and addition. */
    public long tableState() {
        return tableState;
    }

    /** Removes the label layer. */
    public void detach() {
        rows.clear();
        labelMap.set(null);
        file.set(null);
        editor = null;
        savedState = 0;
        updateEdited();
        updateHistory();
        bump();
    }

    /** Starts a brush or eraser stroke. */
    public void beginStroke() {
        if (editor != null) {
            editor.beginStroke();
        }
    }

    /** Paints (or erases) at a display position in a plane with the current tool settings. */
    public void paint(Plane plane, DisplayPoint at) {
        if (editor == null || tool.get() == Tool.CURSOR || (tool.get() == Tool.BRUSH && selected.get() == null)) {
            return;
        }
        int value = tool.get() == Tool.ERASER ? 0 : selected.get().value();
        editor.dab(plane, at, brushMm.get(), sphere.get(), value, paintOver.get());
    }

    /** Ends the stroke; a stroke that changed voxels marks the labels edited. */
    public void endStroke() {
        if (editor != null) {
            editor.endStroke();
        }
        updateHistory();
    }

    /** Undoes the last stroke; back at the saved state, the labels are no longer marked edited. */
    public void undo() {
        if (editor != null) {
            editor.undo();
        }
        updateHistory();
    }

    /** Redoes the last undone stroke. */
    public void redo() {
        if (editor != null) {
            editor.redo();
        }
        updateHistory();
    }

    /**
     * The labels' content as a number that changes with every stroke, undo and redo, for {@link #saved}: the
     * state a save wrote is the one it copied, not the one on screen when the write ends.
     */
    public long state() {
        return editor == null ? 0 : editor.state();
    }

    /** Records a successful save of the labels as they were in {@code state} (see {@link #state()}). */
    public void saved(Path to, long state) {
        saved(to, state, tableState);
    }

    /**
     * Records a successful save of the labels and their table as they were in {@code state} and {@code table} (see
     * {@link #state()} and {@link #tableState()}).
     */
    public void saved(Path to, long state, long table) {
        file.set(to);
        savedState = state;
        savedTableState = table;
        updateEdited();
    }

    /** Marks the labels on screen as never saved (recovered edits): edited until they are saved. */
    public void markUnsaved() {
        file.set(null);
        savedState = NOT_SAVED;
        updateEdited();
    }

    private void updateEdited() {
        edited.set(editor != null && (editor.state() != savedState || tableState != savedTableState));
    }

    private void applied(Stroke change) {
        for (int n = 0; n < change.size(); n++) {
            counts[change.before(n)]--;
            counts[change.after(n)]++;
        }
        refreshCounts();
        bump();
    }

    private void refreshCounts() {
        for (LabelRow r : rows) {
            long c = r.value() < counts.length ? counts[r.value()] : 0;
            r.voxelsProperty().set(c);
            r.millilitresProperty().set(c * voxelMl);
        }
    }

    private void updateHistory() {
        updateEdited();
        canUndo.set(editor != null && editor.canUndo());
        canRedo.set(editor != null && editor.canRedo());
    }

    private void bump() {
        revision.set(revision.get() + 1);
    }

    private void updateStyle() {
        int top = rows.stream().mapToInt(LabelRow::value).max().orElse(0);
        int[] rgb = new int[top + 1];
        boolean[] visible = new boolean[top + 1];
        for (LabelRow r : rows) {
            rgb[r.value()] = r.rgbProperty().get();
            visible[r.value()] = r.visibleProperty().get();
        }
        style.set(new OverlayStyle(rgb, visible, opacity.get(), outline.get()));
    }

    /** Makes the brush {@code mm} millimetres wider (narrower if negative), within the allowed sizes. */
    public void growBrush(double mm) {
        brushMm.set(Math.clamp(brushMm.get() + mm, MIN_BRUSH_MM, MAX_BRUSH_MM));
    }

    /** Selects the label with this value for painting, if the table has it; returns whether it does. */
    public boolean selectLabel(int value) {
        LabelRow r = row(value);
        if (r != null) {
            selected.set(r);
        }
        return r != null;
    }

    /** The label table as CSV: value, name, voxels, millilitres; one row per label. */
    public String volumesCsv() {
        StringBuilder sb = new StringBuilder("label,name,voxels,volume_ml\n");
        for (LabelRow r : rows) {
            String name = r.nameProperty().get().replace("\"", "\"\"");
            sb.append(String.format(Locale.ROOT, "%d,\"%s\",%d,%.4f%n", r.value(), name,
                    r.voxelsProperty().get(), r.millilitresProperty().get()));
        }
        return sb.toString();
    }

    /** The row of a label value, or null. */
    public LabelRow row(int value) {
        return rows.stream().filter(r -> r.value() == value).findFirst().orElse(null);
    }

    public ObservableList<LabelRow> rows() {
        return rows;
    }

    public ObjectProperty<LabelMap> labelMapProperty() {
        return labelMap;
    }

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public DoubleProperty opacityProperty() {
        return opacity;
    }

    public BooleanProperty outlineProperty() {
        return outline;
    }

    public ObjectProperty<OverlayStyle> styleProperty() {
        return style;
    }

    /**
     * Whether the labels differ from what was last saved or opened: follows undo and redo; renaming, recolouring or
     * adding a label counts too (the names are saved beside the labels).
     */
    public ReadOnlyBooleanProperty editedProperty() {
        return edited.getReadOnlyProperty();
    }

    /** Increases whenever label voxels change, so views know to redraw. */
    public IntegerProperty revisionProperty() {
        return revision;
    }

    public ObjectProperty<LabelRow> selectedProperty() {
        return selected;
    }

    public ObjectProperty<Tool> toolProperty() {
        return tool;
    }

    /** Brush diameter in millimetres. */
    public DoubleProperty brushMmProperty() {
        return brushMm;
    }

    /** Paint a ball through neighbouring slices instead of a disc in the current one. */
    public BooleanProperty sphereProperty() {
        return sphere;
    }

    public ObjectProperty<LabelEditor.PaintOver> paintOverProperty() {
        return paintOver;
    }

    public BooleanProperty canUndoProperty() {
        return canUndo;
    }

    public BooleanProperty canRedoProperty() {
        return canRedo;
    }
}
