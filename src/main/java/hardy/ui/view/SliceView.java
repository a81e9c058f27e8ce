package hardy.ui.view;

import hardy.ui.model.LabelsViewModel;
import hardy.ui.model.SegmentationViewModel;
import hardy.volume.Volume;
import hardy.ui.model.SliceViewModel;
import hardy.ui.model.Study;
import hardy.ui.model.ViewerViewModel;
import hardy.ui.render.SliceMapping;
import hardy.ui.render.SliceRenderer;
import hardy.ui.render.ViewTransform;
import hardy.ui.render.WindowLevel;
import java.nio.IntBuffer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * One slice view: the image with its overlay, the linked crosshair, orientation letters, and the plane, slice
 * and window/level read-outs. Mouse: left click/drag moves the cursor (or paints with a brush tool), right drag
 * sets window/level, middle drag pans, wheel scrolls slices, Ctrl+wheel zooms.
 */
public final class SliceView extends Region {

    private final SliceViewModel model;
    private final ViewerViewModel viewer;
    private final SliceRenderer renderer = new SliceRenderer();
    private final ImageView imageView = new ImageView();
    private final Line crossH = new Line();
    private final Line crossV = new Line();
    private final Label[] letters = new Label[4];
    private final Label title = new Label();
    private final Label windowText = new Label();
    private final Circle brush = new Circle();
    private WritableImage image;
    private PixelBuffer<IntBuffer> buffer;
    private int[] pixels = new int[0];
    private SliceMapping mapping;
    private double dragX;
    private double dragY;
    /** The mouse's last position over this view, so the status bar can follow a slice change under it. */
    private double mouseX;
    private double mouseY;
    private boolean mouseInside;

    public SliceView(SliceViewModel model) {
        this.model = model;
        this.viewer = model.viewer();
        getStyleClass().add("slice-view");
        setId("view-" + model.plane().name().toLowerCase(java.util.Locale.ROOT));
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        imageView.setSmooth(false);
        crossH.getStyleClass().add("crosshair");
        crossV.getStyleClass().add("crosshair");
        crossH.setMouseTransparent(true);
        crossV.setMouseTransparent(true);
        brush.getStyleClass().add("brush-outline");
        // A ring, never a disc, even without the style sheet: it must not hide the voxels being painted.
        brush.setFill(null);
        brush.setStroke(javafx.scene.paint.Color.GOLD);
        brush.setMouseTransparent(true);
        brush.setVisible(false);
        getChildren().addAll(imageView, crossH, crossV, brush, title, windowText);
        for (int i = 0; i < 4; i++) {
            letters[i] = new Label();
            letters[i].getStyleClass().add("orientation-letter");
            letters[i].setId(getId() + "-letter-" + new String[] {"left", "right", "top", "bottom"}[i]);
            letters[i].setMouseTransparent(true);
            getChildren().add(letters[i]);
        }
        title.getStyleClass().add("view-title");
        windowText.getStyleClass().add("view-window");
        windowText.setAlignment(Pos.BOTTOM_LEFT);
        title.setMouseTransparent(true);
        windowText.setMouseTransparent(true);
        setFocusTraversable(true);
        viewer.studyProperty().addListener(o -> refresh());
        viewer.cursorProperty().addListener((o, a, b) -> {
            if (a == null || b == null || mapping == null
                    || a.get(model.plane().normalAxis()) != b.get(model.plane().normalAxis())) {
                refresh();
            } else {
                requestLayout();
            }
        });
        viewer.radiologicalProperty().addListener(o -> refresh());
        viewer.windowProperty().addListener(o -> redraw());
        viewer.labels().styleProperty().addListener(o -> redraw());
        viewer.labels().revisionProperty().addListener(o -> {
            redraw();
            rehover(); // the label under the mouse may have changed (undo, redo)
        });
        viewer.segmentation().entropyProperty().addListener(o -> redraw());
        viewer.segmentation().showEntropyProperty().addListener(o -> redraw());
        viewer.segmentation().entropyOpacityProperty().addListener(o -> redraw());
        model.zoomProperty().addListener(o -> requestLayout());
        model.panXProperty().addListener(o -> requestLayout());
        model.panYProperty().addListener(o -> requestLayout());
        setOnMousePressed(this::pressed);
        setOnMouseDragged(this::dragged);
        setOnMouseReleased(this::released);
        setOnMouseMoved(e -> hover(e.getX(), e.getY()));
        setOnMouseExited(e -> {
            mouseInside = false;
            viewer.hoverProperty().set("");
            brush.setVisible(false);
        });
        setOnScroll(this::scrolled);
        setOnKeyPressed(e -> {
            int step = switch (e.getCode()) {
                case UP, RIGHT -> 1;
                case DOWN, LEFT -> -1;
                case PAGE_UP -> 10;
                case PAGE_DOWN -> -10;
                default -> 0;
            };
            if (step != 0) {
                viewer.cursorMath().scroll(model.plane(), step);
                rehover();
                e.consume();
            }
        });
        setOnMouseEntered(e -> requestFocus());
        refresh();
    }

