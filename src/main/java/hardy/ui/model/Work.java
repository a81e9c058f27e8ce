package hardy.ui.model;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;

/**
 * Slow work for a {@link BackgroundRunner}: core code that reports progress and checks a cancellation flag. It
 * must not touch JavaFX controls or view-model properties; it returns its result instead.
 */
@FunctionalInterface
public interface Work<T> {

    /** Does the work. */
    T call(ProgressListener progress, Cancellation cancel) throws Exception;
}
