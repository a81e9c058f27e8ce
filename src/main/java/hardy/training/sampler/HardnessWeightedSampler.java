package hardy.training.sampler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Hardness weighted sampling (Fidon et al., <i>Distributionally Robust Deep Learning using Hardness Weighted
 * Sampling</i>, arXiv:2001.02658): draws training batches that favour the cases the model currently finds hard,
 * which makes SGD minimise a distributionally robust (KL-DRO) risk instead of the mean loss.
 *
 * <h2>The distribution</h2>
 * The sampler keeps one stale loss {@code L[i]} per training case. A batch is {@code b} distinct cases drawn from
 * exactly the distribution of the authors' reference implementation (LucasFidon/HardnessWeightedSampler,
 * {@code WeightedSampler.draw_samples}):
 * <pre>
 *   s_i = softmax(beta * L)_i
 *   q_i = max(s_i, eps) / sum_j max(s_j, eps),   eps = 1e-4 / n
 * </pre>
 * then {@code numpy.random.choice(n, b, replace=False, p=q)}, which is sequential sampling without replacement:
 * draw one case from {@code q}, remove it, renormalise {@code q} over the rest, draw the next. The floor is
 * applied once, to the full distribution, before any removal. {@code beta = 0} is uniform sampling (ERM).
 * Note that the floored {@code q} is <em>not</em> the mixture {@code (1 - a) s + a / n}: it takes the larger of
 * {@code s_i} and {@code eps} per case.
 *
 * <h2>How it is drawn in O(b log n)</h2>
 * A {@link SumTree} holds {@code e_i = exp(beta (L_i - M))}, re-centred on a shift {@code M} (the largest loss at
 * the last rebuild) so that no weight overflows; its root is {@code Z = sum e_j}, and {@code s_i = e_i / Z}.
 * With {@code t = eps * Z}, {@code q_i} is proportional to {@code max(e_i, t)}. Write
 * {@code max(e, t) = (e + t) * a(e)} with {@code a(e) = max(e, t) / (e + t)}, which lies in [1/2, 1]. So a draw
 * <ol>
 *   <li>proposes a case from weights {@code e_i + t}: with probability {@code Z' / (Z' + r t)} (where {@code Z'}
 *       is the tree's mass over the {@code r} cases not yet in the batch) one from the tree, otherwise one
 *       uniformly among those {@code r} cases;</li>
 *   <li>accepts it with probability {@code a(e_i)}, and otherwise proposes again.</li>
 * </ol>
 * This is rejection sampling with a proposal that dominates the target by at most a factor 2, so every accepted
 * case has exactly the probability {@code q_i} renormalised over the remaining cases, and a draw costs fewer than
 * two proposals on average (on the first draw, fewer than {@code 1 + 1e-4}). A drawn case's leaf is set to zero
 * until the batch is complete. A weight that underflows to zero is harmless: its softmax is then far below
 * {@code eps}, so it is floored and its exact value never matters. Losses whose weight would exceed
 * {@code e^600}, or a total below {@code 2^-600}, trigger an O(n) rebuild with a new shift; the weights are
 * computed with {@link StrictMath#exp}, so a restored state draws bit-for-bit the same batches on any platform.
 *
 * <h2>Example: one training iteration</h2>
 * <pre>{@code
 * var sampler = new HardnessWeightedSampler(cases.size(), 100.0, SamplerOptions.defaults().withSeed(7));
 * int[] batch = sampler.nextBatch(2);
 * double[] losses = perCaseLoss(model, batch);           // unreduced: one value per case
 * double[] w = sampler.importanceWeights(batch, losses); // optional, before update()
 * optimiser.step(weightedMean(losses, w));
 * sampler.update(batch, losses);
 * sampler.save(checkpointDir.resolve("sampler.bin"));    // with every checkpoint
 * }</pre>
 * A sampler is not thread-safe: one training loop owns it.
 */
public final class HardnessWeightedSampler {

    /** The paper's floor, {@code 1e-4 / n} per case, is {@code FLOOR / n}. */
    static final double FLOOR = 1e-4;
    /** Above {@code beta (L_i - M) = 600} a weight could overflow a sum of 2^31 leaves; rebuild instead. */
    private static final double MAX_EXPONENT = 600;
    /** Below this total, weights start to lose precision in subnormals; rebuild with a lower shift. */
    private static final double MIN_TOTAL = 0x1.0p-600;
    /** Bounds of the importance weights (DESIGN.md, step 4). */
    static final double MIN_WEIGHT = 0.1;
    static final double MAX_WEIGHT = 10;

    private final int n;
    private double beta;
    private final double momentum;
    private final double[] losses;
    /** Bit i: case i has been visited, so its loss is a measurement, not the initial placeholder. */
    private final long[] visited;
    private final SumTree tree;
    private final Xoshiro256StarStar rng;
    private final long[] drawn;
    private double shift;
    private double floorSumCache = Double.NaN;

    /**
     * A sampler over {@code n} cases whose stale losses start as {@code options} says.
     *
     * @param n    number of training cases (or patches, slices), at least 1
     * @param beta robustness: 0 is uniform sampling (ERM); the paper uses 100 and tried 10 to 1000
     * @throws IllegalArgumentException if {@code n < 1}, {@code beta} is negative or not finite, or the given
     *                                  initial losses do not number {@code n}
     */
    public HardnessWeightedSampler(int n, double beta, SamplerOptions options) {
        this(n, beta, options.momentum(), initialLosses(n, options), Double.NaN,
                Xoshiro256StarStar.seeded(options.seed()));
    }

    /** Used by the constructor and by {@link SamplerState}; a NaN shift means "the largest loss". */
    HardnessWeightedSampler(int n, double beta, double momentum, double[] losses, double shift,
            Xoshiro256StarStar rng) {
        this(n, beta, momentum, losses, new long[(Math.max(n, 0) + 63) >>> 6], shift, rng);
    }

    /** Used by {@link SamplerState}: {@code visited} has bit i set for every case visited so far. */
    HardnessWeightedSampler(int n, double beta, double momentum, double[] losses, long[] visited, double shift,
            Xoshiro256StarStar rng) {
        if (n < 1) {
            throw new IllegalArgumentException("the sampler needs at least one case, not " + n);
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and >= 0, not " + beta);
        }
        if (losses.length != n) {
            throw new IllegalArgumentException("expected " + n + " initial losses, got " + losses.length);
        }
        this.n = n;
        this.beta = beta;
        this.momentum = momentum;
        this.losses = losses;
        if (visited.length != (n + 63) >>> 6) {
            throw new IllegalArgumentException("the visited set has " + visited.length + " words for " + n
                    + " cases");
        }
        this.visited = visited;
        this.tree = new SumTree(n);
        this.rng = rng;
        this.drawn = new long[(n + 63) >>> 6];
        if (Double.isNaN(shift)) {
            rebuild();
        } else {
            rebuildAt(shift);
            if (!(tree.total() >= MIN_TOTAL) || Double.isInfinite(tree.total())) {
                throw new IllegalArgumentException("the shift " + shift + " does not fit the losses");
            }
        }
    }

    private static double[] initialLosses(int n, SamplerOptions options) {
        double[] given = options.initialLosses();
        if (given != null || n < 1) {
            return given == null ? new double[0] : given;
        }
        // A generator of its own, so that the batches drawn later do not depend on the noise setting.
        Xoshiro256StarStar noise = Xoshiro256StarStar.seeded(~options.seed());
        double sd = options.initialNoise() * Math.abs(options.initialLoss());
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = options.initialLoss() + (sd == 0 ? 0 : sd * noise.nextGaussian());
        }
        return values;
    }

    /**
     * Draws {@code b} distinct cases, in draw order, from the floored softmax distribution without replacement
     * (see the class description). Expected cost O(b log n), plus O(n) only after a rebuild.
     *
     * @throws IllegalArgumentException unless {@code 1 <= b <= n}
     */
    public int[] nextBatch(int b) {
        if (b < 1 || b > n) {
            throw new IllegalArgumentException("batch size must be between 1 and the number of cases (" + n
                    + "), not " + b);
        }
        double threshold = FLOOR * tree.total() / n;
        int[] batch = new int[b];
        double[] saved = new double[b];
        int k = 0;
        try {
            for (; k < b; k++) {
                int i = drawOne(threshold, n - k);
                batch[k] = i;
                saved[k] = tree.leaf(i);
                drawn[i >>> 6] |= 1L << i;
                tree.set(i, 0);
            }
        } finally {
            // Restoring every leaf recomputes the same sums, so the tree is bit-identical to before the batch.
            for (int j = k - 1; j >= 0; j--) {
                tree.set(batch[j], saved[j]);
                drawn[batch[j] >>> 6] &= ~(1L << batch[j]);
            }
        }
        return batch;
    }

    private int drawOne(double threshold, int remaining) {
        while (true) {
            double treeMass = tree.total();
            double u = rng.nextDouble() * (treeMass + remaining * threshold);
            int i;
            if (u < treeMass) {
                i = tree.find(u);
                if (tree.leaf(i) == 0) {
                    continue; // only reachable through rounding at an interval edge
                }
            } else {
                // Uniform over the remaining cases. Only the index is redrawn: restarting the whole proposal here
                // would shrink the uniform component by (n - k) / n and bias the floor.
                do {
                    i = rng.nextInt(n);
                } while ((drawn[i >>> 6] & (1L << i)) != 0);
            }
            double e = tree.leaf(i);
            double accept = Math.max(e, threshold) / (e + threshold);
            if (accept >= 1 || rng.nextDouble() < accept) {
                return i;
            }
        }
    }

    /**
     * The importance weights {@code w_k = exp(beta (1 - momentum) (losses[k] - L[batch[k]]))}, clipped to
     * [0.1, 10] (DESIGN.md step 4; the reference implementation's {@code get_importance_sampling_weights}, plus
     * the clipping). They estimate how much more (or less) likely the case would have been drawn had its stale
     * loss been up to date, and multiply the per-case losses before the mean. Call before {@link #update}, which
     * changes {@code L}. With {@code beta = 0} every weight is 1.
     *
     * @throws IllegalArgumentException on mismatched lengths, an index out of range, or a non-finite loss
     */
    public double[] importanceWeights(int[] batch, double[] batchLosses) {
        checkBatch(batch, batchLosses);
        double factor = beta * (1 - momentum);
        double[] w = new double[batch.length];
        for (int k = 0; k < batch.length; k++) {
            double exponent = factor * (batchLosses[k] - losses[batch[k]]);
            // factor == 0 with an infinite difference would be NaN; the weight is then 1 by definition.
            double raw = factor == 0 ? 1 : StrictMath.exp(exponent);
            w[k] = Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, raw));
        }
        return w;
    }

    /**
     * Moves the stale losses of the batch towards their new values:
     * {@code L[i] <- momentum * L[i] + (1 - momentum) * l}, except on a case's first visit, which replaces the
     * initial placeholder with {@code l} (with a high momentum the placeholder would otherwise dominate a case's loss
     * for many visits; with momentum 0, the paper's default, the two rules agree). Nothing changes if an argument is
     * refused.
     *
     * @throws IllegalArgumentException on mismatched lengths, an index out of range, or a NaN or infinite loss
     */
    public void update(int[] batch, double[] batchLosses) {
        checkBatch(batch, batchLosses);
        boolean rebuild = false;
        for (int k = 0; k < batch.length; k++) {
            int i = batch[k];
            boolean first = (visited[i >>> 6] & (1L << i)) == 0;
            // The first visit replaces the initial placeholder: averaging it in would keep every case's loss near
            // the placeholder for many visits when the momentum is high.
            losses[i] = first ? batchLosses[k] : momentum * losses[i] + (1 - momentum) * batchLosses[k];
            visited[i >>> 6] |= 1L << i;
            double exponent = beta * (losses[i] - shift);
            if (exponent > MAX_EXPONENT) {
                rebuild = true;
            } else if (!rebuild) {
                tree.set(i, weight(i));
            }
        }
        if (rebuild || tree.total() < MIN_TOTAL) {
            rebuild();
        }
        floorSumCache = Double.NaN;
    }

    /**
     * The probability that case {@code i} is the first case of the next batch, {@code q_i} of the class
     * description. O(n) on the first call after an update (the floored normaliser is then recomputed), O(1) after.
     */
    public double probability(int i) {
        checkIndex(i);
        return Math.max(tree.leaf(i), threshold()) / floorSum();
    }

    /** All {@link #probability(int)} values, in O(n); they sum to 1 up to rounding. */
    public double[] probabilities() {
        double t = threshold();
        double sum = floorSum();
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = Math.max(tree.leaf(i), t) / sum;
        }
        return q;
    }

    /**
     * The effective number of cases the sampler draws from, {@code exp(H(q))}, the exponential of the entropy of
     * the first draw's distribution: {@code n} for uniform sampling (ERM), 1 when one case has all the
     * probability. Its share of {@code n} is {@code exp(-KL(q || uniform))}, so it reads directly as the radius of
     * the KL ball the robust objective ranges over, and says what {@code beta} means for the current losses,
     * whatever their scale. O(n).
     */
    public double effectiveCases() {
        return EffectiveShare.effectiveCases(probabilities());
    }

    /**
     * Changes {@code beta} (the constrained form, {@link EffectiveShare}, sets it from the current losses); the
     * next batch is drawn from the new distribution. O(n).
     *
     * @throws IllegalArgumentException if {@code beta} is negative or not finite
     */
    public void setBeta(double beta) {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and >= 0, not " + beta);
        }
        if (beta != this.beta) {
            this.beta = beta;
            rebuild();
        }
    }

    /** A copy of the stale losses, by case: the higher, the harder the model found the case when last seen. */
    public double[] losses() {
        return losses.clone();
    }

    /**
     * The {@code k} cases with the highest stale losses, hardest first (ties by index): the ranking Hardy shows
     * of the site's cases. O(n log n).
     *
     * @throws IllegalArgumentException unless {@code 0 <= k <= n}
     */
    public int[] hardestCases(int k) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("k must be between 0 and " + n + ", not " + k);
        }
        return IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -losses[i]).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    /** The stale loss of case {@code i}. */
    public double loss(int i) {
        checkIndex(i);
        return losses[i];
    }

    public int size() {
        return n;
    }

    public double beta() {
        return beta;
    }

    public double momentum() {
        return momentum;
    }

    /**
     * Writes the whole state (losses, beta, momentum, shift, generator) atomically to {@code file}, in the
     * format described by {@link SamplerState}.
     */
    public void save(Path file) throws IOException {
        SamplerState.save(this, file);
    }

    /**
     * A sampler that continues exactly where the saved one stopped: it draws the same batches as the original
     * would have.
     *
     * @throws IOException if the file cannot be read or is not a valid sampler state
     */
    public static HardnessWeightedSampler restore(Path file) throws IOException {
        return SamplerState.restore(file);
    }

    double shift() {
        return shift;
    }

    long[] generatorState() {
        return rng.state();
    }

    long[] visitedView() {
        return visited;
    }

    double[] lossesView() {
        return losses;
    }

    private double threshold() {
        return FLOOR * tree.total() / n;
    }

    /** {@code sum_j max(e_j, t)}, compensated (Neumaier) so that the probabilities sum to 1 to the last bits. */
    private double floorSum() {
        if (Double.isNaN(floorSumCache)) {
            double t = threshold();
            double sum = 0;
            double compensation = 0;
            for (int i = 0; i < n; i++) {
                double x = Math.max(tree.leaf(i), t);
                double s = sum + x;
                compensation += Math.abs(sum) >= x ? (sum - s) + x : (x - s) + sum;
                sum = s;
            }
            floorSumCache = sum + compensation;
        }
        return floorSumCache;
    }

    private double weight(int i) {
        // beta = 0 is exactly uniform; the product would be 0 anyway, but this also covers an infinite difference.
        return beta == 0 ? 1 : StrictMath.exp(beta * (losses[i] - shift));
    }

    private void rebuild() {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : losses) {
            max = Math.max(max, l);
        }
        rebuildAt(max);
    }

    private void rebuildAt(double newShift) {
        shift = newShift;
        for (int i = 0; i < n; i++) {
            tree.setLeafOnly(i, weight(i));
        }
        tree.rebuild();
        floorSumCache = Double.NaN;
    }

    private void checkBatch(int[] batch, double[] batchLosses) {
        if (batch.length != batchLosses.length) {
            throw new IllegalArgumentException(batch.length + " cases but " + batchLosses.length + " losses");
        }
        for (int k = 0; k < batch.length; k++) {
            checkIndex(batch[k]);
            if (!Double.isFinite(batchLosses[k])) {
                throw new IllegalArgumentException("loss of case " + batch[k] + " must be finite, not "
                        + batchLosses[k]);
            }
        }
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException("case index " + i + " is outside [0, " + n + ")");
        }
    }
}
