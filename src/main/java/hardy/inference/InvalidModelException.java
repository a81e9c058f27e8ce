package hardy.inference;

import java.nio.file.Path;

/**
 * A model folder Hardy refuses: no card, a card that does not parse or validate, an ONNX file whose hash differs
 * from the card, a file that is not ONNX, or inputs/outputs that do not fit the card. The message names the
 * folder and the reason in one line. An {@link IllegalArgumentException}, so the CLI reports it as bad input.
 */
public final class InvalidModelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** A refusal of the model in {@code dir} for {@code reason}. */
    public InvalidModelException(Path dir, String reason) {
        super(dir + ": model refused: " + reason);
    }

    /** A refusal with the underlying cause kept for the log. */
    public InvalidModelException(Path dir, String reason, Throwable cause) {
        super(dir + ": model refused: " + reason, cause);
    }
}
