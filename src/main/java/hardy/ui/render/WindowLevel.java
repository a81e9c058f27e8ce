package hardy.ui.render;

import hardy.volume.VolumeStatistics;
import java.util.Locale;

/**
 * A display window over real-world values: values at or below {@code level - width/2} are black, at or above
 * {@code level + width/2} white, linear in between.
 *
 * @param level the centre value
 * @param width the range shown, positive
 */
public record WindowLevel(double level, double width) {

    /** The narrowest window, so that grey values stay defined on a constant image. */
    public static final double MIN_WIDTH = 1e-6;

    public WindowLevel {
        if (!Double.isFinite(level) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("window/level must be finite, got " + level + " / " + width);
        }
        width = Math.max(width, MIN_WIDTH);
    }

    /** Auto window: the 1st to 99th percentile, as radiology viewers do to ignore a few extreme voxels. */
    public static WindowLevel auto(VolumeStatistics stats) {
        double lo = stats.p01();
        double hi = stats.p99();
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            return new WindowLevel(0, 1);
        }
        if (hi - lo <= 0) {
            lo = stats.min();
            hi = stats.max();
        }
        return new WindowLevel((lo + hi) / 2, Math.max(hi - lo, 1));
    }

    /** The window spanning every value, min to max. */
    public static WindowLevel fullRange(VolumeStatistics stats) {
        if (!Double.isFinite(stats.min())) {
            return new WindowLevel(0, 1);
        }
        return new WindowLevel((stats.min() + stats.max()) / 2, Math.max(stats.max() - stats.min(), 1));
    }

    /**
     * The window after a right-drag of (dx, dy) screen pixels: right widens, down raises the level (as in
     * ITK-SNAP and most PACS), scaled so a drag across the view sweeps a range comparable to the data.
     *
     * @param valuesPerPixel how much one pixel of drag changes width and level
     */
    public WindowLevel dragged(double dx, double dy, double valuesPerPixel) {
        return new WindowLevel(level + dy * valuesPerPixel, width + dx * valuesPerPixel);
    }

    /** Grey value 0..255 of a real-world value. */
    public int grey(double value) {
        double g = (value - (level - width / 2)) / width * 255.0;
        if (!(g > 0)) {
            return 0;
        }
        return g >= 255 ? 255 : (int) (g + 0.5);
    }

    /** "W 400 L 40", rounded to what a reader needs. */
    public String describe() {
        return String.format(Locale.ROOT, "W %s  L %s", number(width), number(level));
    }

    private static String number(double v) {
        double a = Math.abs(v);
        return a >= 100 || a == Math.rint(a) ? String.format(Locale.ROOT, "%.0f", v)
                : a >= 1 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
