package hardy.training;

/**
 * Receives the outcome of every training iteration, on the training thread: a loss chart, a log line, the
 * hardest-case table of the UI. Implementations must be quick and must not keep the arrays beyond the call
 * unless they copy them.
 */
@FunctionalInterface
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = result -> { };

    /**
     * The outcome of one iteration.
     *
     * @param iteration  1-based number of the iteration
     * @param batch      the cases the sampler drew
     * @param caseLosses the hardness of each of those cases ({@link SegmentationLoss#of}: cross-entropy plus
     *                   Dice over the foreground classes present), in batch order
     * @param weights    the importance weight of each case (all 1 without importance weights)
     * @param loss       the value that was minimised ({@link SegmentationLoss.Terms#objective})
     * @param effectiveCases the sampler's effective number of cases after the update, {@code exp(H(q))}
     * @param beta       the sampler's beta after the update (changes every iteration in the constrained form)
     */
    record Iteration(int iteration, int[] batch, double[] caseLosses, double[] weights, double loss,
            double effectiveCases, double beta) {
    }

    /** Called after the optimiser step of each iteration. */
    void iterationFinished(Iteration result);
}
