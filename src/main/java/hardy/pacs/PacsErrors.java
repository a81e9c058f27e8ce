package hardy.pacs;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns what went wrong in an exchange with a server into a {@link PacsException} whose message a user can act on:
 * it names the server by the name the user gave it, never with credentials.
 */
final class PacsErrors {

    private PacsErrors() {
    }

    /** A failure before any answer: connection, timeout, TLS. */
    static PacsException transport(PacsServer server, IOException e, Duration connect, Duration answer,
            String what) {
        String who = "PACS '" + server.name() + "'";
        String at = hostPort(server.baseUrl());
        if (e instanceof HttpConnectTimeoutException) {
            return new PacsException(PacsException.Kind.TIMEOUT, 0, who + " at " + at
                    + " did not accept the connection within " + seconds(connect), e);
        }
        if (e instanceof HttpTimeoutException) {
            return new PacsException(PacsException.Kind.TIMEOUT, 0, who + " did not answer within "
                    + seconds(answer) + " while " + what, e);
        }
        if (has(e, SSLHandshakeException.class) || has(e, java.security.cert.CertificateException.class)) {
            return new PacsException(PacsException.Kind.TLS, 0, "cannot connect securely to " + who + " at " + at
                    + ": its certificate is not trusted or does not match the host name (import the server's "
                    + "certificate in its settings)", e);
        }
        if (has(e, SSLException.class)) {
            return new PacsException(PacsException.Kind.TLS, 0, "the secure connection (TLS) to " + who + " at " + at
                    + " failed; is the URL's http/https right?", e);
        }
        if (has(e, UnresolvedAddressException.class) || has(e, java.net.UnknownHostException.class)) {
            return new PacsException(PacsException.Kind.UNREACHABLE, 0, "cannot connect to " + who + ": unknown host "
                    + server.baseUrl().getHost(), e);
        }
        if (e instanceof ConnectException || has(e, ConnectException.class)) {
            return new PacsException(PacsException.Kind.UNREACHABLE, 0, "cannot connect to " + who + " at " + at
                    + ": connection refused (is the server running and the URL right?)", e);
        }
        return new PacsException(PacsException.Kind.UNREACHABLE, 0, "the connection to " + who
                + " failed while " + what + " (" + e.getClass().getSimpleName() + ")", e);
    }

    /** An HTTP error status. {@code notFound} says what a 404 means for this request. */
    static PacsException status(PacsServer server, int status, String what, String notFound) {
        String who = "PACS '" + server.name() + "'";
        return switch (status) {
            case 401 -> new PacsException(PacsException.Kind.UNAUTHORIZED, status, who + " refused the credentials "
                    + "(HTTP 401): check the user name and password, or the token, in the server's settings", null);
            case 403 -> new PacsException(PacsException.Kind.FORBIDDEN, status, who + " does not allow this account "
                    + "access (HTTP 403) while " + what, null);
            case 404 -> new PacsException(PacsException.Kind.NOT_FOUND, status, notFound + " (HTTP 404 from " + who
                    + ")", null);
            case 413 -> new PacsException(PacsException.Kind.TOO_LARGE, status, who + " refused the request as too "
                    + "large (HTTP 413) while " + what, null);
            default -> status >= 500 && status < 600
                    ? new PacsException(PacsException.Kind.SERVER_ERROR, status, who + " failed with a server error "
                            + "(HTTP " + status + ") while " + what + "; try again later or ask its administrator", null)
                    : status >= 300 && status < 400
                    ? new PacsException(PacsException.Kind.HTTP, status, who + " redirects elsewhere (HTTP " + status
                            + "); give the final address as the server's URL", null)
                    : new PacsException(PacsException.Kind.HTTP, status, who + " answered HTTP " + status + " while "
                            + what, null);
        };
    }

    /** A malformed or unexpected answer. */
    static PacsException badAnswer(PacsServer server, String problem) {
        return new PacsException(PacsException.Kind.BAD_RESPONSE, 0, "PACS '" + server.name() + "' sent a bad "
                + "answer: " + problem, null);
    }

    static String hostPort(URI url) {
        int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return url.getHost() + ":" + port;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
