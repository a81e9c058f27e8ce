package hardy.training.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EffectiveShareTest {

    private static double[] losses(int n, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] l = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = scale * (0.5 + random.nextDouble());
        }
        return l;
    }

    @Test
    void theBetaFoundGivesTheRequestedEffectiveShare() {
        for (double share : new double[] {0.9, 0.5, 0.2, 0.05}) {
            double[] l = losses(200, 1, 4);
            double beta = EffectiveShare.betaFor(l, share);
            assertThat(beta).isPositive().isLessThan(EffectiveShare.MAX_BETA);
            assertThat(EffectiveShare.effectiveCases(l, beta)).as("share %s", share)
                    .isCloseTo(share * 200, within(1e-4 * 200));
        }
    }

    @Test
    void theShareDoesNotDependOnTheLossScaleButBetaDoes() {
        double[] l = losses(50, 1, 7);
        double[] scaled = l.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = 10 * scaled[i] + 3;
        }
        double beta = EffectiveShare.betaFor(l, 0.5);
        assertThat(EffectiveShare.betaFor(scaled, 0.5)).isCloseTo(beta / 10, within(1e-6 * beta));
    }

    @Test
    void uniformWhenAllCasesAreAllowedOrTheLossesAreEqual() {
        assertThat(EffectiveShare.betaFor(losses(10, 1, 1), 1)).isZero();
        assertThat(EffectiveShare.betaFor(new double[] {2, 2, 2}, 0.5)).isZero();
        assertThat(EffectiveShare.effectiveCases(new double[] {1, 5, 9}, 0)).isCloseTo(3, within(1e-12));
    }

    @Test
    void theSamplersEffectiveNumberIsTheSameQuantity() {
        double[] l = losses(30, 1, 9);
        double beta = EffectiveShare.betaFor(l, 0.3);
        HardnessWeightedSampler sampler = new HardnessWeightedSampler(30, 0, SamplerOptions.defaults()
                .withInitialLosses(l));
        assertThat(sampler.effectiveCases()).isCloseTo(30, within(1e-9));
        sampler.setBeta(beta);
        assertThat(sampler.effectiveCases()).isCloseTo(9, within(1e-6));
    }

    @Test
    void refusesAShareOutsideZeroToOne() {
        assertThatThrownBy(() -> EffectiveShare.betaFor(new double[] {1, 2}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> EffectiveShare.betaFor(new double[] {1, 2}, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
