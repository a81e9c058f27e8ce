package hardy.volume;

import java.util.Arrays;

/**
 * Summary of a volume's real-world (rescaled) values: the numbers a viewer needs for auto window/level and
 * {@code hardy info} reports. NaN voxels are counted and left out of everything else.
 *
 * @param count       finite voxels counted
 * @param nanCount    NaN or infinite voxels
 * @param min         smallest finite value
 * @param max         largest finite value
 * @param mean        mean of the finite values
 * @param std         population standard deviation of the finite values
 * @param p01         1st percentile
 * @param p50         median
 * @param p99         99th percentile
 * @param nonZero     finite voxels whose value is not zero
 * @param percentilesExact whether percentiles came from every voxel rather than a regular subsample
 */
public record VolumeStatistics(long count, long nanCount, double min, double max, double mean, double std,
                               double p01, double p50, double p99, long nonZero, boolean percentilesExact) {

    /** Percentiles are computed exactly up to this many voxels, from a regular subsample above it. */
    static final int PERCENTILE_SAMPLE = 1 << 21;

    /** Computes the statistics in two passes over the voxels. */
    public static VolumeStatistics of(Volume volume) {
        VoxelArray data = volume.data();
        Rescale rescale = volume.rescale();
        int n = data.length();
        long count = 0;
        long nan = 0;
        long nonZero = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double v = rescale.apply(data.get(i));
            if (!Double.isFinite(v)) {
                nan++;
                continue;
            }
            count++;
            sum += v;
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
            if (v != 0) {
                nonZero++;
            }
        }
        if (count == 0) {
            return new VolumeStatistics(0, nan, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, 0, true);
        }
        double mean = sum / count;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double v = rescale.apply(data.get(i));
            if (Double.isFinite(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        int stride = (int) Math.max(1, (n + PERCENTILE_SAMPLE - 1L) / PERCENTILE_SAMPLE);
        double[] sample = new double[(n + stride - 1) / stride];
        int m = 0;
        for (int i = 0; i < n; i += stride) {
            double v = rescale.apply(data.get(i));
            if (Double.isFinite(v)) {
                sample[m++] = v;
            }
        }
        Arrays.sort(sample, 0, m);
        return new VolumeStatistics(count, nan, min, max, mean, Math.sqrt(ss / count),
                percentile(sample, m, 0.01), percentile(sample, m, 0.5), percentile(sample, m, 0.99), nonZero,
                stride == 1);
    }

    /** Linear interpolation between order statistics, as NumPy's default percentile does. */
    static double percentile(double[] sorted, int m, double q) {
        if (m == 0) {
            return Double.NaN;
        }
        double pos = q * (m - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, m - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
