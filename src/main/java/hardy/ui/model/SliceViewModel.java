package hardy.ui.model;

import hardy.ui.render.Plane;
import hardy.ui.render.SliceMapping;
import hardy.ui.render.ViewTransform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;

/** The state of one slice view: which plane it shows, and its zoom and pan. Slice position is the cursor's. */
public final class SliceViewModel {

    private static final double MIN_ZOOM = 0.25;
    private static final double MAX_ZOOM = 32;

    private final Plane plane;
    private final ViewerViewModel viewer;
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private final DoubleProperty panX = new SimpleDoubleProperty(this, "panX", 0);
    private final DoubleProperty panY = new SimpleDoubleProperty(this, "panY", 0);

    public SliceViewModel(Plane plane, ViewerViewModel viewer) {
        this.plane = plane;
        this.viewer = viewer;
    }

    public Plane plane() {
        return plane;
    }

    public ViewerViewModel viewer() {
        return viewer;
    }

    /** The current slice's mapping, or null without a study. */
    public SliceMapping mapping() {
        return viewer.mapping(plane);
    }

    /** The transform for a view of the given size showing {@code m}. */
    public ViewTransform transform(SliceMapping m, double viewWidth, double viewHeight) {
        return new ViewTransform(viewWidth, viewHeight, m.width(), m.height(), m.pixelWidthMm(), m.pixelHeightMm(),
                zoom.get(), panX.get(), panY.get());
    }

    /** Zooms by {@code factor}, keeping the point under screen offset (dx, dy) from the view centre in place. */
    public void zoomBy(double factor, double dx, double dy) {
        double z = Math.clamp(zoom.get() * factor, MIN_ZOOM, MAX_ZOOM);
        double f = z / zoom.get();
        panX.set(dx - (dx - panX.get()) * f);
        panY.set(dy - (dy - panY.get()) * f);
        zoom.set(z);
    }

    /** Pans by a screen offset. */
    public void panBy(double dx, double dy) {
        panX.set(panX.get() + dx);
        panY.set(panY.get() + dy);
    }

    /** Back to a fitted, centred slice. */
    public void reset() {
        zoom.set(1);
        panX.set(0);
        panY.set(0);
    }

    public DoubleProperty zoomProperty() {
        return zoom;
    }

    public DoubleProperty panXProperty() {
        return panX;
    }

    public DoubleProperty panYProperty() {
        return panY;
    }
}
