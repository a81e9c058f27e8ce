package hardy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import hardy.testing.InteropData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hardy info} and {@code hardy convert} on every interop file, judged by nibabel: info must report
 * nibabel's dimensions and affine, and the converted file must describe the same world (affine) and the same
 * values as volume 0 of the original, in the same data type.
 */
class ConvertInteropTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void nibabelSeesTheSameWorldAndValuesAfterConvert() throws Exception {
        List<JsonNode> files = InteropData.loadable(InteropData.expectations());
        Path script = InteropData.repo().resolve("scripts/nibabel_compare.py");
        if (!Files.isExecutable(PYTHON)) {
            String notice = "SKIPPED convert interop test: /usr/bin/python3 with nibabel is not installed";
            System.err.println(notice);
            Assumptions.abort(notice);
        }
        ObjectMapper json = new ObjectMapper();
        ArrayNode pairs = json.createArrayNode();
        List<String> dtypes = new ArrayList<>();
        int n = 0;
        for (JsonNode f : files) {
            Path original = InteropData.file(f);
            Path converted = dir.resolve("c" + (n++) + (n % 2 == 0 ? ".nii.gz" : ".nii"));
            CliRunner r = CliRunner.run("convert", original.toString(), converted.toString());
            assertThat(r.exitCode()).as("convert %s: %s", original, r.err()).isZero();
            assertInfoAgreesWithNibabel(original, f, json);
            pairs.addObject().put("original", original.toString()).put("converted", converted.toString());
            dtypes.add(f.get("dtype").asText());
        }
        assertThat(n).as("files converted").isEqualTo(files.size());
        Path pairsFile = dir.resolve("pairs.json");
        Path result = dir.resolve("result.json");
        json.writeValue(pairsFile.toFile(), pairs);
        Process p = new ProcessBuilder(PYTHON.toString(), "-Es", script.toString(), pairsFile.toString(),
                result.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();

        JsonNode results = json.readTree(result.toFile());
        assertThat(results).hasSize(files.size());
        for (int i = 0; i < results.size(); i++) {
            JsonNode c = results.get(i);
            String what = c.get("original").asText();
            assertThat(c.get("error").isNull()).as("%s: %s", what, c.get("error")).isTrue();
            assertThat(c.get("shape_equal").asBoolean()).as("shape of %s", what).isTrue();
            assertThat(InteropData.number(c.get("affine_max_abs_diff"))).as("affine of %s", what).isLessThan(1e-4);
            assertThat(c.get("nan_mismatch").asLong()).as("NaNs of %s", what).isZero();
            double tolerance = c.get("dtype_original").asText().startsWith("float") ? 0 : 1e-4;
            assertThat(InteropData.number(c.get("values_max_abs_diff"))).as("values of %s", what)
                    .isLessThanOrEqualTo(tolerance);
            assertThat(c.get("dtype_converted").asText()).as("dtype of %s", what).isEqualTo(dtypes.get(i));
        }
    }

    /** {@code hardy info --json} reports nibabel's dims and voxel-to-RAS affine for the original. */
    private static void assertInfoAgreesWithNibabel(Path original, JsonNode expected, ObjectMapper json)
            throws Exception {
        CliRunner r = CliRunner.run("info", "--json", original.toString());
        assertThat(r.exitCode()).as("info %s: %s", original, r.err()).isZero();
        JsonNode report = json.readTree(r.out());
        JsonNode shape = expected.get("shape");
        for (int d = 0; d < 3; d++) {
            assertThat(report.get("dims").get(d).asInt()).as("dim %d of %s", d, original)
                    .isEqualTo(d < shape.size() ? shape.get(d).asInt() : 1);
        }
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 4; col++) {
                assertThat(report.get("affineRas").get(row).get(col).asDouble()).as("affine of %s", original)
                        .isCloseTo(expected.get("affine").get(row).get(col).asDouble(),
                                org.assertj.core.api.Assertions.within(1e-5));
            }
        }
    }
}
