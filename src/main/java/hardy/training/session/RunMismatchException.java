package hardy.training.session;

import java.nio.file.Path;
import java.util.List;

/**
 * The checkpoint folder holds a run made with other settings, cases or starting model than the run about to
 * start. The message says what differs; the command line and the training tab each say what to do about it.
 */
public final class RunMismatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> differences;

    /** @param differences what differs, in words ({@link CheckpointFolder#differences}) */
    public RunMismatchException(Path checkpoint, List<String> differences) {
        super("the checkpoint in " + checkpoint + " was made with other settings or cases ("
                + String.join(", ", differences) + ")");
        this.differences = List.copyOf(differences);
    }

    /** What differs, one item each. */
    public List<String> differences() {
        return differences;
    }
}
