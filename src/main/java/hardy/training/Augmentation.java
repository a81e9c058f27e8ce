package hardy.training;

import hardy.volume.Rotations;
import java.util.SplittableRandom;

/**
 * On-the-fly augmentation of a training patch, in the spirit of nnU-Net's defaults: a rotation of up to 30 degrees
 * about each axis (probability 0.5) and a scaling (probability 0.3) applied by sampling the patch from the whole volume through the
 * transform (trilinear for the image, nearest for the labels, coordinates clamped to the volume so there are no
 * empty corners); mirroring on each axis (probability 0.5); then on the intensities a gamma (0.7-1.5), a
 * multiplicative scale (0.9-1.1), additive Gaussian noise (sd up to 0.1 of the z-scored intensities) and a smooth
 * multiplicative bias field (each with probability 0.3). Everything is drawn from the patch's own random stream,
 * so a patch depends only on the run's seed, the iteration and its slot in the batch.
 *
 * <p>Arrays are ordered like volumes: i fastest, then j, then k.
 */
final class Augmentation {

    static final double MAX_ROTATION_RADIANS = Math.toRadians(30);
    /** Probability of a rotation: a fetal head lies in any pose, and a reconstruction leaves it there. */
    static final double ROTATION_P = 0.5;
    static final double MIN_SCALE = 0.85;
    static final double MAX_SCALE = 1.15;

    private Augmentation() {
    }

    /** A patch-to-volume linear map: identity, or a random rotation about the three axes times a scaling. */
    static double[][] spatial(SplittableRandom random) {
        double[][] m = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        if (random.nextDouble() < ROTATION_P) {
            for (int axis = 0; axis < 3; axis++) {
                m = Rotations.multiply(Rotations.about(axis, (random.nextDouble() * 2 - 1) * MAX_ROTATION_RADIANS), m);
            }
        }
        if (random.nextDouble() < 0.3) {
            double s = MIN_SCALE + random.nextDouble() * (MAX_SCALE - MIN_SCALE);
            for (double[] row : m) {
                for (int c = 0; c < 3; c++) {
                    row[c] *= s;
                }
            }
        }
        return m;
    }

    /**
     * Samples a patch of {@code size} whose centre maps to volume voxel {@code centre} and whose offsets map
     * through {@code m}.
     */
    static void sample(float[] image, int[] labels, int[] dims, double[] centre, double[][] m, int[] size,
            float[] outImage, int[] outLabels) {
        double[] half = {(size[0] - 1) / 2.0, (size[1] - 1) / 2.0, (size[2] - 1) / 2.0};
        int nx = dims[0];
        int nxy = dims[0] * dims[1];
        int p = 0;
        for (int k = 0; k < size[2]; k++) {
            double dz = k - half[2];
            for (int j = 0; j < size[1]; j++) {
                double dy = j - half[1];
                for (int i = 0; i < size[0]; i++, p++) {
                    double dx = i - half[0];
                    double x = clamp(centre[0] + m[0][0] * dx + m[0][1] * dy + m[0][2] * dz, dims[0]);
                    double y = clamp(centre[1] + m[1][0] * dx + m[1][1] * dy + m[1][2] * dz, dims[1]);
                    double z = clamp(centre[2] + m[2][0] * dx + m[2][1] * dy + m[2][2] * dz, dims[2]);
                    int x0 = Math.min((int) x, dims[0] - 2 < 0 ? 0 : dims[0] - 2);
                    int y0 = Math.min((int) y, dims[1] - 2 < 0 ? 0 : dims[1] - 2);
                    int z0 = Math.min((int) z, dims[2] - 2 < 0 ? 0 : dims[2] - 2);
                    double fx = x - x0;
                    double fy = y - y0;
                    double fz = z - z0;
                    int x1 = Math.min(x0 + 1, dims[0] - 1);
                    int y1 = Math.min(y0 + 1, dims[1] - 1);
                    int z1 = Math.min(z0 + 1, dims[2] - 1);
                    double c00 = image[x0 + nx * y0 + nxy * z0] * (1 - fx) + image[x1 + nx * y0 + nxy * z0] * fx;
                    double c10 = image[x0 + nx * y1 + nxy * z0] * (1 - fx) + image[x1 + nx * y1 + nxy * z0] * fx;
                    double c01 = image[x0 + nx * y0 + nxy * z1] * (1 - fx) + image[x1 + nx * y0 + nxy * z1] * fx;
                    double c11 = image[x0 + nx * y1 + nxy * z1] * (1 - fx) + image[x1 + nx * y1 + nxy * z1] * fx;
                    double c0 = c00 * (1 - fy) + c10 * fy;
                    double c1 = c01 * (1 - fy) + c11 * fy;
                    outImage[p] = (float) (c0 * (1 - fz) + c1 * fz);
                    outLabels[p] = labels[(int) Math.round(x) + nx * (int) Math.round(y) + nxy * (int) Math.round(z)];
                }
            }
        }
    }

