package hardy.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.DicomSource;
import hardy.io.ReadResult;
import hardy.io.VolumeFormatException;
import hardy.testing.ExternalTools;
import hardy.testing.InteropData;
import hardy.volume.Affine;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading DICOM Segmentations onto their series: Hardy's own (values, names and colours come back exactly), ones
 * pydicom writes from scratch (an independent writer: implicit VR, fractional, overlapping segments), and SEGs
 * that do not fit the series, refused in one line.
 */
class DicomSegReaderTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"axial", "oblique", "multiframe"})
    void hardysOwnSegComesBackAsTheSameLabels(String kind) throws Exception {
        ReadResult series = source(kind);
        LabelMap labels = SegTestSeries.labels(series);
        Path seg = tmp.resolve("seg.dcm");
        DicomSegWriter.write(labels, series.dicom().orElseThrow(), DicomSegWriterTest.TABLE,
                SegAlgorithm.semiautomatic("fetal-brain 1.2"), seg);

        DicomSegReader.SegLabels read = DicomSegReader.read(seg, series.volume().geometry(),
                series.dicom().orElseThrow());
        assertThat(read.labels().geometry().sameGrid(series.volume().geometry())).isTrue();
        for (int v = 0; v < labels.volume().data().length(); v++) {
            assertThat(read.labels().volume().data().get(v)).as("voxel %d", v).isEqualTo(labels.volume().data().get(v));
        }
        assertThat(read.table().entries()).containsExactlyElementsOf(DicomSegWriterTest.TABLE.entries());
        assertThat(read.algorithm()).isEqualTo(SegAlgorithm.semiautomatic("fetal-brain 1.2"));
        assertThat(read.warnings()).isEmpty();
        assertThat(read.referencedSeries()).containsExactly(series.dicom().orElseThrow().seriesUid());
    }

    private ReadResult source(String kind) throws Exception {
        return switch (kind) {
            case "axial" -> SegTestSeries.read(SegTestSeries.singleFrame(tmp.resolve("axial"), SegTestSeries.AXIAL, 4));
            case "oblique" -> SegTestSeries.read(SegTestSeries.singleFrame(tmp.resolve("obl"), SegTestSeries.OBLIQUE,
                    5));
            default -> SegTestSeries.read(SegTestSeries.multiFrame(tmp.resolve("mf/e.dcm"), SegTestSeries.OBLIQUE, 4));
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "fractional", "overlap"})
    void aSegWrittenByPydicomOpensOnItsSeries(String mode) throws Exception {
        Path python = ExternalTools.requirePydicom("reading a SEG written by pydicom");
        Path dir = SegTestSeries.singleFrame(tmp.resolve("obl"), SegTestSeries.OBLIQUE, 5);
        ReadResult series = SegTestSeries.read(dir);
        Path seg = tmp.resolve("pydicom-seg.dcm");
        Path raw = tmp.resolve("expected.raw");
        ExternalTools.Run r = ExternalTools.run(List.of(python.toString(), "-Es", "-B",
                InteropData.repo().resolve("scripts/make_seg_pydicom.py").toString(), dir.toString(), seg.toString(),
                raw.toString(), mode), 120);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode written = new ObjectMapper().readTree(r.stdout());

        DicomSegReader.SegLabels read = DicomSegReader.read(seg, series.volume().geometry(),
                series.dicom().orElseThrow());
        ByteBuffer expected = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        long differing = 0;
        for (int v = 0; v < read.labels().volume().data().length(); v++) {
            differing += read.labels().volume().data().get(v) == (expected.getShort() & 0xFFFF) ? 0 : 1;
        }
        assertThat(differing).as("voxels that differ from pydicom's map").isZero();
        assertThat(read.table().name(1)).isEqualTo("Hippocampus");
        assertThat(read.table().name(2)).isEqualTo("Amygdala");
        JsonNode lab = written.get("segments").get(1).get("cielab");
        assertThat(read.table().colour(2)).isEqualTo(CieLab.rgbOfDicom(new int[] {lab.get(0).asInt(),
            lab.get(1).asInt(), lab.get(2).asInt()}));
        assertThat(read.algorithm().type()).isEqualTo(SegAlgorithm.Type.MANUAL);
        switch (mode) {
            case "overlap" -> assertThat(read.warnings()).anyMatch(w -> w.contains("more than one segment"));
            case "fractional" -> assertThat(read.warnings()).anyMatch(w -> w.contains("50%"));
            default -> assertThat(read.warnings()).isEmpty();
        }
    }

    @Test
    void aSegOfAnotherFrameOfReferenceIsRefused() throws Exception {
        ReadResult series = source("axial");
        Path seg = write(series);
        DicomSource s = series.dicom().orElseThrow();
        DicomSource other = new DicomSource(s.studyUid(), s.seriesUid(), "1.2.3.4", s.seriesNumber(), s.modality(),
                s.images(), s.patientStudy());
        assertThatThrownBy(() -> DicomSegReader.read(seg, series.volume().geometry(), other))
                .isInstanceOf(VolumeFormatException.class).hasMessageContaining("another frame of reference")
                .message().doesNotContain("\n");
    }

    @Test
    void aSegOffTheGridIsRefused() throws Exception {
        ReadResult series = source("axial");
        Path seg = write(series);
        Geometry g = series.volume().geometry();
        Geometry half = new Geometry(g.nx(), g.ny(), g.nz(), g.voxelToLps().multiply(
                Affine.scaleTranslate(1, 1, 1, 0.5, 0, 0)));
        assertThatThrownBy(() -> DicomSegReader.read(seg, half, null)).isInstanceOf(VolumeFormatException.class)
                .hasMessageContaining("does not lie on the series' voxel grid");
    }

    @Test
    void aSegReachingBeyondTheSeriesIsRefused() throws Exception {
        ReadResult series = source("axial");
        Path seg = write(series);
        Geometry g = series.volume().geometry();
        Geometry smaller = new Geometry(g.nx() - 2, g.ny(), g.nz(), g.voxelToLps());
        assertThatThrownBy(() -> DicomSegReader.read(seg, smaller, null)).isInstanceOf(VolumeFormatException.class)
                .hasMessageContaining("outside the series' grid");
    }

    @Test
    void anImageIsNotASegmentation() throws Exception {
        Path dir = SegTestSeries.singleFrame(tmp.resolve("axial"), SegTestSeries.AXIAL, 2);
        Path image = Files.list(dir).findFirst().orElseThrow();
        assertThat(DicomSegReader.isSegmentation(image)).isFalse();
        assertThatThrownBy(() -> DicomSegReader.read(image, SegTestSeries.read(dir).volume().geometry(), null))
                .isInstanceOf(VolumeFormatException.class).hasMessageContaining("not a DICOM Segmentation");
    }

    @Test
    void aFolderScanListsTheSegApartAndFindsItForItsSeries() throws Exception {
        Path dir = SegTestSeries.singleFrame(tmp.resolve("study/mr"), SegTestSeries.AXIAL, 4);
        ReadResult series = SegTestSeries.read(dir);
        Path seg = tmp.resolve("study/seg.dcm");
        DicomSegWriter.write(SegTestSeries.labels(series), series.dicom().orElseThrow(), DicomSegWriterTest.TABLE,
                SegAlgorithm.manual(), seg);
        Path other = SegTestSeries.singleFrame(tmp.resolve("study/other"), SegTestSeries.OBLIQUE, 3);
        DicomSeriesScanner.Scan scan = DicomSeriesScanner.scan(tmp.resolve("study"), ProgressListener.NONE,
                Cancellation.NEVER);
        assertThat(scan.series()).hasSize(2);
        assertThat(scan.segmentations()).containsExactly(seg);
        assertThat(DicomSegReader.isSegmentation(seg)).isTrue();
        assertThat(DicomSegReader.referencing(scan.segmentations(), series.dicom().orElseThrow()))
                .containsExactly(seg);
        assertThat(DicomSegReader.referencing(scan.segmentations(),
                SegTestSeries.read(other).dicom().orElseThrow())).isEmpty();
    }

    private Path write(ReadResult series) throws Exception {
        Path seg = tmp.resolve("seg.dcm");
        DicomSegWriter.write(SegTestSeries.labels(series), series.dicom().orElseThrow(), DicomSegWriterTest.TABLE,
                SegAlgorithm.manual(), seg);
        return seg;
    }
}
