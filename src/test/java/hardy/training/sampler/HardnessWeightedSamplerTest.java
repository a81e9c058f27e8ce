package hardy.training.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import hardy.training.sampler.ExactBatchDistribution.Floor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HardnessWeightedSamplerTest {

    private static HardnessWeightedSampler sampler(double beta, double... losses) {
        return new HardnessWeightedSampler(losses.length, beta, SamplerOptions.defaults().withInitialLosses(losses));
    }

    private static void assertMatchesFlooredSoftmax(HardnessWeightedSampler s, double[] losses, double beta) {
        double[] expected = Floor.PAPER.apply(ExactBatchDistribution.softmax(losses, beta));
        double[] actual = s.probabilities();
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("case %d", i).isFinite().isCloseTo(expected[i], within(1e-12 * expected[i]));
            assertThat(s.probability(i)).isEqualTo(actual[i]);
            sum += actual[i];
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 1, 10, 100, 1000})
    void probabilitiesAreTheFlooredSoftmax(double beta) {
        SplittableRandom random = new SplittableRandom(5);
        double[] losses = random.doubles(50, 0, 2).toArray();
        assertMatchesFlooredSoftmax(sampler(beta, losses), losses, beta);
    }

    @Test
    void lossesFromOneMillionthToOneMillionWithBetaThousandStayFinite() {
        int n = 1000;
        double[] losses = new double[n];
        for (int i = 0; i < n; i++) {
            losses[i] = Math.pow(10, -6 + 12.0 * i / (n - 1));
        }
        HardnessWeightedSampler s = sampler(1000, losses);
        assertMatchesFlooredSoftmax(s, losses, 1000);

        // Updates that move the maximum far up and then far down force both kinds of rebuild.
        SplittableRandom random = new SplittableRandom(6);
        for (int step = 0; step < 200; step++) {
            int[] batch = s.nextBatch(4);
            assertThat(Arrays.stream(batch).distinct().count()).isEqualTo(4);
            double[] l = new double[4];
            for (int k = 0; k < 4; k++) {
                l[k] = Math.pow(10, random.nextDouble(-6, 7));
            }
            double[] w = s.importanceWeights(batch, l);
            for (double x : w) {
                assertThat(x).isBetween(0.1, 10.0);
            }
            s.update(batch, l);
        }
        assertMatchesFlooredSoftmax(s, s.losses(), 1000);
    }

    @Test
    void aLossAboveTheShiftAndAllLossesFallingKeepTheDistributionExact() {
        HardnessWeightedSampler s = sampler(1000, 1, 1, 1, 1);
        s.update(new int[] {2}, new double[] {1e6});
        assertMatchesFlooredSoftmax(s, s.losses(), 1000);
        s.update(new int[] {0, 1, 2, 3}, new double[] {-5e5, -5e5 - 1e-3, -5e5 - 2e-3, -6e5});
        assertMatchesFlooredSoftmax(s, s.losses(), 1000);
        // Case 3 is floored at 1e-4 / 4, which takes that much mass from the others after renormalisation. The
        // gaps are 1e-3 only up to the rounding of -5e5 - 1e-3 (3e-11), hence the tolerance.
        double softmax0 = 1 / (1 + Math.exp(-1) + Math.exp(-2));
        assertThat(s.probability(0)).isCloseTo(softmax0 / (1 + 1e-4 / 4), within(1e-7));
    }

    @Test
    void raisingOneLossRaisesItsProbabilityMonotonically() {
        HardnessWeightedSampler s = sampler(10, 0.5, 0.4, 0.3, 0.2, 0.1);
        double previous = s.probability(4);
        double[] others = {s.probability(0), s.probability(1)};
        for (double loss = 0.15; loss < 3; loss += 0.05) {
            s.update(new int[] {4}, new double[] {loss});
            assertThat(s.probability(4)).isGreaterThan(previous);
            previous = s.probability(4);
            assertThat(s.probability(0)).isLessThanOrEqualTo(others[0]);
            others[0] = s.probability(0);
        }
        assertThat(previous).isGreaterThan(0.99);
    }

    @Test
    void hardestCasesRankTheStaleLosses() {
        HardnessWeightedSampler s = sampler(100, 0.3, 1.5, 0.3, 2.0, 0.1);
        assertThat(s.hardestCases(3)).containsExactly(3, 1, 0);
        assertThat(s.hardestCases(5)).containsExactly(3, 1, 0, 2, 4);
        assertThat(s.hardestCases(0)).isEmpty();
        assertThatThrownBy(() -> s.hardestCases(6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFirstVisitReplacesThePlaceholderAndLaterVisitsApplyTheMomentum() {
        var s = new HardnessWeightedSampler(3, 100, SamplerOptions.defaults().withMomentum(0.75)
                .withInitialLosses(new double[] {2, 2, 2}));
        s.update(new int[] {1, 2}, new double[] {1, 0});
        assertThat(s.losses()).containsExactly(2, 1, 0);
        s.update(new int[] {2, 1}, new double[] {0.5, 3});
        assertThat(s.losses()).containsExactly(2, 0.75 * 1 + 0.25 * 3, 0.75 * 0 + 0.25 * 0.5);
    }

    @Test
    void importanceWeightsFollowTheFormulaAndAreClipped() {
        var s = new HardnessWeightedSampler(4, 100, SamplerOptions.defaults().withMomentum(0.9)
                .withInitialLosses(new double[] {1, 1, 1, 1}));
        // beta (1 - m) = 10: exponents 10 * (l - 1).
        double[] w = s.importanceWeights(new int[] {0, 1, 2, 3}, new double[] {1.1, 0.95, 2, 0});
        assertThat(w[0]).isCloseTo(Math.exp(1.0), within(1e-12));
        assertThat(w[1]).isCloseTo(Math.exp(-0.5), within(1e-12));
        assertThat(w[2]).isEqualTo(10);
        assertThat(w[3]).isEqualTo(0.1);
        assertThat(s.losses()).containsOnly(1);

        double[] uniform = sampler(0, 1, 5).importanceWeights(new int[] {0, 1}, new double[] {1e300, -1e300});
        assertThat(uniform).containsExactly(1, 1);
    }

    @Test
    void initialLossesAreTheConstantWithTinyNoise() {
        var s = new HardnessWeightedSampler(10_000, 100, SamplerOptions.defaults().withSeed(3));
        double[] l = s.losses();
        double mean = Arrays.stream(l).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(l).map(x -> (x - mean) * (x - mean)).sum() / (l.length - 1));
        assertThat(mean).isCloseTo(2.0, within(1e-4));
        assertThat(sd).isCloseTo(0.002, within(1e-4));

        var exact = new HardnessWeightedSampler(3, 100, SamplerOptions.defaults().withInitialLoss(1.5)
                .withInitialNoise(0));
        assertThat(exact.losses()).containsOnly(1.5);
    }

    @Test
    void degenerateSizesWork() {
        assertThat(sampler(100, 3.0).nextBatch(1)).containsExactly(0);
        assertThat(sampler(100, 3.0).probability(0)).isEqualTo(1.0);
        int[] all = sampler(1000, 0.1, 2, 0.3, 0.5, 4, 0).nextBatch(6);
        assertThat(all).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        HardnessWeightedSampler s = sampler(10, 1, 2, 3);
        assertThatThrownBy(() -> s.nextBatch(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 1 and the number of cases (3)");
        assertThatThrownBy(() -> s.nextBatch(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.update(new int[] {0, 1}, new double[] {0.5, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss of case 1");
        assertThat(s.losses()).as("a refused update changes nothing").containsExactly(1, 2, 3);
        assertThatThrownBy(() -> s.update(new int[] {0}, new double[] {Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.importanceWeights(new int[] {0}, new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.update(new int[] {3}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside [0, 3)");
        assertThatThrownBy(() -> s.update(new int[] {0, 1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 cases but 1 losses");
        assertThatThrownBy(() -> new HardnessWeightedSampler(0, 1, SamplerOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one case");
        assertThatThrownBy(() -> new HardnessWeightedSampler(3, -1, SamplerOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta");
        assertThatThrownBy(() -> new HardnessWeightedSampler(3, Double.NaN, SamplerOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta");
        assertThatThrownBy(() -> new HardnessWeightedSampler(4, 1,
                SamplerOptions.defaults().withInitialLosses(new double[] {1, 2, 3})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 4 initial losses");
        assertThatThrownBy(() -> SamplerOptions.defaults().withInitialLosses(new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SamplerOptions.defaults().withMomentum(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("momentum");
    }

    @Test
    void drawingABatchLeavesTheDistributionUnchanged() {
        HardnessWeightedSampler s = sampler(50, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
        double[] before = s.probabilities();
        for (int k = 0; k < 100; k++) {
            s.nextBatch(3);
        }
        assertThat(s.probabilities()).containsExactly(before);
    }
}
