package hardy.training.sampler;

/**
 * The xoshiro256** generator of Blackman and Vigna (<i>Scrambled linear pseudorandom number generators</i>,
 * ACM TOMS 47(4), 2021; <a href="https://prng.di.unimi.it/">prng.di.unimi.it</a>), seeded with SplitMix64 as its
 * authors recommend.
 *
 * <p>Written here instead of using {@code java.util.random} because a training checkpoint must capture the
 * generator exactly: the four 64-bit words of {@link #state()} are the whole state, and
 * {@link #fromState(long[])} continues the same sequence. Period 2<sup>256</sup>&minus;1, 256-bit state, passes
 * BigCrush; not thread-safe and not for cryptography.
 */
final class Xoshiro256StarStar {

    private long s0;
    private long s1;
    private long s2;
    private long s3;

    private Xoshiro256StarStar(long s0, long s1, long s2, long s3) {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
    }

    /** A generator whose state is four consecutive SplitMix64 outputs from {@code seed}. */
    static Xoshiro256StarStar seeded(long seed) {
        long x = seed;
        long[] s = new long[4];
        for (int i = 0; i < 4; i++) {
            x += 0x9E3779B97F4A7C15L;
            s[i] = splitMix64Mix(x);
        }
        // SplitMix64 is a bijection of its counter, and four consecutive counters cannot all map to zero.
        return new Xoshiro256StarStar(s[0], s[1], s[2], s[3]);
    }

    /**
     * A generator that continues from a saved {@link #state()}.
     *
     * @throws IllegalArgumentException unless there are four words, not all zero (the one invalid state)
     */
    static Xoshiro256StarStar fromState(long[] state) {
        if (state.length != 4) {
            throw new IllegalArgumentException("xoshiro256** state has 4 words, not " + state.length);
        }
        if ((state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("xoshiro256** state must not be all zero");
        }
        return new Xoshiro256StarStar(state[0], state[1], state[2], state[3]);
    }

    /** A copy of the four state words; {@link #fromState(long[])} of it reproduces every later output. */
    long[] state() {
        return new long[] {s0, s1, s2, s3};
    }

    /** The next 64 random bits. */
    long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** A uniform double in [0, 1): the top 53 bits, so every value is a multiple of 2<sup>-53</sup>. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * A uniform int in [0, bound), without modulo bias: 31-bit values at or above the largest multiple of
     * {@code bound} are redrawn.
     */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long limit = ((1L << 31) / bound) * bound;
        long r;
        do {
            r = nextLong() >>> 33;
        } while (r >= limit);
        return (int) (r % bound);
    }

    /** A standard normal variate (Marsaglia's polar method; the second variate of each pair is discarded). */
    double nextGaussian() {
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }

    private static long splitMix64Mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
