package hardy.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import hardy.io.ReadResult;
import hardy.io.VolumeReaders;
import hardy.testing.InteropData;
import hardy.volume.Volume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * DICOM series written by scripts/make_dicom_series.py (axial, reversed, sagittal, coronal, oblique,
 * double-oblique, anisotropic fetal-like and rescaled stacks with shuffled file names and instance numbers),
 * read by Hardy and compared with dcm2niix's conversion of the same folder: the same world point must carry the
 * same value, and the volumes must hold the same values in all.
 */
class DicomSeriesInteropTest {

    @TestFactory
    Stream<DynamicTest> hardyAgreesWithDcm2niixOnEveryGeneratedSeries() throws Exception {
        Path json = InteropData.dir().resolve("series/series.json");
        JsonNode all = InteropData.readOrSkip(json, "DICOM series interop tests",
                "scripts/fetch-interop-data.sh (needs apt-get)");
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = all.get("series").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> check(json.getParent(), e.getValue())));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(8);
        return tests.stream();
    }

    private static void check(Path root, JsonNode series) throws Exception {
        JsonNode ref = series.get("dcm2niix");
        ReadResult r = VolumeReaders.installed().read(root.resolve(series.get("folder").asText()));
        Volume v = r.volume();
        long voxels = v.geometry().voxelCount();
        long refVoxels = 1;
        for (JsonNode d : ref.get("shape")) {
            refVoxels *= d.asLong();
        }
        assertThat(voxels).as("voxel count").isEqualTo(refVoxels);
        double sum = 0;
        for (int i = 0; i < v.data().length(); i++) {
            sum += v.value(i);
        }
        assertThat(sum).as("sum of real values").isCloseTo(ref.get("sum").asDouble(), within(1e-6 * Math.abs(sum) + 1));
        for (JsonNode p : ref.get("probe_points")) {
            // dcm2niix and nibabel speak RAS; Hardy's world is LPS.
            double[] ijk = v.geometry().toVoxel(-p.get(0).asDouble(), -p.get(1).asDouble(), p.get(2).asDouble());
            int i = (int) Math.round(ijk[0]);
            int j = (int) Math.round(ijk[1]);
            int k = (int) Math.round(ijk[2]);
            assertThat(new double[] {ijk[0] - i, ijk[1] - j, ijk[2] - k}).as("probe %s falls on a voxel centre", p)
                    .containsExactly(new double[] {0, 0, 0}, within(0.01));
            assertThat(v.value(i, j, k)).as("value at %s", p).isCloseTo(p.get(3).asDouble(), within(1e-4));
        }
        assertThat(r.warnings()).as("warnings").noneMatch(w -> w.contains("irregular") || w.contains("tilt"));
    }
}
