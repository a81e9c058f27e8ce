package hardy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void interpolatesLinearlyBetweenOrderStatisticsAsNumpyDoes() {
        double[] v = {4, 1, 3, 2, 10};
        // numpy.percentile([4, 1, 3, 2, 10], [0, 5, 10, 50, 95, 100]) = 1, 1.2, 1.4, 3, 8.8, 10
        assertThat(Percentiles.of(v, 0)).isEqualTo(1.0);
        assertThat(Percentiles.of(v, 5)).isCloseTo(1.2, within(1e-12));
        assertThat(Percentiles.of(v, 10)).isCloseTo(1.4, within(1e-12));
        assertThat(Percentiles.of(v, 50)).isEqualTo(3.0);
        assertThat(Percentiles.of(v, 95)).isCloseTo(8.8, within(1e-12));
        assertThat(Percentiles.of(v, 100)).isEqualTo(10.0);
        assertThat(v).containsExactly(4, 1, 3, 2, 10);
    }

    @Test
    void isNaNForNoValues() {
        assertThat(Percentiles.of(new double[0], 50)).isNaN();
    }
}
