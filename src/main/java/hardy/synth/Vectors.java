package hardy.synth;

/** Small 3-vector helpers for the shapes around the head; vectors are {@code double[3]}, never changed in place. */
final class Vectors {

    private Vectors() {
    }

    /** {@code p + s d}. */
    static double[] add(double[] p, double[] d, double s) {
        return new double[] {p[0] + s * d[0], p[1] + s * d[1], p[2] + s * d[2]};
    }

    static double[] scale(double[] v, double s) {
        return new double[] {s * v[0], s * v[1], s * v[2]};
    }

    static double dot(double[] u, double[] v) {
        return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
    }

    static double[] cross(double[] u, double[] v) {
        return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    }

    static double[] normalise(double[] v) {
        return scale(v, 1 / Math.sqrt(dot(v, v)));
    }

    /** The unit vector along the part of {@code v} perpendicular to the unit vector {@code axis}. */
    static double[] perpendicular(double[] v, double[] axis) {
        double[] p = add(v, axis, -dot(v, axis));
        return dot(p, p) < 1e-12 ? perpendicular(new double[] {1, 0, 0}, axis) : normalise(p);
    }

    /** {@code v} rotated by {@code angle} radians about the x axis. */
    static double[] rotateX(double[] v, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[] {v[0], c * v[1] - s * v[2], s * v[1] + c * v[2]};
    }

    /** {@code v} rotated by {@code angle} radians about the y axis. */
    static double[] rotateY(double[] v, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[] {c * v[0] + s * v[2], v[1], -s * v[0] + c * v[2]};
    }

    /** An orthonormal frame (rows) whose first axis is {@code u} and second lies in the plane of u and v. */
    static double[][] frame(double[] u, double[] v) {
        double[] a = normalise(u);
        double[] b = perpendicular(v, a);
        return new double[][] {a, b, cross(a, b)};
    }

    /** Distance from (x, y, z) to the segment from a to b. */
    static double distanceToSegment(double x, double y, double z, double[] a, double[] b) {
        double ux = b[0] - a[0];
        double uy = b[1] - a[1];
        double uz = b[2] - a[2];
        double px = x - a[0];
        double py = y - a[1];
        double pz = z - a[2];
        double len2 = ux * ux + uy * uy + uz * uz;
        double t = len2 > 0 ? Math.max(0, Math.min(1, (px * ux + py * uy + pz * uz) / len2)) : 0;
        double dx = px - t * ux;
        double dy = py - t * uy;
        double dz = pz - t * uz;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
