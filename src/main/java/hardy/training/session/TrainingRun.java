package hardy.training.session;

import hardy.core.Cancellation;
import hardy.core.CancelledException;
import hardy.core.ProgressListener;
import java.util.Objects;

/**
 * One training run, the one loop for {@code hardy train} and the training tab, driving {@link RunState}:
 * {@link #start} opens the plan (cases, self-check, resume or start) on a background thread and then iterates,
 * {@link #runHere} does the same on the calling thread; {@link #pause} stops between iterations after writing a
 * checkpoint; {@link #resume} continues; {@link #cancel} stops and keeps the last checkpoint. A checkpoint is also
 * written every {@link RunSettings#checkpointEvery} iterations and at the end, so a run survives a restart of the
 * app or the command, and either can continue what the other started.
 *
 * <p>The listener is called on the training thread; a screen must hand its values to its own thread.
 */
public final class TrainingRun {

    /** Opens the plan (tests may count or fail here). */
    @FunctionalInterface
    public interface Opener {
        /** Reads the cases and prepares the trainer, resuming a complete checkpoint of the same run. */
        TrainingSession open(Cancellation cancel) throws Exception;
    }

    private final Opener opener;
    private final int totalIterations;
    private final int checkpointEvery;
    private final int validationEvery;
    private final RunListener listener;
    private final Cancellation cancel = new Cancellation();
    private final Object lock = new Object();
    private RunState state = RunState.IDLE;
    private boolean pauseRequested;
    private Thread thread;
    private Exception failure;

    /** A run of {@code plan}, with its settings' length and intervals. */
    public TrainingRun(TrainingPlan plan, RunListener listener) {
        this(plan::open, plan.settings(), listener);
    }

    /** A run of whatever {@code opener} opens, with the length and intervals of {@code settings}. */
    public TrainingRun(Opener opener, RunSettings settings, RunListener listener) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.totalIterations = settings.iterations();
        this.checkpointEvery = Math.max(1, settings.checkpointEvery());
        this.validationEvery = Math.max(0, settings.validationEvery());
        this.listener = Objects.requireNonNull(listener, "listener");
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
            thread = new Thread(this::loop, "hardy-training");
            thread.setDaemon(true);
            moveTo(RunState.SELF_CHECK, "");
        }
        thread.start();
    }

    /**
     * Runs on the calling thread until the run finishes, is cancelled or fails.
     *
     * @return the end state
     */
    public RunState runHere() {
        synchronized (lock) {
            if (!state.canGoTo(RunState.SELF_CHECK) || thread != null) {
                throw new IllegalStateException("cannot start a run that is " + state);
            }
            thread = Thread.currentThread();
            moveTo(RunState.SELF_CHECK, "");
        }
        loop();
        return state();
    }

    /** What made the run fail, or {@code null}. */
    public Exception failure() {
        synchronized (lock) {
            return failure;
        }
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
        if (t != null && t != Thread.currentThread()) {
            t.join();
        }
    }

    private void loop() {
        TrainingSession session;
        try {
            session = opener.open(cancel);
        } catch (CancelledException e) {
            finish(RunState.CANCELLED, "cancelled before the first iteration");
            return;
        } catch (Exception e) {
            fail(e);
            return;
        }
        try (session) {
            synchronized (lock) {
                listener.selfChecked(session.selfCheckText(), session.selfCheckDetails());
                moveTo(RunState.RUNNING, session.selfCheckText());
            }
            while (session.iterations() < totalIterations) {
                if (waitWhilePaused(session)) {
                    session.saveCheckpoint();
                    finish(RunState.CANCELLED, "cancelled; the checkpoint at iteration " + session.iterations()
                            + " is kept");
                    return;
                }
                TrainingSession.Snapshot s = session.iterate(Cancellation.NEVER);
                listener.iteration(s, totalIterations);
                if (s.iteration() % checkpointEvery == 0) {
                    session.saveCheckpoint();
                }
                if (validationEvery > 0 && session.validates() && s.iteration() % validationEvery == 0
                        && s.iteration() < totalIterations) {
                    listener.status("validating the model of iteration " + s.iteration());
                    listener.validated(session.validate(ProgressListener.NONE, cancel));
                    listener.status("");
                }
            }
            session.saveCheckpoint();
            listener.status("exporting the finished model (parity check) and validating it");
            listener.finished(session.finish(ProgressListener.NONE, cancel));
            listener.status("");
            finish(RunState.FINISHED, totalIterations + " iterations done");
        } catch (CancelledException e) {
            finish(RunState.CANCELLED, "cancelled while validating; the checkpoint is kept");
        } catch (Exception e) {
            fail(e);
        }
    }

    private void fail(Exception e) {
        synchronized (lock) {
            failure = e;
            moveTo(RunState.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Blocks while paused; returns true if the run was cancelled. */
    private boolean waitWhilePaused(TrainingSession session) throws Exception {
        synchronized (lock) {
            if (pauseRequested && !cancel.isCancelled()) {
                session.saveCheckpoint();
                moveTo(RunState.PAUSED, "paused at iteration " + session.iterations() + "; checkpoint written");
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
        listener.stateChanged(next, message);
    }
}
