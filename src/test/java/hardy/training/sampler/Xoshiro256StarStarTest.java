package hardy.training.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Xoshiro256StarStarTest {

    @Test
    void matchesTheReferenceOutputsForStateOneTwoThreeFour() {
        // Outputs of the authors' C code (prng.di.unimi.it/xoshiro256starstar.c) from s = {1, 2, 3, 4}.
        var g = Xoshiro256StarStar.fromState(new long[] {1, 2, 3, 4});
        assertThat(g.nextLong()).isEqualTo(11520L);
        assertThat(g.nextLong()).isEqualTo(0L);
        assertThat(g.nextLong()).isEqualTo(1509978240L);
        assertThat(g.nextLong()).isEqualTo(1215971899390074240L);
    }

    @Test
    void seedingUsesSplitMix64() {
        // SplitMix64 from 0: the first output is 0xE220A8397B1DCDAF (Steele, Lea and Flood's test value).
        assertThat(Xoshiro256StarStar.seeded(0).state()[0]).isEqualTo(0xE220A8397B1DCDAFL);
    }

    @Test
    void savedStateContinuesTheSameSequence() {
        var g = Xoshiro256StarStar.seeded(99);
        for (int i = 0; i < 10; i++) {
            g.nextLong();
        }
        var copy = Xoshiro256StarStar.fromState(g.state());
        for (int i = 0; i < 100; i++) {
            assertThat(copy.nextLong()).isEqualTo(g.nextLong());
        }
    }

    @Test
    void boundedValuesStayInRange() {
        var g = Xoshiro256StarStar.seeded(3);
        for (int i = 0; i < 10_000; i++) {
            assertThat(g.nextInt(7)).isBetween(0, 6);
            assertThat(g.nextDouble()).isGreaterThanOrEqualTo(0).isLessThan(1);
        }
        assertThat(g.nextInt(1)).isZero();
    }

    @Test
    void refusesTheAllZeroState() {
        assertThatThrownBy(() -> Xoshiro256StarStar.fromState(new long[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all zero");
    }
}
