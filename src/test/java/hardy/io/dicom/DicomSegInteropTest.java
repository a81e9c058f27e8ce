package hardy.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.io.ReadResult;
import hardy.io.VolumeReaders;
import hardy.testing.InteropData;
import hardy.volume.FetalLabels;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEGs of series written by other software: the synthetic axial, oblique, double-oblique and anisotropic series
 * that pydicom writes (scripts/make_dicom_series.py) and Philips' enhanced multi-frame MR from nibabel's test
 * data. Each SEG passes dciodvfy, pydicom places its frames exactly on the label map, and Hardy reads it back
 * onto the same world grid.
 */
class DicomSegInteropTest {

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> segsOfSeriesFromOtherSoftwareAreValidAndExact() throws Exception {
        InteropData.readOrSkip(InteropData.dir().resolve("series/series.json"), "DICOM SEG interop tests",
                "scripts/fetch-interop-data.sh (needs apt-get)");
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : List.of("axial", "oblique", "double_oblique", "aniso_fetal")) {
            Path dir = InteropData.dir().resolve("series").resolve(name);
            tests.add(DynamicTest.dynamicTest(name, () -> check(dir, name)));
        }
        Path enhanced = InteropData.dir().resolve("dicom/python3-nibabel/nicom/tests/data/philips_mprage.dcm");
        if (Files.isRegularFile(enhanced)) {
            tests.add(DynamicTest.dynamicTest("philips_mprage (enhanced MR)", () -> check(enhanced, "enhanced")));
        }
        assertThat(tests).hasSize(5);
        return tests.stream();
    }

    private void check(Path source, String name) throws Exception {
        ReadResult series = VolumeReaders.installed().read(source);
        LabelMap labels = thirds(series.volume());
        Path seg = tmp.resolve(name + ".dcm");
        DicomSegWriter.write(labels, series.dicom().orElseThrow(), FetalLabels.TABLE,
                SegAlgorithm.automatic("fetal-brain 1.0"), seg);
        SegValidation.assertDciodvfyPasses(seg);
        SegValidation.Pydicom p = SegValidation.readWithPydicom(seg, series, tmp);
        long differing = 0;
        for (int v = 0; v < p.segmentOfVoxel().length; v++) {
            differing += p.segmentOfVoxel()[v] == (int) labels.volume().data().get(v) ? 0 : 1;
        }
        assertThat(differing).as("voxels where pydicom's placement differs").isZero();
        DicomSegReader.SegLabels back = DicomSegReader.read(seg, series.volume().geometry(),
                series.dicom().orElseThrow());
        assertThat(back.labels().geometry().sameGrid(series.volume().geometry())).isTrue();
        for (int v = 0; v < labels.volume().data().length(); v++) {
            assertThat(back.labels().volume().data().get(v)).isEqualTo(labels.volume().data().get(v));
        }
    }

    /**
     * Labels 1 and 2 for the upper two thirds of the image's value range: a label map with real structure. An image
     * without contrast (nibabel's Philips file has its pixels blanked) gets two nested boxes instead.
     */
    private static LabelMap thirds(Volume image) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < image.data().length(); v++) {
            min = Math.min(min, image.value(v));
            max = Math.max(max, image.value(v));
        }
        LabelMap labels = LabelMap.empty(image.geometry(), 2);
        if (!(max > min)) {
            int[] n = image.geometry().dims();
            for (int k = n[2] / 4; k < 3 * n[2] / 4; k++) {
                for (int j = n[1] / 4; j < 3 * n[1] / 4; j++) {
                    for (int i = n[0] / 4; i < 3 * n[0] / 4; i++) {
                        boolean inner = Math.abs(i - n[0] / 2) < n[0] / 8 && Math.abs(j - n[1] / 2) < n[1] / 8;
                        labels.setLabel(i, j, k, inner ? 2 : 1);
                    }
                }
            }
            return labels;
        }
        for (int v = 0; v < image.data().length(); v++) {
            double t = (image.value(v) - min) / (max - min);
            labels.volume().data().set(v, t > 2.0 / 3 ? 2 : t > 1.0 / 3 ? 1 : 0);
        }
        return labels;
    }
}
