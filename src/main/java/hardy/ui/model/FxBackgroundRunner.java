package hardy.ui.model;

import hardy.core.Cancellation;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/**
 * Runs work as a {@link Task} on one daemon thread. Progress goes through {@code Task.updateProgress}, which
 * coalesces updates so that a reader reporting every slice does not flood the JavaFX thread.
 */
public final class FxBackgroundRunner implements BackgroundRunner {

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hardy-background");
        t.setDaemon(true);
        return t;
    });

    @Override
    public <T> void run(Work<T> work, ProgressModel progress, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Cancellation cancel = progress.cancellation();
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call((done, total, message) -> {
                    updateProgress(total > 0 ? done : -1, total > 0 ? total : 1);
                    updateMessage(message);
                }, cancel);
            }
        };
        progress.fractionProperty().bind(task.progressProperty());
        task.messageProperty().addListener((obs, old, msg) -> {
            if (msg != null && !msg.isEmpty()) {
                progress.messageProperty().set(msg);
            }
        });
        task.setOnSucceeded(e -> {
            progress.fractionProperty().unbind();
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            progress.fractionProperty().unbind();
            onFailure.accept(task.getException());
        });
        executor.execute(task);
    }
}
