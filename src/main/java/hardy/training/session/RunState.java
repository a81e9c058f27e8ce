package hardy.training.session;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a training run in the tab:
 * idle → self-check → running ⇄ paused → finished / cancelled / failed, and back to self-check for a new or
 * resumed run. {@link #canGoTo} is the whole transition table.
 */
public enum RunState {
    /** Nothing running; settings editable. */
    IDLE,
    /** The gradient self-check runs before the first iteration. */
    SELF_CHECK,
    /** Iterations run. */
    RUNNING,
    /** Stopped between iterations; the checkpoint is on disk; can resume. */
    PAUSED,
    /** All iterations done. */
    FINISHED,
    /** Stopped by the user; the last checkpoint is kept. */
    CANCELLED,
    /** Stopped by an error (including a failed self-check); the last checkpoint is kept. */
    FAILED;

    /** Whether a run moves from this state to {@code next}. */
    public boolean canGoTo(RunState next) {
        return successors().contains(next);
    }

    /** Whether a run is in progress (settings locked). */
    public boolean active() {
        return this == SELF_CHECK || this == RUNNING || this == PAUSED;
    }

    private Set<RunState> successors() {
        return switch (this) {
            case IDLE, FINISHED, CANCELLED, FAILED -> EnumSet.of(SELF_CHECK);
            case SELF_CHECK -> EnumSet.of(RUNNING, CANCELLED, FAILED);
            case RUNNING -> EnumSet.of(PAUSED, FINISHED, CANCELLED, FAILED);
            case PAUSED -> EnumSet.of(RUNNING, CANCELLED, FAILED);
        };
    }
}
