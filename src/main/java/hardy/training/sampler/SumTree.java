package hardy.training.sampler;

/**
 * A complete binary sum tree over {@code n} non-negative weights, in one array of {@code 2n} doubles: leaves at
 * {@code [n, 2n)}, internal node {@code j} in {@code [1, n)} holding {@code node[2j] + node[2j+1]}, the root at 1.
 * Every index in {@code [2, 2n)} has the single parent {@code j/2}, so this is a full binary tree for any
 * {@code n}, not only powers of two; leaves sit at two depths at most, and no padding is needed.
 *
 * <p>Every internal node is always recomputed from its two children, never adjusted by a difference. A sum can
 * therefore never drift, go negative, or keep a remnant of a huge weight that was replaced by a tiny one, and a
 * tree is a pure function of its leaves: the same leaves give bit-identical sums however they were reached.
 * The sampler's exact resume relies on that.
 */
final class SumTree {

    private final int n;
    private final double[] node;

    SumTree(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a sum tree needs at least one leaf, not " + n);
        }
        this.n = n;
        this.node = new double[2 * n];
    }

    int size() {
        return n;
    }

    /** Sets leaf {@code i} without updating the sums; call {@link #rebuild()} after a series of these. */
    void setLeafOnly(int i, double weight) {
        node[n + i] = weight;
    }

    /** Recomputes every internal node from the leaves, in O(n). */
    void rebuild() {
        for (int j = n - 1; j >= 1; j--) {
            node[j] = node[2 * j] + node[2 * j + 1];
        }
    }

    /** Sets leaf {@code i} and recomputes its ancestors, in O(log n). */
    void set(int i, double weight) {
        int j = n + i;
        node[j] = weight;
        for (j >>= 1; j >= 1; j >>= 1) {
            node[j] = node[2 * j] + node[2 * j + 1];
        }
    }

    double leaf(int i) {
        return node[n + i];
    }

    /** The sum of all leaves. */
    double total() {
        return node[1];
    }

    /**
     * The leaf whose interval contains {@code u}, for {@code 0 <= u < total()}: leaf {@code i} is found with
     * probability {@code leaf(i) / total()} when {@code u} is uniform. Rounding at an interval's edge can land on
     * a neighbouring leaf, possibly one of weight zero; callers treat a zero-weight result as a miss and redraw.
     */
    int find(double u) {
        int j = 1;
        while (j < n) {
            double left = node[2 * j];
            if (u < left) {
                j = 2 * j;
            } else {
                u -= left;
                j = 2 * j + 1;
            }
        }
        return j - n;
    }
}
