package hardy.report;

import hardy.volume.FetalLabels;
import java.util.ArrayList;
import java.util.List;

/**
 * The atrial diameter of one lateral ventricle, as radiologists measure it: on the axial plane through the
 * atrium, across the ventricle perpendicular to its long axis, inner margin to inner margin.
 *
 * <ol>
 *   <li>The ventricle: label 4 on this side of the mid-sagittal plane, more than 2 mm from it.</li>
 *   <li>The atrial level: the ventricle's most posterior voxels (within 3 mm of the farthest) give the axial
 *       plane's height; the atrium is where the body turns down into the temporal horn.</li>
 *   <li>The long axis: the principal axis, in the axial projection, of the ventricle at and above that level
 *       (frontal horn, body and atrium; the temporal horn below would bend it).</li>
 *   <li>The diameter: the longest uninterrupted run across the ventricle perpendicular to that axis, on the axial
 *       plane, among lines 0.2 mm apart crossing the posterior 40 % of the ventricle's length, each averaged with
 *       its four nearest neighbours (the line is drawn centred on the widest line's middle).</li>
 * </ol>
 */
final class AtrialDiameter {

    private static final boolean[] VENTRICLES = LabelSampler.set(FetalLabels.VENTRICLES);
    private static final double MIDLINE_MM = 2;
    /** The atrial level is the mean height of the ventricle voxels this close to its back, mm. */
    private static final double POSTERIOR_MM = 3;
    /** Chords are averaged over this many neighbouring lines (0.2 mm apart) before the widest is taken. */
    private static final int SMOOTH = 5;

    private AtrialDiameter() {
    }

    /**
     * @param side +1 for the left ventricle, -1 for the right
     * @param box  the ventricle's extent in frame coordinates, or {@code null} when it has none
     */
    static Measurement measure(String key, String name, LabelSampler s, BrainFrame f, int side, double[][] box) {
        if (box == null) {
            return Measurement.missing(key, name, "mm", "no lateral ventricle on this side");
        }
        List<double[]> pts = new ArrayList<>();
        for (int v = 0, n = s.voxelCount(); v < n; v++) {
            if (s.label(v) == FetalLabels.VENTRICLES) {
                double[] p = f.toFrame(s.world(v));
                if (side * p[0] > MIDLINE_MM) {
                    pts.add(p);
                }
            }
        }
        double back = box[1][1];
        double ax = 0;
        double az = 0;
        int m = 0;
        for (double[] p : pts) {
            if (p[1] > back - POSTERIOR_MM) {
                ax += p[0];
                az += p[2];
                m++;
            }
        }
        ax /= m;
        az /= m;
        double level = az;
        List<double[]> upper = pts.stream().filter(p -> p[2] >= level).toList();
        if (upper.size() < 20) {
            upper = pts;
        }
        double[] u = principal2d(upper);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] p : upper) {
            double t = p[0] * u[0] + p[1] * u[1];
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        double length = hi - lo;
        double[] w = {-u[1], u[0]};
        if (side * w[0] < 0) {
            w[0] = -w[0];
            w[1] = -w[1];
        }
        double[] dir = f.direction(w[0], w[1], 0);
        List<Chords.Chord> chords = new ArrayList<>();
        for (double p = -0.4 * length; p <= 1e-9; p += 0.2) {
            double ox = ax + p * u[0];
            double oy = back + p * u[1];
            double t0 = Math.max(-30, -ox / w[0]);
            chords.add(Chords.longestRun(s, VENTRICLES, f.toWorld(ox, oy, az), dir, t0, 30));
        }
        // the widest of the locally averaged widths: one line grazing a stair step of the voxels does not decide
        Chords.Chord best = Chords.Chord.NONE;
        double bestWidth = 0;
        for (int c = 0; c < chords.size(); c++) {
            double sum = 0;
            int k = 0;
            for (int d = Math.max(0, c - SMOOTH / 2); d <= Math.min(chords.size() - 1, c + SMOOTH / 2); d++) {
                sum += chords.get(d).length();
                k++;
            }
            if (sum / k > bestWidth && chords.get(c).start() != null) {
                bestWidth = sum / k;
                best = chords.get(c);
            }
        }
        if (best.start() == null) {
            return Measurement.missing(key, name, "mm", "no atrium found");
        }
        MeasuredLine line = FetalBiometry.line(best, f.superior());
        double[] mid = line.planePoint();
        double[] a = new double[3];
        double[] b = new double[3];
        for (int i = 0; i < 3; i++) {
            a[i] = mid[i] - dir[i] * bestWidth / 2;
            b[i] = mid[i] + dir[i] * bestWidth / 2;
        }
        return new Measurement(key, name, "mm", bestWidth, new MeasuredLine(a, b, mid, line.planeNormal()),
                "across the atrium on the axial plane, perpendicular to the ventricle's long axis");
    }

    /** The unit principal direction of points' (left, posterior) coordinates, pointing posterior. */
    private static double[] principal2d(List<double[]> pts) {
        double mx = 0;
        double my = 0;
        for (double[] p : pts) {
            mx += p[0];
            my += p[1];
        }
        mx /= pts.size();
        my /= pts.size();
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (double[] p : pts) {
            double dx = p[0] - mx;
            double dy = p[1] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        double angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
        double[] u = {Math.cos(angle), Math.sin(angle)};
        if (u[1] < 0) {
            u[0] = -u[0];
            u[1] = -u[1];
        }
        return u;
    }
}
