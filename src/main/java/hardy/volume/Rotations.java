package hardy.volume;

/** 3&times;3 rotation matrices about the voxel or patient axes, for phantoms, augmentation and tests. */
public final class Rotations {

    private Rotations() {
    }

    /** The rotation by {@code angle} radians about axis 0, 1 or 2 (right-handed). */
    public static double[][] about(int axis, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return switch (axis) {
            case 0 -> new double[][] {{1, 0, 0}, {0, c, -s}, {0, s, c}};
            case 1 -> new double[][] {{c, 0, s}, {0, 1, 0}, {-s, 0, c}};
            case 2 -> new double[][] {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
            default -> throw new IllegalArgumentException("axis " + axis + " is not 0, 1 or 2");
        };
    }

    /** Rotation about axis 0 by {@code a}, then axis 1 by {@code b}, then axis 2 by {@code c}: Rz &middot; Ry &middot; Rx. */
    public static double[][] xyz(double a, double b, double c) {
        return multiply(about(2, c), multiply(about(1, b), about(0, a)));
    }

    /** The matrix product {@code p q}. */
    public static double[][] multiply(double[][] p, double[][] q) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i][j] = p[i][0] * q[0][j] + p[i][1] * q[1][j] + p[i][2] * q[2][j];
            }
        }
        return r;
    }
}
