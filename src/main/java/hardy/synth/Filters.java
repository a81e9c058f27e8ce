package hardy.synth;

/** Separable filters and sampling on float volumes (first index fastest), for the image simulation. */
final class Filters {

    private Filters() {
    }

    /** Gaussian blur along one axis in place; sigma in voxels, borders replicated. Does nothing for sigma < 0.05. */
    static void blur(float[] v, int nx, int ny, int nz, int axis, double sigma) {
        if (sigma < 0.05) {
            return;
        }
        int radius = (int) Math.ceil(3 * sigma);
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int t = -radius; t <= radius; t++) {
            double w = Math.exp(-0.5 * t * t / (sigma * sigma));
            kernel[t + radius] = (float) w;
            sum += w;
        }
        for (int t = 0; t < kernel.length; t++) {
            kernel[t] /= (float) sum;
        }
        int len = axis == 0 ? nx : axis == 1 ? ny : nz;
        int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
        int lines = nx * ny * nz / len;
        float[] line = new float[len];
        for (int l = 0; l < lines; l++) {
            int base = lineStart(l, axis, nx, ny);
            for (int t = 0; t < len; t++) {
                line[t] = v[base + t * stride];
            }
            for (int t = 0; t < len; t++) {
                float acc = 0;
                for (int o = -radius; o <= radius; o++) {
                    int s = Math.max(0, Math.min(len - 1, t + o));
                    acc += kernel[o + radius] * line[s];
                }
                v[base + t * stride] = acc;
            }
        }
    }

    /** Index of the first voxel of line {@code l} along {@code axis}. */
    private static int lineStart(int l, int axis, int nx, int ny) {
        return switch (axis) {
            case 0 -> l * nx;
            case 1 -> (l % nx) + (l / nx) * nx * ny;
            default -> l;
        };
    }

    /** Trilinear value at a continuous voxel position, borders replicated. */
    static float sample(float[] v, int nx, int ny, int nz, double x, double y, double z) {
        x = Math.max(0, Math.min(nx - 1, x));
        y = Math.max(0, Math.min(ny - 1, y));
        z = Math.max(0, Math.min(nz - 1, z));
        int i = Math.min((int) x, nx - 2 < 0 ? 0 : nx - 2);
        int j = Math.min((int) y, ny - 2 < 0 ? 0 : ny - 2);
        int k = Math.min((int) z, nz - 2 < 0 ? 0 : nz - 2);
        double tx = x - i;
        double ty = y - j;
        double tz = z - k;
        int di = nx > 1 ? 1 : 0;
        int dj = ny > 1 ? nx : 0;
        int dk = nz > 1 ? nx * ny : 0;
        int b = i + nx * (j + ny * k);
        double c00 = v[b] + tx * (v[b + di] - v[b]);
        double c10 = v[b + dj] + tx * (v[b + dj + di] - v[b + dj]);
        double c01 = v[b + dk] + tx * (v[b + dk + di] - v[b + dk]);
        double c11 = v[b + dk + dj] + tx * (v[b + dk + dj + di] - v[b + dk + dj]);
        double c0 = c00 + ty * (c10 - c00);
        double c1 = c01 + ty * (c11 - c01);
        return (float) (c0 + tz * (c1 - c0));
    }
}
