package hardy.pacs;

import java.net.URI;
import java.util.Locale;

/**
 * A DICOMweb server the user configured: a name to show, the base URL of its DICOMweb service (the part before
 * {@code /studies}), how to authenticate, and optionally a PEM certificate to trust in addition to the system's
 * certificate authorities (for a server with a self-signed or in-house certificate). TLS is always verified.
 *
 * @param name           the name the user gave it, shown in menus and messages
 * @param baseUrl        e.g. {@code https://pacs.example.org/dicom-web}, without a trailing slash
 * @param auth           authentication (its secrets never appear in {@link #toString()})
 * @param certificatePem PEM text of one or more certificates to trust, or null
 */
public record PacsServer(String name, URI baseUrl, PacsAuth auth, String certificatePem) {

    public PacsServer {
        if (name == null || name.isBlank() || name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a server name must be 1 to 64 printable characters");
        }
        name = name.strip();
        baseUrl = checkUrl(baseUrl);
        auth = auth == null ? PacsAuth.NONE : auth;
        certificatePem = certificatePem == null || certificatePem.isBlank() ? null : certificatePem;
    }

    /** Parses and checks a base URL typed by a user. */
    public static URI parseUrl(String text) {
        URI url;
        try {
            url = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            // Not echoed: a mistyped URL may hold a password.
            throw new IllegalArgumentException("not a valid URL (it must look like https://host[:port]/path)");
        }
        return checkUrl(url);
    }

    private static URI checkUrl(URI url) {
        if (url == null || url.getScheme() == null || url.getHost() == null) {
            throw new IllegalArgumentException("the server URL must look like http(s)://host[:port]/path");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the server URL must start with http:// or https://");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("put the user name and password in the authentication settings, "
                    + "not in the URL");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("the server URL must not have a query (?...) or fragment (#...)");
        }
        String s = url.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    /** The same server with another authentication. */
    public PacsServer withAuth(PacsAuth newAuth) {
        return new PacsServer(name, baseUrl, newAuth, certificatePem);
    }

    @Override
    public String toString() {
        return "PacsServer[name=" + name + ", baseUrl=" + baseUrl + ", auth=" + auth.kind()
                + (certificatePem != null ? ", with certificate" : "") + "]";
    }
}
