package hardy.ui.model;

import java.util.function.Consumer;

/**
 * Runs {@link Work} off the JavaFX thread and delivers its outcome back on it. View models depend on this
 * interface only, so their tests run the work synchronously on the test thread.
 */
public interface BackgroundRunner {

    /**
     * Starts the work. {@code progress} shows it while it runs; exactly one of the callbacks is then called on the
     * JavaFX thread (a cancellation arrives as {@link hardy.core.CancelledException} to {@code onFailure}).
     */
    <T> void run(Work<T> work, ProgressModel progress, Consumer<T> onSuccess, Consumer<Throwable> onFailure);
}
