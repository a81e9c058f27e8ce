package hardy.synth;

import java.util.SplittableRandom;

/**
 * A smooth random function of direction: a sum of random plane waves restricted to the unit sphere, tabulated on
 * a cube map (six faces of {@code size²} texels) and read back bilinearly. Besides the value it keeps the value
 * divided by its tangential gradient, which near a zero crossing is the angular distance (radians) to the zero
 * line: the zero lines of such a field form a network of curves, which is what the cortical folds follow.
 */
final class SphereField {

    private final int size;
    private final float[] value;
    private final float[] distance;

    /**
     * @param frequency the waves' angular frequency (about half the number of oscillations around the sphere)
     * @param waves     number of waves
     */
    SphereField(SplittableRandom rng, double frequency, int waves, int size) {
        this.size = size;
        double[][] k = new double[waves][];
        double[] phase = new double[waves];
        double[] freq = new double[waves];
        for (int w = 0; w < waves; w++) {
            k[w] = randomUnit(rng);
            freq[w] = frequency * (0.75 + 0.5 * rng.nextDouble());
            phase[w] = rng.nextDouble(2 * Math.PI);
        }
        double amp = Math.sqrt(2.0 / waves);
        value = new float[6 * size * size];
        distance = new float[6 * size * size];
        double[] u = new double[3];
        for (int face = 0; face < 6; face++) {
            for (int b = 0; b < size; b++) {
                for (int a = 0; a < size; a++) {
                    direction(face, 2.0 * a / (size - 1) - 1, 2.0 * b / (size - 1) - 1, u);
                    double v = 0;
                    double gx = 0;
                    double gy = 0;
                    double gz = 0;
                    for (int w = 0; w < waves; w++) {
                        double arg = freq[w] * (k[w][0] * u[0] + k[w][1] * u[1] + k[w][2] * u[2]) + phase[w];
                        v += amp * Math.cos(arg);
                        double d = -amp * freq[w] * Math.sin(arg);
                        gx += d * k[w][0];
                        gy += d * k[w][1];
                        gz += d * k[w][2];
                    }
                    double radial = gx * u[0] + gy * u[1] + gz * u[2];
                    double tx = gx - radial * u[0];
                    double ty = gy - radial * u[1];
                    double tz = gz - radial * u[2];
                    double g = Math.sqrt(tx * tx + ty * ty + tz * tz);
                    int idx = (face * size + b) * size + a;
                    value[idx] = (float) v;
                    // far from a zero line the ratio means nothing; cap it so interpolation stays tame
                    distance[idx] = (float) Math.min(1.0, Math.abs(v) / Math.max(g, 1e-6));
                }
            }
        }
    }

    /** A uniformly distributed unit vector. */
    static double[] randomUnit(SplittableRandom rng) {
        double z = 2 * rng.nextDouble() - 1;
        double phi = 2 * Math.PI * rng.nextDouble();
        double r = Math.sqrt(1 - z * z);
        return new double[] {r * Math.cos(phi), r * Math.sin(phi), z};
    }

    /** The field in direction (x, y, z) (need not be unit length, must not be zero). */
    double value(double x, double y, double z) {
        return lookup(value, x, y, z);
    }

    /** Approximate angular distance (radians, at most 1) from direction (x, y, z) to the nearest zero line. */
    double distanceToZero(double x, double y, double z) {
        return lookup(distance, x, y, z);
    }

    private double lookup(float[] table, double x, double y, double z) {
        double ax = Math.abs(x);
        double ay = Math.abs(y);
        double az = Math.abs(z);
        int face;
        double s;
        double t;
        if (ax >= ay && ax >= az) {
            face = x >= 0 ? 0 : 1;
            s = y / ax;
            t = z / ax;
        } else if (ay >= az) {
            face = y >= 0 ? 2 : 3;
            s = x / ay;
            t = z / ay;
        } else {
            face = z >= 0 ? 4 : 5;
            s = x / az;
            t = y / az;
        }
        double fa = (s + 1) * 0.5 * (size - 1);
        double fb = (t + 1) * 0.5 * (size - 1);
        int a = Math.min((int) fa, size - 2);
        int b = Math.min((int) fb, size - 2);
        double ta = fa - a;
        double tb = fb - b;
        int i = (face * size + b) * size + a;
        double v0 = table[i] + ta * (table[i + 1] - table[i]);
        double v1 = table[i + size] + ta * (table[i + size + 1] - table[i + size]);
        return v0 + tb * (v1 - v0);
    }

    /** Inverse of the face mapping in {@link #lookup}: the unit direction of face coordinates (s, t). */
    private static void direction(int face, double s, double t, double[] u) {
        switch (face) {
            case 0 -> set(u, 1, s, t);
            case 1 -> set(u, -1, s, t);
            case 2 -> set(u, s, 1, t);
            case 3 -> set(u, s, -1, t);
            case 4 -> set(u, s, t, 1);
            default -> set(u, s, t, -1);
        }
        double r = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
        u[0] /= r;
        u[1] /= r;
        u[2] /= r;
    }

    private static void set(double[] u, double x, double y, double z) {
        u[0] = x;
        u[1] = y;
        u[2] = z;
    }
}
