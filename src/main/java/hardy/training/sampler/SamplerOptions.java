package hardy.training.sampler;

import java.util.Arrays;

/**
 * The optional settings of a {@link HardnessWeightedSampler}, immutable; each {@code with...} method returns a
 * changed copy.
 *
 * <pre>{@code
 * SamplerOptions options = SamplerOptions.defaults().withMomentum(0.9).withSeed(42);
 * }</pre>
 *
 * <p>Defaults: momentum 0 (the stale loss of a case is replaced by its newest loss, as in the reference
 * implementation), initial loss 2.0 (about the largest value of Dice + cross-entropy, so every case starts out
 * "hard" and is visited early), relative initial noise 10<sup>-3</sup> (the reference implementation's Gaussian
 * noise of standard deviation {@code 0.001 * initialLoss}, which breaks ties), seed 0.
 */
public final class SamplerOptions {

    private static final SamplerOptions DEFAULTS = new SamplerOptions(0.0, 2.0, 1e-3, null, 0L);

    private final double momentum;
    private final double initialLoss;
    private final double initialNoise;
    private final double[] initialLosses;
    private final long seed;

    private SamplerOptions(double momentum, double initialLoss, double initialNoise, double[] initialLosses,
            long seed) {
        this.momentum = momentum;
        this.initialLoss = initialLoss;
        this.initialNoise = initialNoise;
        this.initialLosses = initialLosses;
        this.seed = seed;
    }

    /** Momentum 0, initial loss 2.0 with relative noise 10<sup>-3</sup>, seed 0. */
    public static SamplerOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The momentum {@code m} of the stale-loss update {@code L[i] <- m * L[i] + (1 - m) * l[i]}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= m < 1} (at 1 the losses would never change)
     */
    public SamplerOptions withMomentum(double m) {
        if (!(m >= 0 && m < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), not " + m);
        }
        return new SamplerOptions(m, initialLoss, initialNoise, initialLosses, seed);
    }

    /**
     * The constant every stale loss starts from, before noise; ignored when {@link #withInitialLosses} is set.
     *
     * @throws IllegalArgumentException if the value is not finite
     */
    public SamplerOptions withInitialLoss(double loss) {
        requireFinite(loss, "initial loss");
        return new SamplerOptions(momentum, loss, initialNoise, initialLosses, seed);
    }

    /**
     * The standard deviation of the Gaussian noise added to the initial loss, relative to its magnitude
     * ({@code sd = noise * |initialLoss|}); 0 starts every case at exactly the same value.
     *
     * @throws IllegalArgumentException if negative or not finite
     */
    public SamplerOptions withInitialNoise(double relativeNoise) {
        if (!(relativeNoise >= 0) || Double.isInfinite(relativeNoise)) {
            throw new IllegalArgumentException("initial noise must be finite and >= 0, not " + relativeNoise);
        }
        return new SamplerOptions(momentum, initialLoss, relativeNoise, initialLosses, seed);
    }

    /**
     * Starts from these stale losses (for example a previous run's {@link HardnessWeightedSampler#losses()})
     * instead of a noisy constant. The array is copied; its length must equal the sampler's {@code n}.
     *
     * @throws IllegalArgumentException if a value is NaN or infinite
     */
    public SamplerOptions withInitialLosses(double[] losses) {
        for (int i = 0; i < losses.length; i++) {
            requireFinite(losses[i], "initial loss " + i);
        }
        return new SamplerOptions(momentum, initialLoss, initialNoise, losses.clone(), seed);
    }

    /** The seed of the sampler's random generator (and of the initial noise). */
    public SamplerOptions withSeed(long newSeed) {
        return new SamplerOptions(momentum, initialLoss, initialNoise, initialLosses, newSeed);
    }

    public double momentum() {
        return momentum;
    }

    public double initialLoss() {
        return initialLoss;
    }

    public double initialNoise() {
        return initialNoise;
    }

    /** A copy of the given initial losses, or {@code null} when the noisy constant is used. */
    public double[] initialLosses() {
        return initialLosses == null ? null : initialLosses.clone();
    }

    public long seed() {
        return seed;
    }

    static void requireFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite, not " + value);
        }
    }

    @Override
    public String toString() {
        return "SamplerOptions[momentum=" + momentum + ", initialLoss=" + initialLoss + ", initialNoise="
                + initialNoise + ", initialLosses=" + (initialLosses == null ? "none" : initialLosses.length
                + " values") + ", seed=" + seed + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SamplerOptions other && Double.compare(momentum, other.momentum) == 0
                && Double.compare(initialLoss, other.initialLoss) == 0
                && Double.compare(initialNoise, other.initialNoise) == 0
                && Arrays.equals(initialLosses, other.initialLosses) && seed == other.seed;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(momentum) * 31 + Double.hashCode(initialLoss) * 17 + Arrays.hashCode(initialLosses)
                + Long.hashCode(seed) + Double.hashCode(initialNoise) * 7;
    }
}
