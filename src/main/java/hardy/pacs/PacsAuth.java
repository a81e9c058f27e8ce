package hardy.pacs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How Hardy authenticates to a DICOMweb server. The secret parts never appear in {@link #toString()}, in log lines
 * or in exception messages; only the settings file (mode 600) holds them.
 */
public sealed interface PacsAuth {

    /** The kinds, as the settings file and the command line name them. */
    enum Kind { NONE, BASIC, BEARER }

    /** No authentication. */
    record None() implements PacsAuth {
        @Override
        public Kind kind() {
            return Kind.NONE;
        }

        @Override
        public String header() {
            return null;
        }
    }

    /** HTTP basic authentication. */
    record Basic(String user, String password) implements PacsAuth {
        public Basic {
            if (user == null || user.isEmpty() || user.contains(":")) {
                throw new IllegalArgumentException("a user name is needed for basic authentication (without ':')");
            }
            if (password == null) {
                throw new IllegalArgumentException("a password is needed for basic authentication");
            }
        }

        @Override
        public Kind kind() {
            return Kind.BASIC;
        }

        @Override
        public String header() {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Basic[user=" + user + ", password=***]";
        }
    }

    /** A bearer token (OAuth 2 access token or similar). */
    record Bearer(String token) implements PacsAuth {
        public Bearer {
            if (token == null || token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new IllegalArgumentException("a bearer token must be non-empty printable ASCII without spaces");
            }
        }

        @Override
        public Kind kind() {
            return Kind.BEARER;
        }

        @Override
        public String header() {
            return "Bearer " + token;
        }

        @Override
        public String toString() {
            return "Bearer[token=***]";
        }
    }

    /** No authentication. */
    PacsAuth NONE = new None();

    /** Which kind this is. */
    Kind kind();

    /** The value of the HTTP {@code Authorization} header, or null for none. Never log it. */
    String header();
}
