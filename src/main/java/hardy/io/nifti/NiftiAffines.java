package hardy.io.nifti;

import hardy.volume.Affine;
import java.util.List;
import java.util.Optional;

/**
 * The NIfTI geometry maths: qform quaternions, sform rows, the pixdim fallback, and which of them is "the"
 * affine. All affines here are voxel-to-RAS, as in the file; the reader converts to LPS.
 *
 * <p>The choice follows nibabel's {@code Nifti1Header.get_best_affine}: sform when {@code sform_code != 0},
 * else qform when {@code qform_code != 0}, else nibabel's ANALYZE-style base affine (x flipped, centred). Codes
 * are compared with 0 rather than tested for {@code > 0} exactly as nibabel does; negative codes are invalid in
 * the standard and treated like positive ones. Header repairs also follow nibabel's checks: a {@code qfac}
 * other than -1 or 1 counts as 1, negative pixdims count as their absolute value, and zero pixdims as 1.
 */
final class NiftiAffines {

    /** Where the chosen affine came from. */
    enum Source { SFORM, QFORM, PIXDIM }

    /** An affine and its source. */
    record Choice(Affine voxelToRas, Source source) {
    }

    /** A qform in header terms. */
    record Qform(double b, double c, double d, double qfac, double[] pixdim, double[] offset) {
    }

    private NiftiAffines() {
    }

    /**
     * The affine nibabel would use, noting repairs in {@code warnings}; empty when not even the pixdim fallback
     * gives a usable (finite, invertible) grid, which only corrupt headers do.
     */
    static Optional<Choice> best(NiftiHeader h, List<String> warnings) {
        if (h.sformCode() != 0) {
            Affine s = sform(h);
            if (s != null && s.isInvertible()) {
                return Optional.of(new Choice(s, Source.SFORM));
            }
            warnings.add("sform (code " + h.sformCode() + ") is singular or not finite; ignored");
        }
        if (h.qformCode() != 0) {
            Affine q = qform(h, warnings);
            if (q != null) {
                return Optional.of(new Choice(q, Source.QFORM));
            }
            warnings.add("qform (code " + h.qformCode() + ") is not usable; ignored");
        }
        if (h.sformCode() == 0 && h.qformCode() == 0) {
            warnings.add("no sform or qform: orientation unknown, using voxel sizes only (x flipped as ANALYZE)");
        }
        return base(h, warnings).map(a -> new Choice(a, Source.PIXDIM));
    }

    /** The sform rows as an affine, or null if an element is not finite. */
    static Affine sform(NiftiHeader h) {
        double[] m = new double[12];
        System.arraycopy(h.srowX(), 0, m, 0, 4);
        System.arraycopy(h.srowY(), 0, m, 4, 4);
        System.arraycopy(h.srowZ(), 0, m, 8, 4);
        for (double v : m) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return Affine.ofRows(m);
    }

