package hardy.io.dicom;

/** Malformed or unsupported DICOM content; the message is one line for the user (the caller adds the file). */
public final class DicomFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public DicomFormatException(String message) {
        super(message);
    }
}
