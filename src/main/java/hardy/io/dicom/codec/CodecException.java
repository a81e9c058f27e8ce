package hardy.io.dicom.codec;

/** Compressed pixel data that cannot be decoded; the message is one line for the user. */
public final class CodecException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public CodecException(String message) {
        super(message);
    }
}
