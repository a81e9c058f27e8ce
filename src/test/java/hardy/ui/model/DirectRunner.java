package hardy.ui.model;

import hardy.core.ProgressListener;
import java.util.function.Consumer;

/** Runs background work at once on the calling thread, so view-model tests are deterministic. */
public final class DirectRunner implements BackgroundRunner {

    int jobs;

    @Override
    public <T> void run(Work<T> work, ProgressModel progress, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        jobs++;
        T result;
        try {
            result = work.call(ProgressListener.NONE, progress.cancellation());
        } catch (Exception | Error e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }
}
