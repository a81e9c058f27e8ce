package hardy.training.session;

/**
 * What a {@link TrainingRun} reports, on the training thread: the command line prints it, the training tab hands
 * it to its screen thread (throttling the charts). Implementations must be quick and copy what they keep.
 */
public interface RunListener {

    /** The state changed; {@code message} explains failures and the self-check (may be empty). */
    void stateChanged(RunState state, String message);

    /** The gradient self-check passed: its plain line and its numbers, before the first iteration. */
    default void selfChecked(String summary, String details) {
    }

    /** One iteration finished; {@code total} is the run's target. */
    default void iteration(TrainingSession.Snapshot snapshot, int total) {
    }

    /** What the run is doing besides iterating (validating, exporting); empty when it is done with it. */
    default void status(String message) {
    }

    /** A validation finished. */
    default void validated(TrainingSession.Scores scores) {
    }

    /** The run finished: the model is exported and compared, just before {@link RunState#FINISHED}. */
    default void finished(TrainingSession.Finished finished) {
    }
}
