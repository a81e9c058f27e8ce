package hardy.report;

import hardy.volume.Affine;
import hardy.volume.FetalLabels;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * Draws a plane of the brain frame as a picture without JavaFX: the image in grey, the labels as a translucent
 * colour wash, and measurement lines with their end points. Pictures are in radiological convention for axial
 * planes (the patient's left on the right of the picture, anterior at the top).
 */
final class SliceRenderer {

    /** Picture size in pixels and millimetres per pixel. */
    static final int SIZE = 320;
    static final double MM_PER_PIXEL = 0.4;

    private final Volume image;
    private final LabelSampler labels;

    SliceRenderer(Volume image, LabelMap labels) {
        this.image = image;
        this.labels = new LabelSampler(labels);
    }

    /**
     * The plane through {@code centre} spanned by unit vectors {@code right} (picture x) and {@code down}
     * (picture y), with the lines drawn on it.
     */
    BufferedImage render(double[] centre, double[] right, double[] down, List<MeasuredLine> lines) {
        Affine toVoxel = image.geometry().voxelToLps().inverse();
        double[] grey = new double[SIZE * SIZE];
        int[] label = new int[SIZE * SIZE];
        double half = SIZE / 2.0 * MM_PER_PIXEL;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double a = x * MM_PER_PIXEL - half;
                double b = y * MM_PER_PIXEL - half;
                double wx = centre[0] + a * right[0] + b * down[0];
                double wy = centre[1] + a * right[1] + b * down[1];
                double wz = centre[2] + a * right[2] + b * down[2];
                double[] v = toVoxel.apply(wx, wy, wz);
                int i = (int) Math.floor(v[0] + 0.5);
                int j = (int) Math.floor(v[1] + 0.5);
                int k = (int) Math.floor(v[2] + 0.5);
                grey[y * SIZE + x] = image.geometry().contains(i, j, k) ? image.value(i, j, k) : Double.NaN;
                label[y * SIZE + x] = labels.nearest(wx, wy, wz);
            }
        }
        double[] sorted = Arrays.stream(grey).filter(g -> !Double.isNaN(g)).sorted().toArray();
        double lo = sorted.length == 0 ? 0 : sorted[(int) (sorted.length * 0.01)];
        double hi = sorted.length == 0 ? 1 : sorted[(int) (sorted.length * 0.995)];
        BufferedImage out = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < grey.length; p++) {
            double g = Double.isNaN(grey[p]) ? 0 : Math.max(0, Math.min(1, (grey[p] - lo) / Math.max(1e-9, hi - lo)));
            double r = g;
            double gg = g;
            double bb = g;
            if (label[p] > 0) {
                int rgb = FetalLabels.TABLE.colour(label[p]);
                double alpha = 0.35;
                r = (1 - alpha) * g + alpha * ((rgb >> 16) & 255) / 255.0;
                gg = (1 - alpha) * g + alpha * ((rgb >> 8) & 255) / 255.0;
                bb = (1 - alpha) * g + alpha * (rgb & 255) / 255.0;
            }
            out.setRGB(p % SIZE, p / SIZE, ((int) (r * 255) << 16) | ((int) (gg * 255) << 8) | (int) (bb * 255));
        }
        Graphics2D g2 = out.createGraphics();
        g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g2.setStroke(new BasicStroke(2f));
        for (MeasuredLine line : lines) {
            double[] s = pixel(line.start(), centre, right, down);
            double[] e = pixel(line.end(), centre, right, down);
            g2.setColor(Color.YELLOW);
            g2.drawLine((int) Math.round(s[0]), (int) Math.round(s[1]), (int) Math.round(e[0]), (int) Math.round(e[1]));
            g2.setColor(Color.RED);
            for (double[] q : new double[][] {s, e}) {
                g2.fillOval((int) Math.round(q[0]) - 3, (int) Math.round(q[1]) - 3, 7, 7);
            }
        }
        g2.dispose();
        return out;
    }

    private static double[] pixel(double[] world, double[] centre, double[] right, double[] down) {
        double[] d = {world[0] - centre[0], world[1] - centre[1], world[2] - centre[2]};
        double half = SIZE / 2.0 * MM_PER_PIXEL;
        return new double[] {(dot(d, right) + half) / MM_PER_PIXEL, (dot(d, down) + half) / MM_PER_PIXEL};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
