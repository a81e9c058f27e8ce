package hardy.ui.render;

/**
 * Where a slice raster sits in a view: fitted to the view with the pixels' true aspect (millimetres per pixel
 * across and down), then zoomed about the view's centre and panned.
 *
 * @param viewWidth   view width in screen units
 * @param viewHeight  view height in screen units
 * @param width       raster pixels across
 * @param height      raster pixels down
 * @param pixelWidth  mm per pixel across
 * @param pixelHeight mm per pixel down
 * @param zoom        1 fits the slice in the view
 * @param panX        shift right in screen units
 * @param panY        shift down in screen units
 */
public record ViewTransform(double viewWidth, double viewHeight, int width, int height, double pixelWidth,
                            double pixelHeight, double zoom, double panX, double panY) {

    /** Screen units per millimetre. */
    public double unitsPerMm() {
        double fit = Math.min(viewWidth / (width * pixelWidth), viewHeight / (height * pixelHeight));
        return Math.max(fit, 1e-9) * zoom;
    }

    /** Displayed image width in screen units. */
    public double imageWidth() {
        return width * pixelWidth * unitsPerMm();
    }

    /** Displayed image height in screen units. */
    public double imageHeight() {
        return height * pixelHeight * unitsPerMm();
    }

    /** Screen x of the image's left edge. */
    public double left() {
        return (viewWidth - imageWidth()) / 2 + panX;
    }

    /** Screen y of the image's top edge. */
    public double top() {
        return (viewHeight - imageHeight()) / 2 + panY;
    }

    /** The raster pixel (u, v) under screen point (x, y); may be outside the raster. */
    public int[] pixelAt(double x, double y) {
        double u = (x - left()) / imageWidth() * width;
        double v = (y - top()) / imageHeight() * height;
        return new int[] {(int) Math.floor(u), (int) Math.floor(v)};
    }

    /** Screen position of the centre of raster pixel (u, v). */
    public double[] centreOf(int u, int v) {
        return new double[] {left() + (u + 0.5) * imageWidth() / width, top() + (v + 0.5) * imageHeight() / height};
    }
}
