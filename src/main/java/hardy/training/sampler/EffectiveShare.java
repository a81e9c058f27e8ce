package hardy.training.sampler;

/**
 * The constrained form of hardness weighted sampling: instead of a fixed {@code beta}, the user sets the share
 * {@code s} of the cases the sampler should effectively draw from, and {@code beta} follows from the current
 * losses.
 *
 * <p>Why: the paper's {@code beta} multiplies loss differences, so what it does depends on the loss's scale and on
 * how far the cases' losses lie apart at that moment. With Hardy's losses, {@code beta = 100} turned a lead of 0.1
 * into a factor e^10 and put one case into every batch (docs/experiments/erm-vs-hws.md). The KL-DRO problem the
 * sampler solves has an equivalent constrained form: minimise the worst-case risk over distributions {@code q}
 * within a KL ball {@code KL(q || uniform) <= rho} of the training distribution. Its worst case is
 * {@code q ~ exp(L / lambda)}, with the multiplier {@code 1 / lambda = beta} chosen so the constraint holds with
 * equality. Since {@code KL(q || uniform) = ln n - H(q)}, the radius is the share {@code s = exp(H(q)) / n =
 * exp(-rho)} of cases the sampler effectively draws from: 1 is ERM, 0.5 concentrates on the harder half, and the
 * sampler can never collapse onto fewer than {@code s n} effective cases, whatever the losses do.
 *
 * <p>{@link #betaFor} finds that {@code beta} by bisection on the floored softmax the sampler draws from
 * (the effective share falls as {@code beta} grows); it costs O(n) per bisection step, about 60 steps.
 */
public final class EffectiveShare {

    /** The largest beta considered: far beyond the paper's largest (1000). */
    public static final double MAX_BETA = 1e5;

    private EffectiveShare() {
    }

    /**
     * The {@code beta} at which sampling from {@code losses} has effective share {@code share}: 0 if
     * {@code share} is 1 or all losses are equal, {@link #MAX_BETA} if the losses are
     * too close for any finite beta to concentrate enough.
     *
     * @throws IllegalArgumentException unless {@code 0 < share <= 1} and the losses are finite
     */
    public static double betaFor(double[] losses, double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("the effective share must be in (0, 1], not " + share);
        }
        double target = share * losses.length;
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (double l : losses) {
            lowest = Math.min(lowest, l);
            highest = Math.max(highest, l);
        }
        if (share == 1 || highest == lowest || effectiveCases(losses, 0) <= target) {
            return 0; // equal losses: no beta changes anything
        }
        if (effectiveCases(losses, MAX_BETA) >= target) {
            return MAX_BETA;
        }
        double lo = 0;
        double hi = MAX_BETA;
        for (int step = 0; step < 200 && hi - lo > 1e-9 * hi; step++) {
            double mid = Math.sqrt(Math.max(lo, 1e-6) * hi); // beta spans decades: bisect on a log scale
            if (effectiveCases(losses, mid) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** {@code exp(H(q))} of the floored softmax of {@code beta * losses}, as the sampler draws from it. */
    static double effectiveCases(double[] losses, double beta) {
        int n = losses.length;
        double max = Double.NEGATIVE_INFINITY;
        for (double l : losses) {
            if (!Double.isFinite(l)) {
                throw new IllegalArgumentException("losses must be finite, not " + l);
            }
            max = Math.max(max, l);
        }
        double[] q = new double[n];
        double z = 0;
        for (int i = 0; i < n; i++) {
            q[i] = Math.exp(beta * (losses[i] - max));
            z += q[i];
        }
        double floor = HardnessWeightedSampler.FLOOR / n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            q[i] = Math.max(q[i] / z, floor);
            sum += q[i];
        }
        for (int i = 0; i < n; i++) {
            q[i] /= sum;
        }
        return effectiveCases(q);
    }

    /** {@code exp(H(q))} of a probability vector. */
    static double effectiveCases(double[] q) {
        double entropy = 0;
        for (double p : q) {
            if (p > 0) {
                entropy -= p * Math.log(p);
            }
        }
        return Math.exp(entropy);
    }
}
