package hardy.core;

/** Thrown by {@link Cancellation#check()} when the user cancelled the work in progress. */
public final class CancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; it carries no stack trace because it is expected. */
    public CancelledException() {
        super("cancelled", null, false, false);
    }
}
