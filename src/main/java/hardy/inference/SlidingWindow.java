package hardy.inference;

import hardy.core.Cancellation;
import hardy.core.InvalidSettingException;
import hardy.core.ProgressListener;
import java.util.Arrays;

/**
 * Sliding-window inference on the model grid, nnU-Net style: patches of the card's size, overlapping by
 * {@code 1 - step}, evenly spread so the first and last touch the borders; each patch's class probabilities are
 * weighted by a Gaussian importance map (sigma = 1/8 of the patch, centre weighted most, because a fully
 * convolutional network is least reliable near a patch's edges) and accumulated per class in float32 on the model
 * grid, then divided by the summed weights. An image smaller than a patch is zero-padded around its centre.
 * Mirroring test-time augmentation runs each patch in all 8 combinations of flips on the three axes and averages
 * the probabilities.
 */
final class SlidingWindow {

    private final int[] patch;      // along i, j, k
    private final int classes;
    private final boolean softmax;
    private final boolean ijkTensor;
    private final double step;
    private final boolean tta;

    SlidingWindow(ModelCard card, double step, boolean tta) {
        if (!(step > 0 && step <= 1)) {
            throw new InvalidSettingException("step", "the sliding-window step", "must be in (0, 1], got " + step);
        }
        this.patch = card.patchSize().clone();
        this.classes = card.numClasses();
        this.softmax = card.effectiveActivation() == ModelCard.Activation.SOFTMAX;
        this.ijkTensor = card.effectiveTensorAxes() == ModelCard.TensorAxes.IJK;
        this.step = step;
        this.tta = tta;
    }

    /** Patch start positions along one axis of length {@code size} (already padded to at least the patch). */
    static int[] starts(int size, int patch, double step) {
        if (size <= patch) {
            return new int[] {0};
        }
        int n = (int) Math.ceil((size - patch) / (patch * step)) + 1;
        int[] s = new int[n];
        double stride = (double) (size - patch) / (n - 1);
        for (int i = 0; i < n; i++) {
            s[i] = (int) Math.round(i * stride);
        }
        return s;
    }

    /** The Gaussian importance map of a patch, i fastest, maximum 1. */
    static float[] gaussian(int[] p) {
        double[][] g = new double[3][];
        for (int a = 0; a < 3; a++) {
            g[a] = new double[p[a]];
            double c = (p[a] - 1) / 2.0;
            double sigma = p[a] / 8.0;
            for (int x = 0; x < p[a]; x++) {
                g[a][x] = Math.exp(-(x - c) * (x - c) / (2 * sigma * sigma));
            }
        }
        float[] w = new float[p[0] * p[1] * p[2]];
        double max = 0;
        for (int z = 0, idx = 0; z < p[2]; z++) {
            for (int y = 0; y < p[1]; y++) {
                for (int x = 0; x < p[0]; x++, idx++) {
                    double v = g[0][x] * g[1][y] * g[2][z];
                    w[idx] = (float) v;
                    max = Math.max(max, v);
                }
            }
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (w[i] / max);
        }
        return w;
    }

    /** How many forward passes {@link #run} makes for an image of {@code dims}. */
    int passes(int[] dims) {
        int n = tta ? 8 : 1;
        for (int a = 0; a < 3; a++) {
            n *= starts(Math.max(dims[a], patch[a]), patch[a], step).length;
        }
        return n;
    }

    /**
     * Class probabilities on the model grid.
     *
     * @param channels input channels, each {@code dims[0] * dims[1] * dims[2]} values, i fastest
     * @return one array per class, the same layout
     */
    float[][] run(float[][] channels, int[] dims, PatchRunner net, ProgressListener progress, Cancellation cancel) {
        int nx = dims[0], ny = dims[1], nz = dims[2];
        int[] padded = {Math.max(nx, patch[0]), Math.max(ny, patch[1]), Math.max(nz, patch[2])};
        int[] off = {(padded[0] - nx) / 2, (padded[1] - ny) / 2, (padded[2] - nz) / 2};
        int[][] starts = {starts(padded[0], patch[0], step), starts(padded[1], patch[1], step),
            starts(padded[2], patch[2], step)};
        int px = patch[0], py = patch[1], pz = patch[2];
        int pn = px * py * pz;
        int voxels = nx * ny * nz;
        float[] weights = gaussian(patch);
        float[][] acc = new float[classes][voxels];
        float[] weightSum = new float[voxels];
        int mirrors = tta ? 8 : 1;
        float[] input = new float[channels.length * pn];
        long[] shape = ijkTensor ? new long[] {1, channels.length, px, py, pz}
                : new long[] {1, channels.length, pz, py, px};
        float[] probs = new float[classes];
        long total = passes(dims);
        long done = 0;
        progress.progress(0, total, "Sliding window");
        for (int sz : starts[2]) {
            for (int sy : starts[1]) {
                for (int sx : starts[0]) {
                    for (int m = 0; m < mirrors; m++) {
                        cancel.check();
                        fill(input, channels, dims, off, sx, sy, sz, m);
                        InferenceSession.Output out = net.run(input, shape);
                        checkShape(out.shape(), shape);
                        accumulate(out.values(), acc, weightSum, weights, dims, off, sx, sy, sz, m, mirrors, probs);
                        done++;
                        progress.progress(done, total, "Patch " + done + "/" + total);
                    }
                }
            }
        }
        for (int v = 0; v < voxels; v++) {
            float inv = 1f / weightSum[v];
            for (int c = 0; c < classes; c++) {
                acc[c][v] *= inv;
            }
        }
        return acc;
    }

