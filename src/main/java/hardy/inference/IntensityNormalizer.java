package hardy.inference;

import java.util.Arrays;
import java.util.Locale;

/**
 * Intensity normalisation per the model card, in place on a float image.
 *
 * <ul>
 *   <li>{@code zscore}: subtract the mean and divide by the standard deviation; with mask {@code nonzero} (the
 *       default, nnU-Net's choice for MRI) the statistics come from voxels that are not 0 and voxels that are 0
 *       stay 0, so the background outside a skull-stripped or cropped brain is not shifted.</li>
 *   <li>{@code percentile}: clip to the lower and upper percentiles (linear interpolation between order statistics,
 *       as NumPy's default) and scale that range to [0, 1].</li>
 *   <li>{@code none}: leave the values.</li>
 * </ul>
 */
final class IntensityNormalizer {

    private IntensityNormalizer() {
    }

    /** Normalises {@code v} in place. */
    static void apply(float[] v, ModelCard.Normalization n) {
        switch (n.method().toLowerCase(Locale.ROOT)) {
            case "zscore" -> zscore(v, !"all".equals(n.mask()));
            case "percentile" -> percentile(v, n.lower(), n.upper());
            case "none" -> { }
            default -> throw new IllegalArgumentException("unknown normalization " + n.method());
        }
    }

    static void zscore(float[] v, boolean nonZeroMask) {
        double sum = 0;
        long count = 0;
        for (float x : v) {
            if (!nonZeroMask || x != 0) {
                sum += x;
                count++;
            }
        }
        if (count == 0) {
            return;
        }
        double mean = sum / count;
        double ss = 0;
        for (float x : v) {
            if (!nonZeroMask || x != 0) {
                ss += (x - mean) * (x - mean);
            }
        }
        double std = Math.max(Math.sqrt(ss / count), 1e-8);
        for (int i = 0; i < v.length; i++) {
            if (!nonZeroMask || v[i] != 0) {
                v[i] = (float) ((v[i] - mean) / std);
            }
        }
    }

    static void percentile(float[] v, double lowerPct, double upperPct) {
        float[] sorted = v.clone();
        Arrays.sort(sorted);
        double lo = quantile(sorted, lowerPct / 100);
        double hi = quantile(sorted, upperPct / 100);
        double range = hi > lo ? hi - lo : 1;
        for (int i = 0; i < v.length; i++) {
            double c = Math.max(lo, Math.min(hi, v[i]));
            v[i] = (float) ((c - lo) / range);
        }
    }

    /** NumPy's default ("linear") quantile of sorted values. */
    static double quantile(float[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double f = pos - i;
        return sorted[i] + f * (sorted[i + 1] - sorted[i]);
    }
}
