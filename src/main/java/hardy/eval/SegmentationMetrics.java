package hardy.eval;

import hardy.core.Cancellation;
import hardy.volume.LabelMap;
import hardy.volume.VoxelArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dice, HD95 and volume similarity of label maps on the same grid.
 *
 * <p>HD95 follows MONAI's {@code compute_hausdorff_distance(..., percentile=95)} (MONAI 1.x, default
 * {@code directed=False}): the surface of a mask is its voxels with at least one of the 6 face neighbours outside
 * the mask (a neighbour beyond the grid counts as outside, as with {@code scipy.ndimage.binary_erosion}'s default
 * border); for every surface voxel of one mask the Euclidean distance in mm (voxel centres, per-axis spacing) to
 * the nearest surface voxel of the other is taken; each of the two directed sets gives its 95th percentile with
 * NumPy's linear interpolation; HD95 is the larger of the two. Distances come from an exact separable distance
 * transform ({@link DistanceTransform}), computed only over the bounding box of both masks, which is exact
 * because every surface voxel of both lies inside it.
 *
 * <p>Spacing is the length of each voxel axis; a sheared grid is treated as if its axes were perpendicular.
 */
public final class SegmentationMetrics {

    private SegmentationMetrics() {
    }

    /**
     * Scores each of {@code labels} in {@code prediction} against {@code truth}.
     *
     * @throws IllegalArgumentException if the two maps are not on the same grid
     */
    public static List<LabelScore> compare(LabelMap truth, LabelMap prediction, int[] labels, Cancellation cancel) {
        if (!truth.geometry().sameGrid(prediction.geometry())) {
            throw new IllegalArgumentException("prediction and truth are on different grids");
        }
        int nx = truth.geometry().nx();
        int ny = truth.geometry().ny();
        int nz = truth.geometry().nz();
        double[] spacing = truth.geometry().spacing();
        int[] t = toInts(truth.volume().data());
        int[] p = toInts(prediction.volume().data());
        List<LabelScore> scores = new ArrayList<>(labels.length);
        for (int label : labels) {
            cancel.check();
            scores.add(score(t, p, label, nx, ny, nz, spacing));
        }
        return scores;
    }

    static LabelScore score(int[] t, int[] p, int label, int nx, int ny, int nz, double[] spacing) {
        long nt = 0;
        long np = 0;
        long both = 0;
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
        int idx = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++, idx++) {
                    boolean a = t[idx] == label;
                    boolean b = p[idx] == label;
                    if (a) {
                        nt++;
                    }
                    if (b) {
                        np++;
                    }
                    if (a && b) {
                        both++;
                    }
                    if (a || b) {
                        box[0] = Math.min(box[0], i);
                        box[1] = Math.min(box[1], j);
                        box[2] = Math.min(box[2], k);
                        box[3] = Math.max(box[3], i);
                        box[4] = Math.max(box[4], j);
                        box[5] = Math.max(box[5], k);
                    }
                }
            }
        }
        if (nt == 0 && np == 0) {
            return new LabelScore(label, 1, 0, 1, 0, 0);
        }
        double dice = 2.0 * both / (nt + np);
        double vs = 1 - (double) Math.abs(nt - np) / (nt + np);
        if (nt == 0 || np == 0) {
            return new LabelScore(label, dice, Double.NaN, vs, nt, np);
        }
        int bx = box[3] - box[0] + 1;
        int by = box[4] - box[1] + 1;
        int bz = box[5] - box[2] + 1;
        boolean[] st = surface(t, label, nx, ny, nz, box, bx, by, bz);
        boolean[] sp = surface(p, label, nx, ny, nz, box, bx, by, bz);
        double[] dtT = DistanceTransform.squared(st, bx, by, bz, spacing);
        double[] dtP = DistanceTransform.squared(sp, bx, by, bz, spacing);
        double predToTruth = directedPercentile(sp, dtT, 95);
        double truthToPred = directedPercentile(st, dtP, 95);
        return new LabelScore(label, dice, Math.max(predToTruth, truthToPred), vs, nt, np);
    }

    /** Surface voxels of the label inside the box, as a mask over the box. */
    private static boolean[] surface(int[] labels, int label, int nx, int ny, int nz, int[] box, int bx, int by,
                                     int bz) {
        boolean[] s = new boolean[bx * by * bz];
        int plane = nx * ny;
        int b = 0;
        for (int k = box[2]; k <= box[5]; k++) {
            for (int j = box[1]; j <= box[4]; j++) {
                for (int i = box[0]; i <= box[3]; i++, b++) {
                    int idx = i + nx * (j + ny * k);
                    if (labels[idx] != label) {
                        continue;
                    }
                    s[b] = i == 0 || i == nx - 1 || j == 0 || j == ny - 1 || k == 0 || k == nz - 1
                            || labels[idx - 1] != label || labels[idx + 1] != label
                            || labels[idx - nx] != label || labels[idx + nx] != label
                            || labels[idx - plane] != label || labels[idx + plane] != label;
                }
            }
        }
        return s;
    }

    private static double directedPercentile(boolean[] from, double[] squaredToOther, double q) {
        int n = 0;
        for (boolean f : from) {
            if (f) {
                n++;
            }
        }
        double[] d = new double[n];
        int m = 0;
        for (int i = 0; i < from.length; i++) {
            if (from[i]) {
                d[m++] = Math.sqrt(squaredToOther[i]);
            }
        }
        Arrays.sort(d);
        return Percentiles.ofSorted(d, n, q);
    }

    private static int[] toInts(VoxelArray data) {
        int n = data.length();
        int[] out = new int[n];
        if (data instanceof VoxelArray.UInt8 u) {
            byte[] b = u.data();
            for (int i = 0; i < n; i++) {
                out[i] = b[i] & 0xFF;
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = (int) data.get(i);
            }
        }
        return out;
    }
}
