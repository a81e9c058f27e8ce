package hardy.training.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SumTreeTest {

    @Test
    void findReturnsTheLeafWhoseIntervalHoldsTheValue() {
        // Five leaves: not a power of two, so leaves sit at two depths.
        SumTree tree = new SumTree(5);
        double[] w = {1, 0, 2, 3, 4};
        for (int i = 0; i < w.length; i++) {
            tree.set(i, w[i]);
        }
        assertThat(tree.total()).isEqualTo(10);
        long[] hits = new long[5];
        for (int k = 0; k < 1000; k++) {
            hits[tree.find((k + 0.5) / 100)]++;
        }
        assertThat(hits).containsExactly(100, 0, 200, 300, 400);
    }

    @Test
    void incrementalUpdatesEqualARebuildBitForBit() {
        SumTree incremental = new SumTree(7);
        SumTree rebuilt = new SumTree(7);
        double[] w = {1e300, 3e-300, 0.1, 7, 0, 1e-5, 2.5};
        for (int i = 0; i < w.length; i++) {
            incremental.set(i, 1e308);
            incremental.set(i, w[i]);
            rebuilt.setLeafOnly(i, w[i]);
        }
        rebuilt.rebuild();
        assertThat(incremental.total()).isEqualTo(rebuilt.total());
        // A huge weight replaced by a small one leaves no remnant, as a difference update would.
        incremental.set(0, 1.0);
        assertThat(incremental.total()).isCloseTo(10.60001, within(1e-14));
    }

    @Test
    void aSingleLeafIsItsOwnRoot() {
        SumTree tree = new SumTree(1);
        tree.set(0, 0.25);
        assertThat(tree.total()).isEqualTo(0.25);
        assertThat(tree.find(0.1)).isZero();
    }
}
