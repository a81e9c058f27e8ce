package hardy.training.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.training.sampler.ExactBatchDistribution.Floor;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chi-square goodness of fit of drawn batches against the exact probabilities of every ordered batch, computed
 * independently by {@link ExactBatchDistribution}. Fixed seeds, so each test is deterministic; a correct sampler
 * fails one of them with probability 1e-3 over the choice of seed. The floor test also checks that the same draws
 * are rejected against off-by-one and mixture variants of the floor, which shows the test would catch them.
 */
class SamplingDistributionTest {

    private static final Logger LOG = LoggerFactory.getLogger(SamplingDistributionTest.class);
    private static final double ACCEPT_P = 1e-3;
    private static final double REJECT_P = 1e-6;

    @Test
    void batchesFollowSequentialSamplingWithoutReplacement() {
        double[] losses = {0.0, 0.5, 1.0, 1.5, 2.0};
        ChiSquare.Result result = fit(losses, 1.0, 3, 200_000, 11L, Floor.PAPER);
        assertThat(result.pValue()).as("%s", result).isGreaterThan(ACCEPT_P);
    }

    @Test
    void betaZeroIsUniformOverOrderedBatches() {
        double[] losses = {0.1, 5, 0.3, 2, 9, 0.0, 1, 7};
        ChiSquare.Result result = fit(losses, 0.0, 2, 100_000, 12L, Floor.PAPER);
        assertThat(result.pValue()).as("%s", result).isGreaterThan(ACCEPT_P);
        double[] q = new HardnessWeightedSampler(8, 0.0, SamplerOptions.defaults().withInitialLosses(losses))
                .probabilities();
        for (double p : q) {
            assertThat(p).isEqualTo(1.0 / 8);
        }
    }

    /**
     * One dominant case and five whose softmax is 0.5, 0.9, 1.1, 2 and 4 times the floor {@code 1e-4/n}: once the
     * dominant case is drawn, the second draw is decided by the floor alone, so the rule shows at full strength.
     */
    @Test
    void floorIsThePapersAndWrongFloorsAreRejected() {
        int n = 6;
        double beta = 100;
        double eps = 1e-4 / n;
        double[] ratios = {0.5, 0.9, 1.1, 2, 4};
        double[] losses = new double[n];
        double rest = 0;
        for (int i = 1; i < n; i++) {
            losses[i] = Math.log(ratios[i - 1] * eps) / beta;
            rest += ratios[i - 1] * eps;
        }
        losses[0] = Math.log(1 - rest) / beta;

        Map<Floor, ChiSquare.Result> results = fitAll(losses, beta, 2, 200_000, 13L);
        assertThat(results.get(Floor.PAPER).pValue()).as("%s", results.get(Floor.PAPER)).isGreaterThan(ACCEPT_P);
        for (Floor wrong : new Floor[] {Floor.N_MINUS_ONE, Floor.N_PLUS_ONE, Floor.MIXTURE, Floor.NONE}) {
            assertThat(results.get(wrong).pValue()).as("%s: %s", wrong, results.get(wrong)).isLessThan(REJECT_P);
        }
    }

    @Test
    void extremeLossesAndBetaThousandFollowTheExactDistribution() {
        double[] losses = {1e6, 1e6 - 1e-3, 1e6 - 2e-3, 1e3, 1, 1e-6};
        ChiSquare.Result result = fit(losses, 1000, 3, 200_000, 14L, Floor.PAPER);
        assertThat(result.pValue()).as("%s", result).isGreaterThan(ACCEPT_P);
    }

    private static ChiSquare.Result fit(double[] losses, double beta, int b, int draws, long seed, Floor floor) {
        return fitAll(losses, beta, b, draws, seed).get(floor);
    }

    /** Draws once, then tests the same counts against every floor rule. */
    private static Map<Floor, ChiSquare.Result> fitAll(double[] losses, double beta, int b, int draws, long seed) {
        int n = losses.length;
        var sampler = new HardnessWeightedSampler(n, beta,
                SamplerOptions.defaults().withInitialLosses(losses).withSeed(seed));
        long[] counts = new long[(int) Math.pow(n, b)];
        for (int d = 0; d < draws; d++) {
            counts[ExactBatchDistribution.code(sampler.nextBatch(b), n)]++;
        }
        Map<Floor, ChiSquare.Result> results = new EnumMap<>(Floor.class);
        double[] softmax = ExactBatchDistribution.softmax(losses, beta);
        for (Floor floor : Floor.values()) {
            double[] expected = ExactBatchDistribution.orderedBatchProbabilities(floor.apply(softmax), b);
            ChiSquare.Result result = ChiSquare.test(counts, expected);
            results.put(floor, result);
            LOG.info("n={} b={} beta={} draws={} seed={} floor={}: {}", n, b, beta, draws, seed, floor, result);
        }
        return results;
    }
}