    /** The qform as an affine (nibabel's {@code get_qform}), or null if it is not finite. */
    static Affine qform(NiftiHeader h, List<String> warnings) {
        double b = h.quaternB();
        double c = h.quaternC();
        double d = h.quaternD();
        double[] off = {h.qoffsetX(), h.qoffsetY(), h.qoffsetZ()};
        if (!Double.isFinite(b) || !Double.isFinite(c) || !Double.isFinite(d) || !Double.isFinite(off[0])
                || !Double.isFinite(off[1]) || !Double.isFinite(off[2])) {
            return null;
        }
        double w2 = 1 - (b * b + c * c + d * d);
        double a = w2 > 0 ? Math.sqrt(w2) : 0;
        double[][] r = quaternionToMatrix(a, b, c, d);
        double[] zooms = zooms(h, 3, warnings);
        double qfac = h.pixdim()[0];
        if (qfac != 1 && qfac != -1) {
            if (qfac != 0) {
                warnings.add("qfac (pixdim[0]) is " + qfac + ", not 1 or -1; using 1");
            }
            qfac = 1;
        }
        zooms[2] *= qfac;
        double[][] m = new double[3][3];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                m[row][col] = r[row][col] * zooms[col];
            }
        }
        Affine affine = Affine.of(m, off);
        return affine.isInvertible() ? affine : null;
    }

    /**
     * nibabel's base affine: diag(-dx, dy, dz) centred on the middle of the grid; empty if absurd pixdims make
     * it overflow or leave it singular.
     */
    static Optional<Affine> base(NiftiHeader h, List<String> warnings) {
        double[] z = zooms(h, Math.min(3, h.rank()), warnings);
        double[] shape = {h.size(1), h.size(2), h.size(3)};
        double[] zf = {-z[0], z[1], z[2]};
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) {
            t[i] = -(shape[i] - 1) / 2 * zf[i];
            if (!Double.isFinite(t[i])) {
                return Optional.empty();
            }
        }
        Affine a = Affine.scaleTranslate(zf[0], zf[1], zf[2], t[0], t[1], t[2]);
        return a.isInvertible() ? Optional.of(a) : Optional.empty();
    }

    /**
     * pixdim[1..3] repaired as nibabel repairs them (absolute value, 0 becomes 1); axes from {@code used} on are
     * taken as 1 mm, as nibabel's base affine does beyond dim[0].
     */
    private static double[] zooms(NiftiHeader h, int used, List<String> warnings) {
        double[] z = {1, 1, 1};
        for (int i = 0; i < used; i++) {
            double v = h.pixdim()[i + 1];
            if (!Double.isFinite(v) || v == 0) {
                warnings.add("pixdim[" + (i + 1) + "] is " + v + "; using 1 mm");
                v = 1;
            } else if (v < 0) {
                warnings.add("pixdim[" + (i + 1) + "] is negative; using its absolute value");
                v = -v;
            }
            z[i] = v;
        }
        return z;
    }

    /** Rotation matrix of a quaternion (normalised first, as nibabel's {@code quat2mat} does). */
    static double[][] quaternionToMatrix(double w, double x, double y, double z) {
        double n = w * w + x * x + y * y + z * z;
        if (n < 1e-15) {
            return new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        }
        double s = 2 / n;
        double xs = x * s;
        double ys = y * s;
        double zs = z * s;
        double wx = w * xs;
        double wy = w * ys;
        double wz = w * zs;
        double xx = x * xs;
        double xy = x * ys;
        double xz = x * zs;
        double yy = y * ys;
        double yz = y * zs;
        double zz = z * zs;
        return new double[][] {
            {1 - (yy + zz), xy - wz, xz + wy},
            {xy + wz, 1 - (xx + zz), yz - wx},
            {xz - wy, yz + wx, 1 - (xx + yy)}};
    }

    /**
     * The qform that best represents an affine: column norms as pixdims, the sign of the determinant as qfac,
     * and the quaternion of the nearest rotation (polar decomposition) — as nibabel's {@code set_qform} does. A
     * sheared affine cannot be a qform exactly; the sform keeps it exactly.
     */
    static Qform toQform(Affine ras) {
        double[] zooms = ras.columnNorms();
        double[][] r = ras.linear();
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                r[row][col] /= zooms[col];
            }
        }
        double qfac = 1;
        if (det(r) < 0) {
            qfac = -1;
            for (int row = 0; row < 3; row++) {
                r[row][2] = -r[row][2];
            }
        }
        double[][] p = nearestRotation(r);
        double[] q = matrixToQuaternion(p);
        return new Qform(q[1], q[2], q[3], qfac, zooms, ras.translation());
    }

    /** Quaternion (w, x, y, z) with w >= 0 of a rotation matrix (Shepperd's method). */
    static double[] matrixToQuaternion(double[][] m) {
        double trace = m[0][0] + m[1][1] + m[2][2];
        double w;
        double x;
        double y;
        double z;
        if (trace > 0) {
            double s = Math.sqrt(trace + 1) * 2;
            w = 0.25 * s;
            x = (m[2][1] - m[1][2]) / s;
            y = (m[0][2] - m[2][0]) / s;
            z = (m[1][0] - m[0][1]) / s;
        } else if (m[0][0] > m[1][1] && m[0][0] > m[2][2]) {
            double s = Math.sqrt(1 + m[0][0] - m[1][1] - m[2][2]) * 2;
            w = (m[2][1] - m[1][2]) / s;
            x = 0.25 * s;
            y = (m[0][1] + m[1][0]) / s;
            z = (m[0][2] + m[2][0]) / s;
        } else if (m[1][1] > m[2][2]) {
            double s = Math.sqrt(1 + m[1][1] - m[0][0] - m[2][2]) * 2;
            w = (m[0][2] - m[2][0]) / s;
            x = (m[0][1] + m[1][0]) / s;
            y = 0.25 * s;
            z = (m[1][2] + m[2][1]) / s;
        } else {
            double s = Math.sqrt(1 + m[2][2] - m[0][0] - m[1][1]) * 2;
            w = (m[1][0] - m[0][1]) / s;
            x = (m[0][2] + m[2][0]) / s;
            y = (m[1][2] + m[2][1]) / s;
            z = 0.25 * s;
        }
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        double sign = w < 0 ? -1 : 1;
        return new double[] {sign * w / n, sign * x / n, sign * y / n, sign * z / n};
    }

    /** The orthogonal matrix nearest to {@code m} (polar decomposition by Newton iteration, Higham 1986). */
    static double[][] nearestRotation(double[][] m) {
        double[][] x = copy(m);
        for (int iter = 0; iter < 100; iter++) {
            double[][] invT = transpose(inverse(x));
            double[][] next = new double[3][3];
            double change = 0;
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    next[r][c] = 0.5 * (x[r][c] + invT[r][c]);
                    change = Math.max(change, Math.abs(next[r][c] - x[r][c]));
                }
            }
            x = next;
            if (change < 1e-15) {
                break;
            }
        }
        return x;
    }

    private static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    private static double[][] inverse(double[][] m) {
        double d = det(m);
        return new double[][] {
            {(m[1][1] * m[2][2] - m[1][2] * m[2][1]) / d, (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / d,
                (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / d},
            {(m[1][2] * m[2][0] - m[1][0] * m[2][2]) / d, (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / d,
                (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / d},
            {(m[1][0] * m[2][1] - m[1][1] * m[2][0]) / d, (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / d,
                (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / d}};
    }

    private static double[][] transpose(double[][] m) {
        return new double[][] {{m[0][0], m[1][0], m[2][0]}, {m[0][1], m[1][1], m[2][1]}, {m[0][2], m[1][2], m[2][2]}};
    }

    private static double[][] copy(double[][] m) {
        return new double[][] {m[0].clone(), m[1].clone(), m[2].clone()};
    }
}
