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
     * @param caseLosses the loss of each of those cases (Dice + cross-entropy), in batch order
     * @param weights    the weight each case loss had in the gradient (all 1 without importance weights)
     * @param loss       the weighted mean of the case losses, the value that was minimised
     */
    record Iteration(int iteration, int[] batch, double[] caseLosses, double[] weights, double loss) {
    }

    /** Called after the optimiser step of each iteration. */
    void iterationFinished(Iteration result);
}
