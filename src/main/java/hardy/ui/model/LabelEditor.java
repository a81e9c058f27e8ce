package hardy.ui.model;

import hardy.ui.render.DisplayGrid;
import hardy.ui.render.Plane;
import hardy.volume.LabelMap;
import hardy.volume.VoxelArray;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Brush and eraser painting on a label map, with undo and redo by stroke. A stroke is every dab between
 * {@link #beginStroke()} and {@link #endStroke()} (one mouse press to release). Painting happens on the display
 * grid and lands on the source voxel each display voxel shows, so it is exact for non-oblique images.
 */
public final class LabelEditor {

    /** Which existing labels a brush may replace. */
    public enum PaintOver {
        /** Every label. */
        ALL,
        /** Only background: painting never eats a neighbouring structure. */
        BACKGROUND_ONLY
    }

    /** Strokes kept for undo; the issue asks for at least 50. */
    public static final int UNDO_LIMIT = 100;

    private final LabelMap labels;
    private final DisplayGrid grid;
    private final Consumer<Stroke> onApplied;
    private final Deque<Stroke> undo = new ArrayDeque<>();
    private final Deque<Stroke> redo = new ArrayDeque<>();
    /** Every stroke put on the undo stack gets a new number; the labels' state is the top stroke's number. */
    private final Map<Stroke, Long> numbers = new HashMap<>();
    private long lastNumber;
    /** The state under the bottom of the undo stack: 0 at first, then that of the last stroke dropped off it. */
    private long floor;
    private Stroke current;
    private Map<Integer, Integer> touched;

    /**
     * An editor for {@code labels} shown on {@code grid}.
     *
     * @param onApplied told of every stroke applied, undone (as its inverse) or redone, e.g. to update counts
     */
    public LabelEditor(LabelMap labels, DisplayGrid grid, Consumer<Stroke> onApplied) {
        this.labels = labels;
        this.grid = grid;
        this.onApplied = onApplied;
    }

    /** Starts a stroke. */
    public void beginStroke() {
        current = new Stroke();
        touched = new HashMap<>();
    }

    /**
     * Paints one dab: a disc in the plane through {@code centre} (or a ball when {@code sphere}) of the given
     * diameter in millimetres; at least the centre voxel is painted.
     *
     * @param value the label to paint, 0 to erase
     */
    public void dab(Plane plane, DisplayPoint centre, double diameterMm, boolean sphere, int value, PaintOver rule) {
        if (current == null) {
            beginStroke();
        }
        double r = diameterMm / 2;
        int h = plane.horizontalAxis();
        int v = plane.verticalAxis();
        int nrm = plane.normalAxis();
        int rh = (int) Math.floor(r / grid.spacing(h));
        int rv = (int) Math.floor(r / grid.spacing(v));
        int rn = sphere ? (int) Math.floor(r / grid.spacing(nrm)) : 0;
        VoxelArray data = labels.volume().data();
        Stroke change = new Stroke();
        for (int dn = -rn; dn <= rn; dn++) {
            for (int dv = -rv; dv <= rv; dv++) {
                for (int dh = -rh; dh <= rh; dh++) {
                    double mh = dh * grid.spacing(h);
                    double mv = dv * grid.spacing(v);
                    double mn = dn * grid.spacing(nrm);
                    if ((dh != 0 || dv != 0 || dn != 0) && mh * mh + mv * mv + mn * mn > r * r) {
                        continue;
                    }
                    int[] p = centre.toArray();
                    p[h] += dh;
                    p[v] += dv;
                    p[nrm] += dn;
                    if (!inside(p)) {
                        continue;
                    }
                    int idx = grid.sourceIndex(p[0], p[1], p[2]);
                    if (idx >= 0) {
                        paintVoxel(data, idx, value, rule, change);
                    }
                }
            }
        }
        if (change.size() > 0) {
            onApplied.accept(change);
        }
    }

    private boolean inside(int[] p) {
        return p[0] >= 0 && p[1] >= 0 && p[2] >= 0 && p[0] < grid.size(0) && p[1] < grid.size(1)
                && p[2] < grid.size(2);
    }

    private void paintVoxel(VoxelArray data, int idx, int value, PaintOver rule, Stroke change) {
        int old = (int) data.get(idx);
        if (old == value || (value != 0 && rule == PaintOver.BACKGROUND_ONLY && old != 0)) {
            return;
        }
        data.set(idx, value);
        Integer at = touched.get(idx);
        change.add(idx, old, value);
        if (at == null) {
            touched.put(idx, current.size());
            current.add(idx, old, value);
        } else {
            current.setAfter(at, value);
        }
    }

    /** Ends the stroke and makes it undoable; returns whether it changed anything. */
    public boolean endStroke() {
        Stroke s = current;
        current = null;
        touched = null;
        if (s == null || s.size() == 0) {
            return false;
        }
        undo.push(s);
        numbers.put(s, ++lastNumber);
        while (undo.size() > UNDO_LIMIT) {
            floor = numbers.remove(undo.removeLast());
        }
        redo.forEach(numbers::remove);
        redo.clear();
        return true;
    }

    /**
     * A number for the labels' current content as far as this editor's history goes: undoing back to an earlier
     * state gives its number again, and a state never comes back once a new stroke has cleared the redo stack.
     * 0 is the content the editor started with.
     */
    public long state() {
        return undo.isEmpty() ? floor : numbers.get(undo.peek());
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Undoes the last stroke; returns whether there was one. */
    public boolean undo() {
        if (undo.isEmpty()) {
            return false;
        }
        Stroke s = undo.pop();
        apply(s, true);
        redo.push(s);
        return true;
    }

    /** Redoes the last undone stroke; returns whether there was one. */
    public boolean redo() {
        if (redo.isEmpty()) {
            return false;
        }
        Stroke s = redo.pop();
        apply(s, false);
        undo.push(s);
        return true;
    }

    private void apply(Stroke s, boolean backwards) {
        VoxelArray data = labels.volume().data();
        Stroke change = new Stroke();
        for (int n = s.size() - 1; n >= 0; n--) {
            int from = backwards ? s.after(n) : s.before(n);
            int to = backwards ? s.before(n) : s.after(n);
            data.set(s.voxel(n), to);
            change.add(s.voxel(n), from, to);
        }
        onApplied.accept(change);
    }
}
