package hardy.training.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The test statistics helper against known chi-square quantiles, so the sampler tests rest on solid ground. */
class ChiSquareTest {

    @Test
    void upperTailMatchesTabulatedQuantiles() {
        // Quantiles from standard tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.4).
        assertThat(ChiSquare.upperTail(3.841, 1)).isCloseTo(0.05, within(1e-4));
        assertThat(ChiSquare.upperTail(18.307, 10)).isCloseTo(0.05, within(1e-4));
        assertThat(ChiSquare.upperTail(29.588, 10)).isCloseTo(0.001, within(1e-5));
        assertThat(ChiSquare.upperTail(124.342, 100)).isCloseTo(0.05, within(1e-4));
        assertThat(ChiSquare.upperTail(2.0, 2)).isCloseTo(Math.exp(-1), within(1e-12));
    }

    @Test
    void logGammaMatchesFactorials() {
        assertThat(ChiSquare.logGamma(1)).isCloseTo(0, within(1e-13));
        assertThat(ChiSquare.logGamma(11)).isCloseTo(Math.log(3628800), within(1e-12));
        assertThat(ChiSquare.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-13));
    }

    @Test
    void pooledCellsKeepTheTotal() {
        ChiSquare.Result result = ChiSquare.test(new long[] {50, 48, 1, 1}, new double[] {0.5, 0.48, 0.01, 0.01});
        assertThat(result.pooledCells()).isEqualTo(2);
        assertThat(result.degreesOfFreedom()).isEqualTo(2);
        assertThat(result.statistic()).isCloseTo(0, within(1e-9));
    }
}
