package hardy.core;

/**
 * Receives progress from long-running core work (reading a series, inference, training).
 *
 * <p>Implementations must be cheap and thread-safe: core code calls them from its worker thread, often once per
 * slice or tile. A user interface should store the latest values and repaint on its own schedule rather than
 * hop threads for every call.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = (done, total, message) -> { };

    /**
     * Reports that {@code done} of {@code total} units of work are finished.
     *
     * @param done    units finished so far, {@code 0 <= done <= total}
     * @param total   all units of the current step, or {@code -1} when unknown
     * @param message a short description of the current step, free of patient identifiers
     */
    void progress(long done, long total, String message);
}
