package hardy.training.sampler;

import java.util.ArrayList;
import java.util.List;

/**
 * Pearson's chi-square goodness-of-fit test, written out for the sampler tests: the statistic over cells with
 * exact expected probabilities, and its p-value from the regularised upper incomplete gamma function
 * {@code Q(df/2, x/2)} (series and Lentz continued fraction, as in any numerical analysis text).
 */
final class ChiSquare {

    /** Cells whose expected count is below this are pooled into one, so the chi-square approximation holds. */
    static final double MIN_EXPECTED = 5;

    /** The outcome of one test. */
    record Result(double statistic, int degreesOfFreedom, double pValue, int pooledCells) {
        @Override
        public String toString() {
            return String.format("chi2 = %.2f, df = %d, p = %.3g (%d cells pooled)", statistic, degreesOfFreedom,
                    pValue, pooledCells);
        }
    }

    private ChiSquare() {
    }

    /**
     * Tests observed counts against exact cell probabilities (which must sum to 1).
     *
     * @param observed      count per cell
     * @param probabilities exact probability per cell
     */
    static Result test(long[] observed, double[] probabilities) {
        long total = 0;
        for (long o : observed) {
            total += o;
        }
        List<double[]> cells = new ArrayList<>();
        double pooledExpected = 0;
        long pooledObserved = 0;
        int pooled = 0;
        for (int c = 0; c < observed.length; c++) {
            double expected = probabilities[c] * total;
            if (expected < MIN_EXPECTED) {
                pooledExpected += expected;
                pooledObserved += observed[c];
                pooled++;
            } else {
                cells.add(new double[] {observed[c], expected});
            }
        }
        if (pooled > 0) {
            cells.add(new double[] {pooledObserved, pooledExpected});
        }
        double statistic = 0;
        for (double[] cell : cells) {
            double d = cell[0] - cell[1];
            statistic += cell[1] == 0 ? (cell[0] == 0 ? 0 : Double.POSITIVE_INFINITY) : d * d / cell[1];
        }
        int df = cells.size() - 1;
        return new Result(statistic, df, upperTail(statistic, df), pooled);
    }

    /** P(X >= x) for X chi-square with {@code df} degrees of freedom. */
    static double upperTail(double x, int df) {
        if (Double.isInfinite(x)) {
            return 0;
        }
        return regularizedGammaQ(df / 2.0, x / 2.0);
    }

    static double regularizedGammaQ(double a, double x) {
        if (x <= 0) {
            return 1;
        }
        if (x < a + 1) {
            return 1 - lowerSeries(a, x);
        }
        return upperContinuedFraction(a, x);
    }

    private static double lowerSeries(double a, double x) {
        double term = 1 / a;
        double sum = term;
        for (int k = 1; k < 10_000; k++) {
            term *= x / (a + k);
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * 1e-16) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
    }

    private static double upperContinuedFraction(double a, double x) {
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
    }

    /** ln Gamma(x) for x > 0, Lanczos approximation (g = 7, 9 terms), relative error about 1e-15. */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double[] coefficients = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
            771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
            9.9843695780195716e-6, 1.5056327351493116e-7};
        double z = x - 1;
        double sum = coefficients[0];
        for (int i = 1; i < coefficients.length; i++) {
            sum += coefficients[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
