package hardy.pacs;

import java.util.Locale;

/** Parameters of MIME media types ({@code type/subtype; name=value; name="quoted value"}). */
final class MediaTypes {

    private MediaTypes() {
    }

    /** The value of parameter {@code name} (case-insensitive), unquoted, or null. */
    static String parameter(String mediaType, String name) {
        int i = mediaType.indexOf(';');
        while (i >= 0 && i < mediaType.length()) {
            int start = i + 1;
            int eq = mediaType.indexOf('=', start);
            if (eq < 0) {
                return null;
            }
            String key = mediaType.substring(start, eq).strip().toLowerCase(Locale.ROOT);
            int v = eq + 1;
            while (v < mediaType.length() && mediaType.charAt(v) == ' ') {
                v++;
            }
            String value;
            int next;
            if (v < mediaType.length() && mediaType.charAt(v) == '"') {
                StringBuilder sb = new StringBuilder();
                int k = v + 1;
                while (k < mediaType.length() && mediaType.charAt(k) != '"') {
                    if (mediaType.charAt(k) == '\\' && k + 1 < mediaType.length()) {
                        k++;
                    }
                    sb.append(mediaType.charAt(k++));
                }
                value = sb.toString();
                next = mediaType.indexOf(';', k);
            } else {
                next = mediaType.indexOf(';', v);
                value = mediaType.substring(v, next < 0 ? mediaType.length() : next).strip();
            }
            if (key.equals(name.toLowerCase(Locale.ROOT))) {
                return value;
            }
            i = next;
        }
        return null;
    }

    /** The type/subtype in lower case, without parameters. */
    static String essence(String mediaType) {
        int i = mediaType.indexOf(';');
        return (i < 0 ? mediaType : mediaType.substring(0, i)).strip().toLowerCase(Locale.ROOT);
    }
}