    public SliceViewModel model() {
        return model;
    }

    /** The rendered raster (for tests and screenshots): ARGB, row by row, {@link #mapping()} sized. */
    public int[] pixels() {
        return pixels;
    }

    /** The slice on show, or null. */
    public SliceMapping mapping() {
        return mapping;
    }

    /** The current screen transform, or null without a study. */
    public ViewTransform transform() {
        return mapping == null ? null : model.transform(mapping, getWidth(), getHeight());
    }

    /** Recomputes the slice mapping (slice moved, study or convention changed) and redraws. */
    private void refresh() {
        mapping = model.mapping();
        if (mapping == null) {
            imageView.setImage(null);
            requestLayout();
            return;
        }
        int w = mapping.width();
        int h = mapping.height();
        if (image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) {
            IntBuffer ib = IntBuffer.allocate(w * h);
            pixels = ib.array();
            buffer = new PixelBuffer<>(w, h, ib, PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(buffer);
            imageView.setImage(image);
        }
        char[] l = model.plane().edgeLetters(viewer.radiologicalProperty().get());
        for (int i = 0; i < 4; i++) {
            letters[i].setText(String.valueOf(l[i]));
        }
        redraw();
        requestLayout();
    }

    /** Re-renders the raster into the image's own buffer (the cheap path for window/level and overlay changes). */
    private void redraw() {
        Study s = viewer.studyProperty().get();
        if (mapping == null || s == null) {
            return;
        }
        LabelsViewModel labels = viewer.labels();
        renderer.render(mapping, s.image(), viewer.windowProperty().get(), labels.labelMapProperty().get(),
                labels.styleProperty().get(), pixels);
        SegmentationViewModel seg = viewer.segmentation();
        Volume entropy = seg.entropyProperty().get();
        if (seg.showEntropyProperty().get() && entropy != null && entropy.geometry().sameGrid(s.image().geometry())) {
            renderer.heat(mapping, entropy, seg.maxEntropy(), seg.entropyOpacityProperty().get(), pixels);
        }
        buffer.updateBuffer(b -> null);
        WindowLevel wl = viewer.windowProperty().get();
        windowText.setText(wl.describe());
        title.setText(model.plane().title() + "  " + (mapping.slice() + 1) + "/"
                + s.grid().size(model.plane().normalAxis()));
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        title.resizeRelocate(8, 4, w / 2, 20);
        windowText.resizeRelocate(8, h - 24, w / 2, 20);
        layoutLetter(letters[0], 6, h / 2 - 12);
        layoutLetter(letters[1], w - 26, h / 2 - 12);
        layoutLetter(letters[2], w / 2 - 10, 4);
        layoutLetter(letters[3], w / 2 - 10, h - 28);
        ViewTransform t = transform();
        if (t == null) {
            crossH.setVisible(false);
            crossV.setVisible(false);
            return;
        }
        imageView.setFitWidth(t.imageWidth());
        imageView.setFitHeight(t.imageHeight());
        imageView.relocate(t.left(), t.top());
        int[] px = mapping.screenPixel(viewer.cursorProperty().get().toArray());
        double[] c = t.centreOf(px[0], px[1]);
        crossH.setVisible(true);
        crossV.setVisible(true);
        crossH.setStartX(Math.max(0, t.left()));
        crossH.setEndX(Math.min(w, t.left() + t.imageWidth()));
        crossH.setStartY(c[1]);
        crossH.setEndY(c[1]);
        crossV.setStartY(Math.max(0, t.top()));
        crossV.setEndY(Math.min(h, t.top() + t.imageHeight()));
        crossV.setStartX(c[0]);
        crossV.setEndX(c[0]);
    }

    private static void layoutLetter(Label l, double x, double y) {
        l.resizeRelocate(x, y, 20, 24);
        l.setAlignment(Pos.CENTER);
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        dragX = e.getX();
        dragY = e.getY();
        if (e.getButton() == MouseButton.PRIMARY) {
            if (viewer.labels().toolProperty().get() != LabelsViewModel.Tool.CURSOR) {
                viewer.labels().beginStroke();
            }
            pointOrPaint(e.getX(), e.getY());
        }
    }

    private void dragged(MouseEvent e) {
        double dx = e.getX() - dragX;
        double dy = e.getY() - dragY;
        dragX = e.getX();
        dragY = e.getY();
        if (e.getButton() == MouseButton.PRIMARY) {
            pointOrPaint(e.getX(), e.getY());
        } else if (e.getButton() == MouseButton.SECONDARY) {
            Study s = viewer.studyProperty().get();
            if (s != null) {
                double range = Math.max(s.statistics().p99() - s.statistics().p01(), 1e-6);
                viewer.windowProperty().set(viewer.windowProperty().get().dragged(dx, dy, range / 300));
            }
        } else if (e.getButton() == MouseButton.MIDDLE) {
            model.panBy(dx, dy);
        }
        hover(e.getX(), e.getY());
    }

    private void released(MouseEvent e) {
        if (e.getButton() == MouseButton.PRIMARY) {
            viewer.labels().endStroke();
        }
    }

    private void pointOrPaint(double x, double y) {
        ViewTransform t = transform();
        if (t == null) {
            return;
        }
        int[] px = t.pixelAt(x, y);
        if (px[0] < 0 || px[1] < 0 || px[0] >= mapping.width() || px[1] >= mapping.height()) {
            return;
        }
        if (viewer.labels().toolProperty().get() == LabelsViewModel.Tool.CURSOR) {
            viewer.cursorMath().pointAt(mapping, px[0], px[1]);
        } else {
            viewer.labels().paint(model.plane(),
                    hardy.ui.model.DisplayPoint.of(mapping.displayIndex(px[0], px[1])));
        }
    }

    /** The status bar again for the voxel now under a mouse that did not move (the slice or zoom changed). */
    private void rehover() {
        if (mouseInside) {
            hover(mouseX, mouseY);
        }
    }

    private void hover(double x, double y) {
        mouseX = x;
        mouseY = y;
        mouseInside = true;
        ViewTransform t = transform();
        boolean painting = viewer.labels().toolProperty().get() != LabelsViewModel.Tool.CURSOR;
        brush.setVisible(t != null && painting);
        if (t != null && painting) {
            brush.setCenterX(x);
            brush.setCenterY(y);
            brush.setRadius(Math.max(2, viewer.labels().brushMmProperty().get() / 2 * t.unitsPerMm()));
        }
        if (t != null) {
            int[] px = t.pixelAt(x, y);
            viewer.cursorMath().hover(mapping, px[0], px[1]);
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        if (e.isShortcutDown()) {
            model.zoomBy(e.getDeltaY() > 0 ? 1.15 : 1 / 1.15, e.getX() - getWidth() / 2, e.getY() - getHeight() / 2);
        } else {
            viewer.cursorMath().scroll(model.plane(), e.getDeltaY() > 0 ? 1 : -1);
        }
        // The slice (or the zoom) changed under a mouse that did not move: the status bar follows.
        hover(e.getX(), e.getY());
        e.consume();
    }
}