    /** Tensor index of patch voxel (x, y, z) in channel c. */
    private int tensorIndex(int c, int x, int y, int z) {
        return ijkTensor ? ((c * patch[0] + x) * patch[1] + y) * patch[2] + z
                : ((c * patch[2] + z) * patch[1] + y) * patch[0] + x;
    }

    /** Copies the patch at (sx, sy, sz) of the padded image into the tensor, mirrored per bit of {@code m}. */
    private void fill(float[] input, float[][] channels, int[] dims, int[] off, int sx, int sy, int sz, int m) {
        Arrays.fill(input, 0f);
        for (int z = 0; z < patch[2]; z++) {
            int k = sz + z - off[2];
            if (k < 0 || k >= dims[2]) {
                continue;
            }
            int mz = (m & 4) != 0 ? patch[2] - 1 - z : z;
            for (int y = 0; y < patch[1]; y++) {
                int j = sy + y - off[1];
                if (j < 0 || j >= dims[1]) {
                    continue;
                }
                int my = (m & 2) != 0 ? patch[1] - 1 - y : y;
                int row = dims[0] * (j + dims[1] * k);
                for (int x = 0; x < patch[0]; x++) {
                    int i = sx + x - off[0];
                    if (i < 0 || i >= dims[0]) {
                        continue;
                    }
                    int mx = (m & 1) != 0 ? patch[0] - 1 - x : x;
                    for (int c = 0; c < channels.length; c++) {
                        input[tensorIndex(c, mx, my, mz)] = channels[c][row + i];
                    }
                }
            }
        }
    }

    private void accumulate(float[] out, float[][] acc, float[] weightSum, float[] weights, int[] dims, int[] off,
                            int sx, int sy, int sz, int m, int mirrors, float[] probs) {
        for (int z = 0; z < patch[2]; z++) {
            int k = sz + z - off[2];
            if (k < 0 || k >= dims[2]) {
                continue;
            }
            int mz = (m & 4) != 0 ? patch[2] - 1 - z : z;
            for (int y = 0; y < patch[1]; y++) {
                int j = sy + y - off[1];
                if (j < 0 || j >= dims[1]) {
                    continue;
                }
                int my = (m & 2) != 0 ? patch[1] - 1 - y : y;
                int row = dims[0] * (j + dims[1] * k);
                for (int x = 0; x < patch[0]; x++) {
                    int i = sx + x - off[0];
                    if (i < 0 || i >= dims[0]) {
                        continue;
                    }
                    int mx = (m & 1) != 0 ? patch[0] - 1 - x : x;
                    for (int c = 0; c < classes; c++) {
                        probs[c] = out[tensorIndex(c, mx, my, mz)];
                    }
                    if (softmax) {
                        softmax(probs);
                    }
                    float w = weights[x + patch[0] * (y + patch[1] * z)];
                    int v = row + i;
                    if (m == 0) {
                        weightSum[v] += w;
                    }
                    float wm = w / mirrors;
                    for (int c = 0; c < classes; c++) {
                        acc[c][v] += wm * probs[c];
                    }
                }
            }
        }
    }

    static void softmax(float[] z) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            double e = Math.exp(z[c] - max);
            z[c] = (float) e;
            sum += e;
        }
        for (int c = 0; c < z.length; c++) {
            z[c] = (float) (z[c] / sum);
        }
    }

    private void checkShape(long[] got, long[] in) {
        if (got.length != 5 || got[0] != 1 || got[1] != classes || got[2] != in[2] || got[3] != in[3]
                || got[4] != in[4]) {
            throw new IllegalStateException("the network returned shape " + Arrays.toString(got) + " for input "
                    + Arrays.toString(in) + "; expected [1, " + classes + ", " + in[2] + ", " + in[3] + ", "
                    + in[4] + "]");
        }
    }
}