    private static double clamp(double v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }

    /** Mirrors the patch along {@code axis} (0 = i, 1 = j, 2 = k). */
    static void flip(float[] image, int[] labels, int[] size, int axis) {
        int nx = size[0];
        int nxy = size[0] * size[1];
        for (int k = 0; k < size[2]; k++) {
            for (int j = 0; j < size[1]; j++) {
                for (int i = 0; i < size[0]; i++) {
                    int ti = axis == 0 ? size[0] - 1 - i : i;
                    int tj = axis == 1 ? size[1] - 1 - j : j;
                    int tk = axis == 2 ? size[2] - 1 - k : k;
                    int a = i + nx * j + nxy * k;
                    int b = ti + nx * tj + nxy * tk;
                    if (a < b) {
                        float fi = image[a];
                        image[a] = image[b];
                        image[b] = fi;
                        int li = labels[a];
                        labels[a] = labels[b];
                        labels[b] = li;
                    }
                }
            }
        }
    }

    /** Mirrors each axis with probability 0.5. */
    static void flips(float[] image, int[] labels, int[] size, SplittableRandom random) {
        for (int axis = 0; axis < 3; axis++) {
            if (random.nextBoolean()) {
                flip(image, labels, size, axis);
            }
        }
    }

    /** Gamma, scale, noise and bias field, each with probability 0.3, on z-scored intensities. */
    static void intensities(float[] image, int[] size, SplittableRandom random) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : image) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double range = hi - lo;
        if (random.nextDouble() < 0.3 && range > 0) {
            double gamma = 0.7 + random.nextDouble() * 0.8;
            for (int p = 0; p < image.length; p++) {
                image[p] = (float) (lo + range * Math.pow((image[p] - lo) / range, gamma));
            }
        }
        if (random.nextDouble() < 0.3) {
            double s = 0.9 + random.nextDouble() * 0.2;
            for (int p = 0; p < image.length; p++) {
                image[p] = (float) (image[p] * s);
            }
        }
        if (random.nextDouble() < 0.3) {
            double sd = random.nextDouble() * 0.1;
            for (int p = 0; p < image.length; p++) {
                image[p] = (float) (image[p] + sd * gaussian(random));
            }
        }
        if (random.nextDouble() < 0.3) {
            double[] c = new double[6];
            for (int i = 0; i < c.length; i++) {
                c[i] = (random.nextDouble() * 2 - 1) * 0.3;
            }
            float base = lo;
            int p = 0;
            for (int k = 0; k < size[2]; k++) {
                double w = size[2] > 1 ? 2.0 * k / (size[2] - 1) - 1 : 0;
                for (int j = 0; j < size[1]; j++) {
                    double v = size[1] > 1 ? 2.0 * j / (size[1] - 1) - 1 : 0;
                    for (int i = 0; i < size[0]; i++, p++) {
                        double u = size[0] > 1 ? 2.0 * i / (size[0] - 1) - 1 : 0;
                        double field = Math.exp(c[0] * u + c[1] * v + c[2] * w + c[3] * u * u + c[4] * v * v
                                + c[5] * w * w);
                        image[p] = (float) (base + (image[p] - base) * field);
                    }
                }
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
