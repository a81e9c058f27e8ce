package hardy.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that Hardy cannot read: malformed, truncated, of an unsupported kind, or larger than Hardy can hold.
 * The message is one line meant for the user, and names the file and the problem.
 */
public class VolumeFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    /** Creates the exception for {@code file} with a short description of the problem. */
    public VolumeFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    /** Creates the exception with the low-level cause (logged, not shown). */
    public VolumeFormatException(Path file, String problem, Throwable cause) {
        super(oneLine(String.valueOf(file.getFileName())) + ": " + oneLine(problem), cause);
        this.file = file;
        this.problem = oneLine(problem);
    }

    /**
     * Text from a file (a DICOM string, a file name) can hold control characters or be very long; the message
     * must stay one readable line.
     */
    private static String oneLine(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 500 ? clean.substring(0, 500) + "..." : clean;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    /** The problem, without the file name. */
    public String problem() {
        return problem;
    }
}
