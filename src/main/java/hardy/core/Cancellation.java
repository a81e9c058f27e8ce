package hardy.core;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cooperative cancellation flag, checked by core code between slices, tiles and batches.
 *
 * <p>Thread interrupts are not enough on their own: native calls (zlib, ONNX Runtime, libtorch) ignore them,
 * so long loops poll this flag instead. The UI sets it from the JavaFX thread; the CLI sets it on Ctrl+C.
 */
public final class Cancellation {

    /** A flag that is never raised, for callers that cannot cancel. */
    public static final Cancellation NEVER = new Cancellation();

    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Requests cancellation; work stops at its next check. */
    public void cancel() {
        if (this == NEVER) {
            throw new UnsupportedOperationException("Cancellation.NEVER cannot be cancelled");
        }
        cancelled.set(true);
    }

    /** Whether cancellation was requested. */
    public boolean isCancelled() {
        return cancelled.get();
    }

    /**
     * Throws {@link CancelledException} if cancellation was requested, so a loop can stop with one call.
     *
     * @throws CancelledException when cancelled
     */
    public void check() {
        if (cancelled.get()) {
            throw new CancelledException();
        }
    }
}
