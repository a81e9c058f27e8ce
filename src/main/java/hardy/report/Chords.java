package hardy.report;

/**
 * Chords of a label set along straight lines, on the 0.5 level of its interpolated indicator
 * ({@link LabelSampler#fraction}), sampled every {@link #STEP} mm with the crossings placed by linear
 * interpolation between samples.
 */
final class Chords {

    /** Sampling step along a line, mm. */
    static final double STEP = 0.2;

    /** A chord: its length (mm) and end points (world mm). */
    record Chord(double length, double[] start, double[] end) {
        static final Chord NONE = new Chord(0, null, null);
    }

    private Chords() {
    }

    /** From the first entry into the set to the last exit along {@code origin + t dir}, t in [t0, t1]. */
    static Chord outer(LabelSampler s, boolean[] set, double[] o, double[] d, double t0, double t1) {
        double first = Double.NaN;
        double last = Double.NaN;
        double prevT = t0;
        double prev = at(s, set, o, d, t0);
        if (prev >= 0.5) {
            first = t0;
        }
        for (double t = t0 + STEP; t <= t1 + 1e-9; t += STEP) {
            double f = at(s, set, o, d, t);
            if (prev < 0.5 && f >= 0.5 && Double.isNaN(first)) {
                first = prevT + (0.5 - prev) / (f - prev) * STEP;
            }
            if (prev >= 0.5 && f < 0.5) {
                last = prevT + (prev - 0.5) / (prev - f) * STEP;
            }
            prev = f;
            prevT = t;
        }
        if (Double.isNaN(first) || Double.isNaN(last) || last <= first) {
            return Chord.NONE;
        }
        return chord(o, d, first, last);
    }

    /** The longest uninterrupted run inside the set along {@code origin + t dir}, t in [t0, t1]. */
    static Chord longestRun(LabelSampler s, boolean[] set, double[] o, double[] d, double t0, double t1) {
        double bestA = 0;
        double bestB = 0;
        double prevT = t0;
        double prev = at(s, set, o, d, t0);
        double entry = prev >= 0.5 ? t0 : Double.NaN;
        for (double t = t0 + STEP; t <= t1 + 1e-9; t += STEP) {
            double f = at(s, set, o, d, t);
            if (prev < 0.5 && f >= 0.5) {
                entry = prevT + (0.5 - prev) / (f - prev) * STEP;
            } else if (prev >= 0.5 && f < 0.5 && !Double.isNaN(entry)) {
                double exit = prevT + (prev - 0.5) / (prev - f) * STEP;
                if (exit - entry > bestB - bestA) {
                    bestA = entry;
                    bestB = exit;
                }
                entry = Double.NaN;
            }
            prev = f;
            prevT = t;
        }
        return bestB > bestA ? chord(o, d, bestA, bestB) : Chord.NONE;
    }

    /**
     * The longest {@link #outer} chord among lines parallel to frame axis {@code axis} whose other two frame
     * coordinates range over {@code box} (min and max per frame axis, mm): a grid of {@code step} mm, then a
     * grid four times finer around the best line.
     */
    static Chord longestParallel(LabelSampler s, boolean[] set, BrainFrame f, int axis, double[][] box,
                                 double step) {
        int b = (axis + 1) % 3;
        int c = (axis + 2) % 3;
        Chord best = Chord.NONE;
        double bestB = 0;
        double bestC = 0;
        for (double vb = box[b][0]; vb <= box[b][1]; vb += step) {
            for (double vc = box[c][0]; vc <= box[c][1]; vc += step) {
                Chord ch = along(s, set, f, axis, box, vb, vc);
                if (ch.length() > best.length()) {
                    best = ch;
                    bestB = vb;
                    bestC = vc;
                }
            }
        }
        double fine = step / 4;
        double cb = bestB;
        double cc = bestC;
        for (double vb = cb - step; vb <= cb + step + 1e-9; vb += fine) {
            for (double vc = cc - step; vc <= cc + step + 1e-9; vc += fine) {
                Chord ch = along(s, set, f, axis, box, vb, vc);
                if (ch.length() > best.length()) {
                    best = ch;
                }
            }
        }
        return best;
    }

    private static Chord along(LabelSampler s, boolean[] set, BrainFrame f, int axis, double[][] box, double vb,
                               double vc) {
        double[] coords = new double[3];
        coords[(axis + 1) % 3] = vb;
        coords[(axis + 2) % 3] = vc;
        double[] o = f.toWorld(coords[0], coords[1], coords[2]);
        double[] unit = new double[3];
        unit[axis] = 1;
        double[] d = f.direction(unit[0], unit[1], unit[2]);
        return outer(s, set, o, d, box[axis][0] - 3, box[axis][1] + 3);
    }

    private static double at(LabelSampler s, boolean[] set, double[] o, double[] d, double t) {
        return s.fraction(set, o[0] + t * d[0], o[1] + t * d[1], o[2] + t * d[2]);
    }

    private static Chord chord(double[] o, double[] d, double a, double b) {
        double[] p = {o[0] + a * d[0], o[1] + a * d[1], o[2] + a * d[2]};
        double[] q = {o[0] + b * d[0], o[1] + b * d[1], o[2] + b * d[2]};
        return new Chord(b - a, p, q);
    }
}
