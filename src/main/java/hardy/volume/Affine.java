package hardy.volume;

import java.util.Arrays;
import java.util.Locale;

/**
 * An immutable 3-D affine transform: a 3x4 matrix {@code [A | t]} acting on column vectors, {@code y = A x + t}.
 * The implied fourth row is {@code [0 0 0 1]}.
 *
 * <p>In Hardy an affine usually maps voxel indices (i, j, k) to world coordinates in millimetres, in the LPS
 * patient frame. Columns of {@code A} are then the world directions of the voxel axes scaled by the spacing.
 */
public final class Affine {

    private static final Affine IDENTITY = new Affine(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});

    /** Row-major 3x4. */
    private final double[] m;

    private Affine(double[] m) {
        for (double v : m) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("affine has a non-finite element: " + Arrays.toString(m));
            }
        }
        this.m = m;
    }

    /** The identity transform. */
    public static Affine identity() {
        return IDENTITY;
    }

    /**
     * Creates an affine from its first three rows, row-major (12 values, or 16 with the last row
     * {@code 0 0 0 1}).
     */
    public static Affine ofRows(double... rows) {
        if (rows.length == 16) {
            if (rows[12] != 0 || rows[13] != 0 || rows[14] != 0 || rows[15] != 1) {
                throw new IllegalArgumentException("last row of an affine must be 0 0 0 1");
            }
            return new Affine(Arrays.copyOf(rows, 12));
        }
        if (rows.length != 12) {
            throw new IllegalArgumentException("an affine needs 12 or 16 values, got " + rows.length);
        }
        return new Affine(rows.clone());
    }

    /** Creates an affine from a 3x3 linear part (row-major) and a translation. */
    public static Affine of(double[][] linear, double[] translation) {
        double[] m = new double[12];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                m[r * 4 + c] = linear[r][c];
            }
            m[r * 4 + 3] = translation[r];
        }
        return new Affine(m);
    }

    /** A scaling by {@code sx, sy, sz} followed by a translation to {@code origin}. */
    public static Affine scaleTranslate(double sx, double sy, double sz, double ox, double oy, double oz) {
        return new Affine(new double[] {sx, 0, 0, ox, 0, sy, 0, oy, 0, 0, sz, oz});
    }

    /** Element at row {@code r} (0..2) and column {@code c} (0..3). */
    public double get(int r, int c) {
        return m[r * 4 + c];
    }

    /** The translation column, i.e. the image of the origin. */
    public double[] translation() {
        return new double[] {m[3], m[7], m[11]};
    }

    /** Column {@code c} (0..2) of the linear part. */
    public double[] column(int c) {
        return new double[] {m[c], m[4 + c], m[8 + c]};
    }

    /** The Euclidean lengths of the three columns: the voxel spacing when this maps voxels to millimetres. */
    public double[] columnNorms() {
        double[] n = new double[3];
        for (int c = 0; c < 3; c++) {
            n[c] = Math.sqrt(m[c] * m[c] + m[4 + c] * m[4 + c] + m[8 + c] * m[8 + c]);
        }
        return n;
    }

    /** The linear part as a new 3x3 array. */
    public double[][] linear() {
        return new double[][] {{m[0], m[1], m[2]}, {m[4], m[5], m[6]}, {m[8], m[9], m[10]}};
    }

    /** The determinant of the linear part. */
    public double determinant() {
        return m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8])
                + m[2] * (m[4] * m[9] - m[5] * m[8]);
    }

    /** Applies the transform to a point. */
    public double[] apply(double x, double y, double z) {
        return new double[] {
            m[0] * x + m[1] * y + m[2] * z + m[3],
            m[4] * x + m[5] * y + m[6] * z + m[7],
            m[8] * x + m[9] * y + m[10] * z + m[11]};
    }

    /** {@code this * other}: first {@code other}, then this. */
    public Affine multiply(Affine other) {
        double[] o = other.m;
        double[] r = new double[12];
        for (int row = 0; row < 3; row++) {
            for (int c = 0; c < 4; c++) {
                double v = m[row * 4] * o[c] + m[row * 4 + 1] * o[4 + c] + m[row * 4 + 2] * o[8 + c];
                r[row * 4 + c] = c == 3 ? v + m[row * 4 + 3] : v;
            }
        }
        return new Affine(r);
    }

    /**
     * The inverse transform.
     *
     * @throws IllegalStateException if the linear part is singular (its columns are nearly dependent, judged
     *                               independently of scale) or the inverse cannot be represented in doubles
     */
    public Affine inverse() {
        double det = determinant();
        double[] norms = columnNorms();
        double volume = norms[0] * norms[1] * norms[2];
        // |det| / product of column norms is the sine-like volume of the unit-scaled columns: 1 for orthogonal
        // axes, 0 for dependent ones, whatever the spacing. Overflow or underflow makes the test fail: singular.
        if (!(volume > 0) || !Double.isFinite(volume) || !(Math.abs(det) > 1e-12 * volume)) {
            throw new IllegalStateException("affine is singular: " + this);
        }
        double[] inv = new double[12];
        inv[0] = (m[5] * m[10] - m[6] * m[9]) / det;
        inv[1] = (m[2] * m[9] - m[1] * m[10]) / det;
        inv[2] = (m[1] * m[6] - m[2] * m[5]) / det;
        inv[4] = (m[6] * m[8] - m[4] * m[10]) / det;
        inv[5] = (m[0] * m[10] - m[2] * m[8]) / det;
        inv[6] = (m[2] * m[4] - m[0] * m[6]) / det;
        inv[8] = (m[4] * m[9] - m[5] * m[8]) / det;
        inv[9] = (m[1] * m[8] - m[0] * m[9]) / det;
        inv[10] = (m[0] * m[5] - m[1] * m[4]) / det;
        for (int r = 0; r < 3; r++) {
            inv[r * 4 + 3] = -(inv[r * 4] * m[3] + inv[r * 4 + 1] * m[7] + inv[r * 4 + 2] * m[11]);
        }
        for (double v : inv) {
            if (!Double.isFinite(v)) {
                throw new IllegalStateException("affine cannot be inverted in double precision: " + this);
            }
        }
        return new Affine(inv);
    }

    /** Whether the linear part can be inverted. */
    public boolean isInvertible() {
        try {
            inverse();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * Converts between the LPS and RAS world frames (the same operation both ways): negates the first two rows.
     * Only the file-format boundaries (NIfTI) and RAS-facing outputs call this.
     */
    public Affine flipXY() {
        double[] r = m.clone();
        for (int c = 0; c < 4; c++) {
            r[c] = -r[c];
            r[4 + c] = -r[4 + c];
        }
        return new Affine(r);
    }

    /** The 4x4 matrix, row-major, with the last row {@code 0 0 0 1}. */
    public double[][] toMatrix4() {
        return new double[][] {
            {m[0], m[1], m[2], m[3]}, {m[4], m[5], m[6], m[7]}, {m[8], m[9], m[10], m[11]}, {0, 0, 0, 1}};
    }

    /** Whether every element differs from {@code other}'s by at most {@code tolerance}. */
    public boolean approxEquals(Affine other, double tolerance) {
        return maxAbsDifference(other) <= tolerance;
    }

    /** The largest absolute difference between corresponding elements. */
    public double maxAbsDifference(Affine other) {
        double d = 0;
        for (int i = 0; i < 12; i++) {
            d = Math.max(d, Math.abs(m[i] - other.m[i]));
        }
        return d;
    }

    /**
     * The anatomical direction each voxel axis points to most, e.g. "RAS" or "LPS", in the convention of
     * nibabel's {@code aff2axcodes}: the letter names where increasing index goes. Call on an RAS affine for
     * RAS letters; on an LPS affine the letters are read as LPS+ axes.
     *
     * @param positive the letters of the positive world axes, e.g. "RAS" for an RAS affine
     * @param negative the opposite letters, e.g. "LPI"
     */
    public String axisCodes(String positive, String negative) {
        StringBuilder sb = new StringBuilder(3);
        boolean[] used = new boolean[3];
        for (int c = 0; c < 3; c++) {
            int best = -1;
            double bestAbs = -1;
            for (int r = 0; r < 3; r++) {
                double a = Math.abs(m[r * 4 + c]);
                if (!used[r] && a > bestAbs) {
                    best = r;
                    bestAbs = a;
                }
            }
            if (bestAbs <= 0) {
                sb.append('?');
                continue;
            }
            used[best] = true;
            sb.append(m[best * 4 + c] > 0 ? positive.charAt(best) : negative.charAt(best));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Affine a && Arrays.equals(m, a.m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < 3; r++) {
            sb.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < 4; c++) {
                sb.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", m[r * 4 + c]));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }
}
