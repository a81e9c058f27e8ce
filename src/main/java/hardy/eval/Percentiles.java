package hardy.eval;

import java.util.Arrays;

/**
 * Percentiles by linear interpolation between order statistics: NumPy's default ({@code method="linear"}), so
 * numbers agree with {@code numpy.percentile} and with MONAI's Hausdorff distance, which uses it.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * The {@code q}-th percentile (0..100) of {@code values}; NaN for an empty array. The array is not changed.
     */
    public static double of(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return ofSorted(sorted, sorted.length, q);
    }

    /** As {@link #of} on the first {@code n} values of an already sorted array. */
    public static double ofSorted(double[] sorted, int n, double q) {
        if (q < 0 || q > 100) {
            throw new IllegalArgumentException("percentile must be in 0..100, got " + q);
        }
        if (n == 0) {
            return Double.NaN;
        }
        double pos = q / 100.0 * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, n - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
