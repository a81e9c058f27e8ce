package hardy.ui.model.training;

import hardy.core.Cancellation;
import hardy.core.CancelledException;
import hardy.core.ProgressListener;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One training run of the tab on its own background thread, driving {@link RunState}: {@link #start} runs the
 * self-check and then the iterations; {@link #pause} stops between iterations after writing a checkpoint;
 * {@link #resume} continues; {@link #cancel} stops and keeps the last checkpoint. A checkpoint is also written every
 * {@code checkpointEvery} iterations and at the end, into the workspace's checkpoint folder, so a run survives an
 * app restart: the next start continues from it.
 *
 * <p>Observers are called on the training thread; a screen must hand their values to its own thread (and throttle
 * charts with {@link ChartThrottle}).
 */
public final class TrainingRun {

    /** What the run reports. */
    public interface Observer {
        /** The state changed; {@code message} explains failures and the self-check (may be empty). */
        void stateChanged(RunState state, String message);

        /** One iteration finished; {@code total} is the run's target. */
        void iteration(TrainingBackend.Snapshot snapshot, int total);

        /** The gradient self-check passed: its plain line and its numbers, before the first iteration. */
        default void selfChecked(String summary, String details) {
        }

        /** What the run is doing besides iterating (validating, exporting). */
        default void status(String message) {
        }

        /** A validation finished. */
        default void validated(TrainingBackend.Scores scores) {
        }

        /** The run finished: the candidate model is exported and compared, just before {@link RunState#FINISHED}. */
        default void finished(TrainingBackend.Finished finished) {
        }
    }

    /** Opens the backend (tests substitute a smaller network here). */
    @FunctionalInterface
    public interface BackendFactory {
        /** Reads the cases and prepares the trainer, resuming from {@code checkpoint} if complete. */
        TrainingBackend open(Path checkpoint, Cancellation cancel) throws Exception;
    }

    private final BackendFactory factory;
    private final Path checkpoint;
    private final int totalIterations;
    private final int checkpointEvery;
    private final int validationEvery;
    private final Observer observer;
    private final Cancellation cancel = new Cancellation();
    private final Object lock = new Object();
    private RunState state = RunState.IDLE;
    private boolean pauseRequested;
    private Thread thread;

    /**
     * @param totalIterations the iteration count to reach (a resumed run counts the checkpoint's iterations)
     * @param validationEvery validate every this many iterations (0: only the finished model)
     */
    public TrainingRun(BackendFactory factory, Path checkpoint, int totalIterations, int checkpointEvery,
            int validationEvery, Observer observer) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.totalIterations = totalIterations;
        this.checkpointEvery = Math.max(1, checkpointEvery);
        this.validationEvery = Math.max(0, validationEvery);
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** A run of a plan in the workspace's checkpoint folder, checkpointing every 10 iterations. */
    public static TrainingRun of(TrainingBackend.Plan plan, Observer observer) {
        Path dir = plan.workspace().checkpointsDir();
        return new TrainingRun((ckpt, c) -> TrainingBackend.open(plan, ckpt, c), dir, plan.settings().iterations(),
                10, plan.settings().validationEvery(), observer);
    }

    /** The current state. */
    public RunState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Starts the self-check and the run on a background thread. */
    public void start() {
        synchronized (lock) {
            if (!state.canGoTo(RunState.SELF_CHECK) || thread != null) {
                throw new IllegalStateException("cannot start a run that is " + state);
            }
            thread = new Thread(this::run, "hardy-training");
            thread.setDaemon(true);
            moveTo(RunState.SELF_CHECK, "");
        }
        thread.start();
    }

    /** Asks the run to stop after the current iteration, with a checkpoint. */
    public void pause() {
        synchronized (lock) {
            if (state == RunState.RUNNING || state == RunState.SELF_CHECK) {
                pauseRequested = true;
            }
        }
    }

    /** Continues a paused run. */
    public void resume() {
        synchronized (lock) {
            pauseRequested = false;
            if (state == RunState.PAUSED) {
                moveTo(RunState.RUNNING, "");
            }
            lock.notifyAll();
        }
    }

    /** Stops the run after the current iteration; the last checkpoint is kept. */
    public void cancel() {
        synchronized (lock) {
            cancel.cancel();
            lock.notifyAll();
        }
    }

    /** Waits for the run's thread to end (tests, closing the app). */
    public void join() throws InterruptedException {
        Thread t;
        synchronized (lock) {
            t = thread;
        }
        if (t != null) {
            t.join();
        }
    }

    private void run() {
        TrainingBackend backend;
        try {
            backend = factory.open(checkpoint, cancel);
        } catch (CancelledException e) {
            finish(RunState.CANCELLED, "cancelled before the first iteration");
            return;
        } catch (Exception e) {
            finish(RunState.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
            return;
        }
        try (backend) {
            synchronized (lock) {
                observer.selfChecked(backend.selfCheckText(), backend.selfCheckDetails());
                moveTo(RunState.RUNNING, backend.selfCheckText());
            }
            while (backend.iterations() < totalIterations) {
                if (waitWhilePaused(backend)) {
                    backend.saveCheckpoint(checkpoint);
                    finish(RunState.CANCELLED, "cancelled; the checkpoint at iteration " + backend.iterations()
                            + " is kept");
                    return;
                }
                TrainingBackend.Snapshot s = backend.iterate(Cancellation.NEVER);
                observer.iteration(s, totalIterations);
                if (s.iteration() % checkpointEvery == 0) {
                    backend.saveCheckpoint(checkpoint);
                }
                if (validationEvery > 0 && s.iteration() % validationEvery == 0 && s.iteration() < totalIterations) {
                    observer.status("validating the model of iteration " + s.iteration());
                    observer.validated(backend.validate(ProgressListener.NONE, cancel));
                    observer.status("");
                }
            }
            backend.saveCheckpoint(checkpoint);
            observer.status("exporting the finished model (parity check) and validating it");
            observer.finished(backend.finish(ProgressListener.NONE, cancel));
            finish(RunState.FINISHED, totalIterations + " iterations done");
        } catch (CancelledException e) {
            finish(RunState.CANCELLED, "cancelled while validating; the checkpoint is kept");
        } catch (Exception e) {
            finish(RunState.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Blocks while paused; returns true if the run was cancelled. */
    private boolean waitWhilePaused(TrainingBackend backend) throws Exception {
        synchronized (lock) {
            if (pauseRequested && !cancel.isCancelled()) {
                backend.saveCheckpoint(checkpoint);
                moveTo(RunState.PAUSED, "paused at iteration " + backend.iterations() + "; checkpoint written");
                while (pauseRequested && !cancel.isCancelled()) {
                    lock.wait();
                }
            }
            return cancel.isCancelled();
        }
    }

    private void finish(RunState end, String message) {
        synchronized (lock) {
            moveTo(end, message);
        }
    }

    /** Called with the lock held. */
    private void moveTo(RunState next, String message) {
        if (!state.canGoTo(next)) {
            throw new IllegalStateException("a training run cannot go from " + state + " to " + next);
        }
        state = next;
        observer.stateChanged(next, message);
    }
}
