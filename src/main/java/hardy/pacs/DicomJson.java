package hardy.pacs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads values of the DICOM JSON model (PS3.18 F.2): {@code {"0020000D": {"vr": "UI", "Value": [...]}}}. */
final class DicomJson {

    private DicomJson() {
    }

    /** The first value of an attribute as text (a person name's alphabetic group), or "" when absent. */
    static String string(JsonNode dataset, String tag) {
        JsonNode v = dataset.path(tag).path("Value");
        if (!v.isArray() || v.isEmpty()) {
            return "";
        }
        JsonNode first = v.get(0);
        if (first.isObject()) {
            return first.path("Alphabetic").asText("");
        }
        return first.isNull() ? "" : first.asText("");
    }

    /** All values of an attribute as text, joined with backslashes as in DICOM. */
    static String strings(JsonNode dataset, String tag) {
        JsonNode v = dataset.path(tag).path("Value");
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode n : v) {
                if (!n.isNull()) {
                    out.add(n.isObject() ? n.path("Alphabetic").asText("") : n.asText(""));
                }
            }
        }
        return String.join("\\", out);
    }

    /** The first value as an integer, or -1 when absent or not a number. */
    static int integer(JsonNode dataset, String tag) {
        JsonNode v = dataset.path(tag).path("Value");
        if (!v.isArray() || v.isEmpty()) {
            return -1;
        }
        JsonNode first = v.get(0);
        if (first.isNumber()) {
            return first.asInt();
        }
        try {
            return Integer.parseInt(first.asText().strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The items of a sequence attribute (empty when absent). */
    static List<JsonNode> items(JsonNode dataset, String tag) {
        JsonNode v = dataset.path(tag).path("Value");
        List<JsonNode> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(out::add);
        }
        return out;
    }
}
