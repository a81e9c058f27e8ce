package hardy.training.sampler;

import java.util.function.BiFunction;

/**
 * The exact probability of every ordered batch, computed the slow, obvious way and independently of the sampler:
 * the per-case distribution {@code q} from a log-sum-exp softmax and a floor rule, then sequential sampling
 * without replacement, {@code P(i1, ..., ib) = prod_k q_ik / (1 - sum_{j<k} q_ij)}.
 */
final class ExactBatchDistribution {

    /** Ways to turn a softmax into sampling probabilities: the paper's, and wrong ones the tests must reject. */
    enum Floor {
        /** The paper's reference implementation: {@code max(s, 1e-4/n)}, renormalised. */
        PAPER((s, n) -> floored(s, 1e-4 / n)),
        /** An off-by-one floor, {@code 1e-4/(n-1)}. */
        N_MINUS_ONE((s, n) -> floored(s, 1e-4 / (n - 1))),
        /** An off-by-one floor, {@code 1e-4/(n+1)}. */
        N_PLUS_ONE((s, n) -> floored(s, 1e-4 / (n + 1))),
        /** The mixture {@code (s + eps) / (1 + n eps)}, which is not the paper's rule. */
        MIXTURE((s, n) -> {
            double eps = 1e-4 / n;
            double[] q = new double[n];
            for (int i = 0; i < n; i++) {
                q[i] = (s[i] + eps) / (1 + n * eps);
            }
            return q;
        }),
        /** No floor at all. */
        NONE((s, n) -> s.clone());

        private final BiFunction<double[], Integer, double[]> rule;

        Floor(BiFunction<double[], Integer, double[]> rule) {
            this.rule = rule;
        }

        double[] apply(double[] softmax) {
            return rule.apply(softmax, softmax.length);
        }

        private static double[] floored(double[] s, double eps) {
            double[] q = new double[s.length];
            double sum = 0;
            for (int i = 0; i < s.length; i++) {
                q[i] = Math.max(s[i], eps);
                sum += q[i];
            }
            for (int i = 0; i < s.length; i++) {
                q[i] /= sum;
            }
            return q;
        }
    }

    private ExactBatchDistribution() {
    }

    /** {@code softmax(beta * losses)}, computed from {@code beta (l - max l)} so that nothing overflows. */
    static double[] softmax(double[] losses, double beta) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : losses) {
            max = Math.max(max, l);
        }
        double[] s = new double[losses.length];
        double sum = 0;
        for (int i = 0; i < losses.length; i++) {
            s[i] = Math.exp(beta * (losses[i] - max));
            sum += s[i];
        }
        for (int i = 0; i < losses.length; i++) {
            s[i] /= sum;
        }
        return s;
    }

    /**
     * The probability of every ordered batch of {@code b} distinct cases, indexed by {@link #code}; impossible
     * codes (repeated cases) have probability 0.
     */
    static double[] orderedBatchProbabilities(double[] q, int b) {
        int n = q.length;
        double[] p = new double[(int) Math.pow(n, b)];
        fill(q, b, new int[b], 0, 1.0, 0.0, p);
        return p;
    }

    private static void fill(double[] q, int b, int[] prefix, int depth, double probability, double removed,
            double[] out) {
        if (depth == b) {
            out[code(prefix, q.length)] = probability;
            return;
        }
        for (int i = 0; i < q.length; i++) {
            boolean used = false;
            for (int k = 0; k < depth; k++) {
                used |= prefix[k] == i;
            }
            if (!used) {
                prefix[depth] = i;
                fill(q, b, prefix, depth + 1, probability * q[i] / (1 - removed), removed + q[i], out);
            }
        }
    }

    /** The batch as a base-n number, first case most significant. */
    static int code(int[] batch, int n) {
        int c = 0;
        for (int i : batch) {
            c = c * n + i;
        }
        return c;
    }
}
