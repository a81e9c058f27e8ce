package hardy.ui.render;

import java.util.Arrays;

/**
 * How labels are drawn over the image: a colour per label value (0xRRGGBB), which labels are visible, a global
 * opacity, and filled or outline display. Immutable; the view model makes a new one on every change.
 */
public final class OverlayStyle {

    /** No overlay. */
    public static final OverlayStyle NONE = new OverlayStyle(new int[0], new boolean[0], 0, false);

    private final int[] rgb;
    private final boolean[] visible;
    private final double opacity;
    private final boolean outline;
    /** Per label value: alpha 0..256 (0 when hidden) and the colour premultiplied by it, per channel. */
    private final int[] alpha;
    private final int[] premultiplied;

    /**
     * A style.
     *
     * @param rgb     colour per label value; values beyond the array are not drawn
     * @param visible visibility per label value
     * @param opacity 0 (invisible) .. 1 (opaque)
     * @param outline draw only each region's border pixels
     */
    public OverlayStyle(int[] rgb, boolean[] visible, double opacity, boolean outline) {
        this.rgb = rgb.clone();
        this.visible = Arrays.copyOf(visible, rgb.length);
        this.opacity = Math.clamp(opacity, 0.0, 1.0);
        this.outline = outline;
        this.alpha = new int[rgb.length];
        this.premultiplied = new int[rgb.length * 3];
        int a = (int) Math.round(this.opacity * 256);
        for (int l = 1; l < rgb.length; l++) {
            int al = this.visible[l] ? a : 0;
            alpha[l] = al;
            premultiplied[3 * l] = ((rgb[l] >> 16) & 0xFF) * al;
            premultiplied[3 * l + 1] = ((rgb[l] >> 8) & 0xFF) * al;
            premultiplied[3 * l + 2] = (rgb[l] & 0xFF) * al;
        }
    }

    public double opacity() {
        return opacity;
    }

    public boolean outline() {
        return outline;
    }

    /** Whether any label would be drawn at all. */
    public boolean drawsAnything() {
        for (int a : alpha) {
            if (a > 0) {
                return true;
            }
        }
        return false;
    }

    /** Alpha 0..256 of label {@code l}; 0 for background, hidden and unknown labels. */
    int alpha(int l) {
        return l > 0 && l < alpha.length ? alpha[l] : 0;
    }

    /** Blends label {@code l}'s colour over an opaque ARGB pixel. */
    int blend(int l, int argb) {
        int a = alpha(l);
        if (a == 0) {
            return argb;
        }
        int keep = 256 - a;
        int r = (((argb >> 16) & 0xFF) * keep + premultiplied[3 * l]) >> 8;
        int g = (((argb >> 8) & 0xFF) * keep + premultiplied[3 * l + 1]) >> 8;
        int b = ((argb & 0xFF) * keep + premultiplied[3 * l + 2]) >> 8;
        return 0xFF000000 | (r << 16) | (g << 8) | b;
    }
}
