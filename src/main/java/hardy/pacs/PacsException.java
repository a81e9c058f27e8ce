package hardy.pacs;

import java.io.IOException;

/**
 * A DICOMweb exchange failed. The message is one line for the user: it names the server (never its credentials)
 * and the problem in plain words; {@link #kind()} tells the cases apart for callers and tests. Technical detail
 * (the server's own reply, a stack) goes to the log, not here.
 */
public final class PacsException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** Nothing listens at the address (connection refused), or the host is unknown or unreachable. */
        UNREACHABLE,
        /** No answer in time. */
        TIMEOUT,
        /** The server's certificate is not trusted, or TLS failed. */
        TLS,
        /** HTTP 401: no or wrong credentials. */
        UNAUTHORIZED,
        /** HTTP 403: the credentials are not allowed to do this. */
        FORBIDDEN,
        /** HTTP 404: no such study/series, or not a DICOMweb URL. */
        NOT_FOUND,
        /** HTTP 413: the server refused the size of what was sent. */
        TOO_LARGE,
        /** HTTP 5xx. */
        SERVER_ERROR,
        /** Another HTTP status the client does not expect. */
        HTTP,
        /** The answer is malformed, truncated, too large, or not what was asked for. */
        BAD_RESPONSE
    }

    private final Kind kind;
    private final int status;

    /** A failure without an HTTP status. */
    public PacsException(Kind kind, String message) {
        this(kind, 0, message, null);
    }

    /** A failure, with its HTTP status (0 when none) and cause. */
    public PacsException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when the failure was not an HTTP answer. */
    public int status() {
        return status;
    }
}
