package hardy.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hardy.io.ReadResult;
import hardy.io.VolumeReaders;
import hardy.testing.InteropData;
import hardy.volume.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every greyscale image among Debian's pydicom and nibabel DICOM test files, in a transfer syntax Hardy
 * decodes, single-bit segmentations included, must give pydicom's stored values: the same minimum, maximum and
 * sum, and for single frames the same value at pydicom's sample positions.
 */
class DicomPydicomInteropTest {

    private static final Set<String> SUPPORTED = Set.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1",
            "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99", PixelDecoder.RLE, PixelDecoder.JPEG_BASELINE,
            PixelDecoder.JPEG_EXTENDED,
            "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70", PixelDecoder.JPEG_LS_LOSSLESS,
            PixelDecoder.JPEG_LS_NEAR_LOSSLESS);

    @TestFactory
    Stream<DynamicTest> storedValuesMatchPydicom() throws Exception {
        Path json = InteropData.dir().resolve("dicom-expectations.json");
        if (!Files.isRegularFile(json)) {
            String notice = "SKIPPED pydicom interop tests: " + json + " is missing; run scripts/fetch-interop-data.sh";
            System.err.println(notice);
            Assumptions.abort(notice);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(json.toFile()).get("files")) {
            JsonNode px = f.get("pixels");
            if (px == null || px.isNull() || !SUPPORTED.contains(f.get("transfer_syntax").asText())
                    || f.get("samples_per_pixel").asInt() != 1
                    || !f.get("photometric").asText().startsWith("MONOCHROME")) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(f.get("path").asText(), () -> check(f, px)));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(20);
        return tests.stream();
    }

    private static void check(JsonNode f, JsonNode px) throws Exception {
        ReadResult r = VolumeReaders.installed().read(InteropData.dir().resolve("dicom").resolve(f.get("path").asText()));
        Volume v = r.volume();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int i = 0; i < v.data().length(); i++) {
            double s = v.data().get(i);
            min = Math.min(min, s);
            max = Math.max(max, s);
            sum += s;
        }
        assertThat(min).as("min").isEqualTo(px.get("min").asDouble());
        assertThat(max).as("max").isEqualTo(px.get("max").asDouble());
        assertThat(sum).as("sum").isEqualTo(px.get("sum").asDouble());
        if (f.get("frames").asInt() == 1) {
            for (JsonNode s : px.get("samples")) {
                int row = s.get(1).asInt();
                int col = s.get(2).asInt();
                assertThat(v.stored(col, row, 0)).as("pixel row %d column %d", row, col)
                        .isEqualTo(s.get(s.size() - 1).asDouble());
            }
        }
    }
}
