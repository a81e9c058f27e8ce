package hardy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Files written by other software, unpacked by {@code scripts/fetch-interop-data.sh} into a git-ignored cache,
 * with expectations computed by nibabel. Tests that need them are skipped, with a notice on stderr, where the
 * script could not run (no apt).
 */
public final class InteropData {

    private InteropData() {
    }

    /** The cache folder (system property {@code hardy.interop.dir}, set by the build). */
    public static Path dir() {
        String p = System.getProperty("hardy.interop.dir");
        return p != null ? Path.of(p) : Path.of(".cache", "interop");
    }

    /** The repository root, where scripts live. */
    public static Path repo() {
        return Path.of(System.getProperty("hardy.repo.dir", "."));
    }

    /** nibabel's expectations, or skips the calling test with a visible notice when they are absent. */
    public static JsonNode expectations() throws IOException {
        return readOrSkip(dir().resolve("expectations.json"), "interop tests",
                "scripts/fetch-interop-data.sh (needs apt-get) to fetch files written by other software");
    }

    /**
     * Reads a JSON file that a fetch script writes, or skips the calling tests with a notice on stderr (so a
     * skip is visible in the build output) that names the file and the script that makes it.
     */
    public static JsonNode readOrSkip(Path json, String tests, String fetch) throws IOException {
        if (!Files.isRegularFile(json)) {
            String notice = "SKIPPED " + tests + ": " + json + " is missing; run " + fetch;
            System.err.println(notice);
            Assumptions.abort(notice);
        }
        return new ObjectMapper().readTree(json.toFile());
    }

    /** The expectation entries nibabel could load (error null). */
    public static List<JsonNode> loadable(JsonNode expectations) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : expectations.get("files")) {
            if (f.get("error").isNull() && f.hasNonNull("vol0")) {
                out.add(f);
            }
        }
        return out;
    }

    /** The cached file an expectation describes. */
    public static Path file(JsonNode entry) {
        return dir().resolve("files").resolve(entry.get("path").asText());
    }

    /** A JSON number that may be written as "NaN" or "Infinity". */
    public static double number(JsonNode n) {
        return n.isTextual() ? Double.parseDouble(n.asText()) : n.asDouble();
    }
}
