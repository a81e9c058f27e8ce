package hardy.ui.model;

import hardy.ui.render.Plane;
import hardy.ui.render.SliceMapping;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.util.Locale;

/**
 * Moves the linked cursor and describes what is under the mouse: screen pixel -> display index -> source voxel
 * -> world position, value and label.
 */
public final class ViewerCursor {

    private final ViewerViewModel vm;

    ViewerCursor(ViewerViewModel vm) {
        this.vm = vm;
    }

    /** Moves the cursor to pixel (u, v) of a view's slice; the other views follow. */
    public void pointAt(SliceMapping m, int u, int v) {
        if (u < 0 || v < 0 || u >= m.width() || v >= m.height()) {
            return;
        }
        vm.cursorProperty().set(DisplayPoint.of(m.displayIndex(u, v)));
    }

    /** Moves a plane's slice by {@code delta}, staying inside the volume. */
    public void scroll(Plane plane, int delta) {
        Study s = vm.studyProperty().get();
        if (s == null) {
            return;
        }
        int axis = plane.normalAxis();
        DisplayPoint c = vm.cursorProperty().get();
        int next = Math.clamp((long) c.get(axis) + delta, 0, s.grid().size(axis) - 1);
        vm.cursorProperty().set(c.with(axis, next));
    }

    /** Updates the hover line for pixel (u, v) of a view; clears it outside the image. */
    public void hover(SliceMapping m, int u, int v) {
        if (u < 0 || v < 0 || u >= m.width() || v >= m.height()) {
            vm.hoverProperty().set("");
            return;
        }
        vm.hoverProperty().set(describe(DisplayPoint.of(m.displayIndex(u, v))));
    }

    /** "Voxel (i, j, k)  world (x, y, z) mm LPS  value v  label name (n)" for a display position. */
    public String describe(DisplayPoint p) {
        Study s = vm.studyProperty().get();
        if (s == null) {
            return "";
        }
        double[] w = s.grid().world(p.x(), p.y(), p.z());
        int[] src = s.grid().sourceVoxel(p.x(), p.y(), p.z());
        String where = String.format(Locale.ROOT, "(%.1f, %.1f, %.1f) mm LPS", w[0], w[1], w[2]);
        if (src == null) {
            return "Outside the image   " + where;
        }
        Volume img = s.image();
        double value = img.value(src[0], src[1], src[2]);
        String val = img.type().isInteger() && img.rescale().isIdentity() ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.4g", value);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Voxel (%d, %d, %d)   %s   Value %s",
                src[0], src[1], src[2], where, val));
        LabelMap labels = vm.labels().labelMapProperty().get();
        if (labels != null) {
            int l = labels.label(src[0], src[1], src[2]);
            LabelRow row = vm.labels().row(l);
            String name = l == 0 ? "background" : row != null ? row.nameProperty().get() : "label " + l;
            sb.append("   Label ").append(l).append(" ").append(name);
        }
        return sb.toString();
    }
}
