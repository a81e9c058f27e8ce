package hardy.testing;

import hardy.io.VolumeFormatException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one fuzz input on a worker thread with a time limit, so that an endless loop is a finding rather than a
 * hung build: the worker's exception or error is rethrown as it is.
 */
public final class FuzzRuns {

    private FuzzRuns() {
    }

    /** A read of a fuzz input. */
    @FunctionalInterface
    public interface Read {
        /** Reads the input. */
        void run() throws Exception;
    }

    /**
     * Runs {@code read} on {@code worker} within {@code seconds}: it must succeed or throw
     * {@link VolumeFormatException} with a one-line message; anything else is rethrown as a finding.
     */
    public static void readsOrRefusesInOneLine(ExecutorService worker, long seconds, Read read) throws Exception {
        within(worker, seconds, () -> {
            try {
                read.run();
            } catch (VolumeFormatException expected) {
                if (expected.getMessage().isBlank() || expected.getMessage().contains("\n")) {
                    throw new AssertionError("error message must be one non-blank line: " + expected.getMessage());
                }
            }
            return null;
        });
    }

    /** A single daemon thread for a fuzz test's inputs. */
    public static ExecutorService worker(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code input} on {@code worker}; fails if it takes longer than {@code seconds}. */
    public static void within(ExecutorService worker, long seconds, Callable<?> input) throws Exception {
        Future<?> run = worker.submit(input);
        try {
            run.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new AssertionError("the input was not handled within " + seconds + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }
}
