package hardy.eval;

import java.util.Arrays;

/**
 * Exact Euclidean distance transform on a 3-D grid with anisotropic voxel spacing.
 *
 * <p>Separable lower-envelope algorithm of Felzenszwalb and Huttenlocher ("Distance Transforms of Sampled
 * Functions", 2012): one pass per axis over every line of the grid, each pass O(n) in the line length, so the whole
 * transform is linear in the voxel count. Spacing enters as the weight of each axis, which keeps the result exact
 * (the squared Euclidean distance separates into a sum over axes for any diagonal metric).
 */
public final class DistanceTransform {

    private DistanceTransform() {
    }

    /**
     * Squared distance in mm² from every voxel to the nearest feature voxel, or infinity when there is none.
     *
     * @param feature  feature voxels, index {@code i + nx * (j + ny * k)}
     * @param spacing  voxel size in mm along i, j, k
     */
    public static double[] squared(boolean[] feature, int nx, int ny, int nz, double[] spacing) {
        int n = nx * ny * nz;
        if (feature.length != n) {
            throw new IllegalArgumentException("feature mask has " + feature.length + " voxels, grid " + n);
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = feature[i] ? 0 : Double.POSITIVE_INFINITY;
        }
        int maxLen = Math.max(nx, Math.max(ny, nz));
        double[] f = new double[maxLen];
        double[] out = new double[maxLen];
        int[] v = new int[maxLen];
        double[] z = new double[maxLen + 1];
        // along i
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int base = nx * (j + ny * k);
                System.arraycopy(d, base, f, 0, nx);
                envelope(f, nx, spacing[0], out, v, z);
                System.arraycopy(out, 0, d, base, nx);
            }
        }
        // along j
        for (int k = 0; k < nz; k++) {
            for (int i = 0; i < nx; i++) {
                int base = i + nx * ny * k;
                for (int j = 0; j < ny; j++) {
                    f[j] = d[base + nx * j];
                }
                envelope(f, ny, spacing[1], out, v, z);
                for (int j = 0; j < ny; j++) {
                    d[base + nx * j] = out[j];
                }
            }
        }
        // along k
        int plane = nx * ny;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int base = i + nx * j;
                for (int k = 0; k < nz; k++) {
                    f[k] = d[base + plane * k];
                }
                envelope(f, nz, spacing[2], out, v, z);
                for (int k = 0; k < nz; k++) {
                    d[base + plane * k] = out[k];
                }
            }
        }
        return d;
    }

    /**
     * One-dimensional pass: {@code out[q] = min_p (w (q - p))² + f[p]}. Infinite samples are left out of the
     * envelope (they can never be the minimum), which also avoids inf - inf in the intersection formula.
     */
    static void envelope(double[] f, int n, double w, double[] out, int[] v, double[] z) {
        double w2 = w * w;
        int k = -1;
        for (int q = 0; q < n; q++) {
            if (f[q] == Double.POSITIVE_INFINITY) {
                continue;
            }
            if (k < 0) {
                k = 0;
                v[0] = q;
                z[0] = Double.NEGATIVE_INFINITY;
                z[1] = Double.POSITIVE_INFINITY;
                continue;
            }
            double s;
            while (true) {
                int p = v[k];
                // where the parabola from q overtakes the one from p; z[0] is -infinity, so k never drops below 0
                s = ((f[q] + w2 * q * q) - (f[p] + w2 * p * p)) / (2 * w2 * (q - p));
                if (s > z[k]) {
                    break;
                }
                k--;
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        if (k < 0) {
            Arrays.fill(out, 0, n, Double.POSITIVE_INFINITY);
            return;
        }
        int j = 0;
        for (int q = 0; q < n; q++) {
            while (z[j + 1] < q) {
                j++;
            }
            double dq = w * (q - v[j]);
            out[q] = dq * dq + f[v[j]];
        }
    }
}
