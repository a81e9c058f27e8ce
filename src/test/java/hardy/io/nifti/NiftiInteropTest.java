package hardy.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import hardy.io.ReadResult;
import hardy.io.VolumeFormatException;
import hardy.io.VolumeReaders;
import hardy.testing.InteropData;
import hardy.volume.Affine;
import hardy.volume.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every NIfTI file in Debian's python3-nibabel and mricron-data packages, read by Hardy and compared with what
 * nibabel says of the same file: dimensions, the voxel-to-RAS affine, and the first volume's values.
 */
class NiftiInteropTest {

    private static final VolumeReaders READERS = VolumeReaders.installed();

    @TestFactory
    Stream<DynamicTest> hardyReadsWhatNibabelReads() throws Exception {
        JsonNode expectations = InteropData.expectations();
        List<JsonNode> files = InteropData.loadable(expectations);
        assertThat(files).as("interop files with nibabel expectations").hasSizeGreaterThanOrEqualTo(15);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.get("path").asText(), () -> check(f)));
    }

    @TestFactory
    Stream<DynamicTest> filesNibabelCannotLoadAreRefusedClearly() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode f : InteropData.expectations().get("files")) {
            if (!f.get("error").isNull()) {
                tests.add(DynamicTest.dynamicTest(f.get("path").asText(), () ->
                        assertThatThrownBy(() -> READERS.read(InteropData.file(f)))
                                .isInstanceOf(VolumeFormatException.class)
                                .hasMessageContaining(InteropData.file(f).getFileName().toString())));
            }
        }
        return tests.stream();
    }

    private static void check(JsonNode f) throws Exception {
        ReadResult result = READERS.read(InteropData.file(f));
        Volume v = result.volume();
        JsonNode shape = f.get("shape");
        assertThat(new int[] {v.nx(), v.ny(), v.nz()}).as("dims").containsExactly(
                shape.get(0).asInt(), shape.size() > 1 ? shape.get(1).asInt() : 1,
                shape.size() > 2 ? shape.get(2).asInt() : 1);
        assertThat(result.format()).isEqualTo(f.get("format").asText().equals("nifti1") ? "NIfTI-1" : "NIfTI-2");

        double[][] expected = new double[4][4];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                expected[r][c] = f.get("affine").get(r).get(c).asDouble();
            }
        }
        Affine nibabel = Affine.ofRows(expected[0][0], expected[0][1], expected[0][2], expected[0][3],
                expected[1][0], expected[1][1], expected[1][2], expected[1][3],
                expected[2][0], expected[2][1], expected[2][2], expected[2][3]);
        assertThat(v.geometry().voxelToRas().maxAbsDifference(nibabel)).as("affine vs nibabel " + nibabel)
                .isLessThan(1e-5);

        JsonNode vol0 = f.get("vol0");
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long nan = 0;
        for (int i = 0, n = v.data().length(); i < n; i++) {
            double x = v.value(i);
            if (Double.isNaN(x)) {
                nan++;
                continue;
            }
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
        }
        assertThat(nan).as("NaN voxels").isEqualTo(vol0.get("nan_count").asLong());
        double scale = Math.max(1, Math.abs(InteropData.number(vol0.get("max"))));
        assertThat(min).as("min").isCloseTo(InteropData.number(vol0.get("min")), within(1e-6 * scale));
        assertThat(max).as("max").isCloseTo(InteropData.number(vol0.get("max")), within(1e-6 * scale));
        double expectedSum = InteropData.number(vol0.get("sum"));
        assertThat(sum).as("sum").isCloseTo(expectedSum, within(1e-9 * Math.abs(expectedSum) + 1e-6 * scale));
        for (JsonNode s : vol0.get("samples")) {
            int i = s.get(0).asInt();
            int j = s.get(1).asInt();
            int k = s.get(2).asInt();
            double want = InteropData.number(s.get(3));
            double got = v.value(i, j, k);
            if (Double.isNaN(want)) {
                assertThat(got).as("voxel (%d,%d,%d)", i, j, k).isNaN();
            } else {
                assertThat(got).as("voxel (%d,%d,%d)", i, j, k).isCloseTo(want, within(1e-6 * scale));
            }
        }
    }
}
