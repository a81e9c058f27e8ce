package hardy.ui.render;

import hardy.volume.LabelMap;
import hardy.volume.Rescale;
import hardy.volume.Volume;
import hardy.volume.VoxelArray;

/**
 * Draws one slice with its label overlay into an ARGB raster, reading the volume's own typed array (no float
 * copy of the volume is ever made). Integer types of 16 bits or less go through a grey lookup table indexed by the
 * stored value; wider types compute the grey value per pixel.
 *
 * <p>One renderer per view: it keeps the lookup table and a label scratch row between frames. Not thread-safe;
 * the views call it on the JavaFX thread.
 */
public final class SliceRenderer {

    private static final int BLACK = 0xFF000000;

    private int[] lut = new int[0];
    private WindowLevel lutWindow;
    private Rescale lutRescale;
    private hardy.volume.VoxelType lutType;
    private int[] labelScratch = new int[0];

    /** The heat scale of {@link #heat}: transparent through red and orange to yellow, 256 steps. */
    private static final int[] HEAT = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            double t = i / 255.0;
            int r = 255;
            int g = (int) Math.round(255 * Math.min(1, Math.max(0, (t - 0.25) / 0.75)));
            int b = (int) Math.round(96 * Math.max(0, (t - 0.75) / 0.25));
            HEAT[i] = (r << 16) | (g << 8) | b;
        }
    }

    /**
     * Renders the slice.
     *
     * @param out    at least {@code mapping.width() * mapping.height()} pixels, row by row
     * @param labels the label map on the image's grid, or null
     */
    public void render(SliceMapping mapping, Volume image, WindowLevel window, LabelMap labels, OverlayStyle style,
                       int[] out) {
        int[] idx = mapping.sourceIndices();
        int n = idx.length;
        renderGrey(image, window, idx, n, out);
        if (labels != null && style.drawsAnything()) {
            overlay(labels.volume().data(), idx, n, mapping.width(), style, out);
        }
    }

    private void renderGrey(Volume image, WindowLevel window, int[] idx, int n, int[] out) {
        switch (image.data()) {
            case VoxelArray.Int16 a -> {
                short[] d = a.data();
                int[] t = lut(image, window, Short.MIN_VALUE, 65536);
                for (int p = 0; p < n; p++) {
                    int s = idx[p];
                    out[p] = s < 0 ? BLACK : t[d[s] - Short.MIN_VALUE];
                }
            }
            case VoxelArray.UInt16 a -> {
                short[] d = a.data();
                int[] t = lut(image, window, 0, 65536);
                for (int p = 0; p < n; p++) {
                    int s = idx[p];
                    out[p] = s < 0 ? BLACK : t[d[s] & 0xFFFF];
                }
            }
            case VoxelArray.UInt8 a -> {
                byte[] d = a.data();
                int[] t = lut(image, window, 0, 256);
                for (int p = 0; p < n; p++) {
                    int s = idx[p];
                    out[p] = s < 0 ? BLACK : t[d[s] & 0xFF];
                }
            }
            case VoxelArray.Float32 a -> {
                float[] d = a.data();
                Rescale r = image.rescale();
                for (int p = 0; p < n; p++) {
                    int s = idx[p];
                    out[p] = s < 0 ? BLACK : grey(window.grey(r.apply(d[s])));
                }
            }
            default -> {
                VoxelArray d = image.data();
                Rescale r = image.rescale();
                for (int p = 0; p < n; p++) {
                    int s = idx[p];
                    out[p] = s < 0 ? BLACK : grey(window.grey(r.apply(d.get(s))));
                }
            }
        }
    }

    /**
     * Blends a scalar map (e.g. the entropy of a segmentation) over the rendered slice as heat: value 0 leaves the
     * pixel alone, {@code max} and above draw the hottest colour at {@code opacity}.
     *
     * @param heat    float32 values on the image's grid
     * @param max     the value drawn hottest, positive
     * @param opacity opacity at {@code max}, in [0, 1]
     */
    public void heat(SliceMapping mapping, Volume heat, double max, double opacity, int[] out) {
        if (!(heat.data() instanceof VoxelArray.Float32 f) || !(max > 0) || !(opacity > 0)) {
            return;
        }
        float[] d = f.data();
        int[] idx = mapping.sourceIndices();
        double scale = 255 / max;
        int alphaMax = (int) Math.round(256 * Math.min(1, opacity));
        for (int p = 0; p < idx.length; p++) {
            int s = idx[p];
            if (s < 0 || !(d[s] > 0)) {
                continue;
            }
            int step = (int) Math.min(255, d[s] * scale);
            int a = alphaMax * step >> 8;
            int c = HEAT[step];
            int o = out[p];
            int r = ((o >> 16 & 0xFF) * (256 - a) + (c >> 16 & 0xFF) * a) >> 8;
            int g = ((o >> 8 & 0xFF) * (256 - a) + (c >> 8 & 0xFF) * a) >> 8;
            int b = ((o & 0xFF) * (256 - a) + (c & 0xFF) * a) >> 8;
            out[p] = BLACK | r << 16 | g << 8 | b;
        }
    }

    /** The grey table for stored values {@code first .. first + size - 1}, rebuilt only when its inputs change. */
    private int[] lut(Volume image, WindowLevel window, int first, int size) {
        if (lut.length != size || !window.equals(lutWindow) || !image.rescale().equals(lutRescale)
                || image.type() != lutType) {
            if (lut.length != size) {
                lut = new int[size];
            }
            Rescale r = image.rescale();
            for (int i = 0; i < size; i++) {
                lut[i] = grey(window.grey(r.apply(first + i)));
            }
            lutWindow = window;
            lutRescale = r;
            lutType = image.type();
        }
        return lut;
    }

    private static int grey(int g) {
        return BLACK | (g << 16) | (g << 8) | g;
    }

    private void overlay(VoxelArray labels, int[] idx, int n, int width, OverlayStyle style, int[] out) {
        if (labelScratch.length < n) {
            labelScratch = new int[n];
        }
        int[] lab = labelScratch;
        switch (labels) {
            case VoxelArray.UInt8 a -> {
                byte[] d = a.data();
                for (int p = 0; p < n; p++) {
                    int s = idx[p];
                    lab[p] = s < 0 ? 0 : d[s] & 0xFF;
                }
            }
            case VoxelArray.UInt16 a -> {
                short[] d = a.data();
                for (int p = 0; p < n; p++) {
                    int s = idx[p];
                    lab[p] = s < 0 ? 0 : d[s] & 0xFFFF;
                }
            }
            default -> {
                for (int p = 0; p < n; p++) {
                    int s = idx[p];
                    lab[p] = s < 0 ? 0 : (int) labels.get(s);
                }
            }
        }
        boolean outline = style.outline();
        int height = n / width;
        for (int p = 0; p < n; p++) {
            int l = lab[p];
            if (l == 0) {
                continue;
            }
            if (outline && !border(lab, p, width, height, l)) {
                continue;
            }
            out[p] = style.blend(l, out[p]);
        }
    }

    /** Whether pixel p of label l touches another label or the slice edge (4-neighbourhood). */
    private static boolean border(int[] lab, int p, int width, int height, int l) {
        int u = p % width;
        int v = p / width;
        return u == 0 || v == 0 || u == width - 1 || v == height - 1 || lab[p - 1] != l || lab[p + 1] != l
                || lab[p - width] != l || lab[p + width] != l;
    }
}
