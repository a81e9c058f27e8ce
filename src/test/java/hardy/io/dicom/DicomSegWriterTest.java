package hardy.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import hardy.io.DicomSource;
import hardy.io.ReadResult;
import hardy.volume.LabelMap;
import hardy.volume.LabelTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every SEG Hardy writes passes dciodvfy without errors and reads back in pydicom with its frames, placed by
 * their plane positions, equal to the label map voxel for voxel: for axial, double-oblique and enhanced
 * multi-frame sources.
 */
class DicomSegWriterTest {

    /** Labels 1, 2, 4, 7 with names; 7 is a site's own label (no code) with a non-ASCII name. */
    static final LabelTable TABLE = LabelTable.of(List.of(
            new LabelTable.Entry(1, "External CSF", 0x56B4E9),
            new LabelTable.Entry(2, "Grey matter", 0xD55E00),
            new LabelTable.Entry(4, "Ventricles", 0x0072B2),
            new LabelTable.Entry(7, "Lésion péri-ventriculaire", 0xFF0000)));

    @TempDir
    Path tmp;

    @Test
    void axialSeriesGivesAValidSegOnItsSlices() throws Exception {
        ReadResult series = SegTestSeries.read(SegTestSeries.singleFrame(tmp.resolve("axial"),
                SegTestSeries.AXIAL, 4));
        checkRoundTrip(series, SegAlgorithm.automatic("fetal-brain 1.2"));
    }

    @Test
    void obliqueSeriesGivesAValidSegOnItsSlices() throws Exception {
        ReadResult series = SegTestSeries.read(SegTestSeries.singleFrame(tmp.resolve("oblique"),
                SegTestSeries.OBLIQUE, 5));
        assertThat(series.volume().geometry().isOrthogonal()).isTrue();
        checkRoundTrip(series, SegAlgorithm.semiautomatic("fetal-brain 1.2"));
    }

    @Test
    void enhancedMultiFrameSeriesIsReferencedFrameByFrame() throws Exception {
        ReadResult series = SegTestSeries.read(SegTestSeries.multiFrame(tmp.resolve("mf/enhanced.dcm"),
                SegTestSeries.OBLIQUE, 4));
        DicomSource source = series.dicom().orElseThrow();
        assertThat(source.multiFrame()).isTrue();
        assertThat(source.images()).extracting(DicomSource.Image::sopInstanceUid).containsOnly(
                "1.2.826.0.1.3680043.9.7001.5.1");
        assertThat(source.images()).extracting(DicomSource.Image::frameNumber).doesNotHaveDuplicates()
                .isNotEqualTo(List.of(1, 2, 3, 4));
        checkRoundTrip(series, SegAlgorithm.manual());
    }

    private void checkRoundTrip(ReadResult series, SegAlgorithm algorithm) throws Exception {
        LabelMap labels = SegTestSeries.labels(series);
        Path seg = tmp.resolve("seg-" + System.nanoTime() + ".dcm");
        DicomSegWriter.Written w = DicomSegWriter.write(labels, series.dicom().orElseThrow(), TABLE, algorithm, seg);
        assertThat(w.segments()).isEqualTo(4);
        assertThat(w.studyUid()).isEqualTo(SegTestSeries.STUDY_UID);

        SegValidation.assertDciodvfyPasses(seg);
        SegValidation.Pydicom p = SegValidation.readWithPydicom(seg, series, tmp);
        int[] valueOfSegment = {0, 1, 2, 4, 7};
        for (int v = 0; v < p.segmentOfVoxel().length; v++) {
            assertThat(valueOfSegment[p.segmentOfVoxel()[v]]).as("voxel %d", v)
                    .isEqualTo((int) labels.volume().data().get(v));
        }
        JsonNode segments = p.summary().get("segments");
        assertThat(segments).hasSize(4);
        for (int s = 0; s < 4; s++) {
            JsonNode seg1 = segments.get(s);
            int value = valueOfSegment[s + 1];
            assertThat(seg1.get("number").asInt()).isEqualTo(s + 1);
            assertThat(seg1.get("label").asText()).isEqualTo(TABLE.name(value));
            assertThat(seg1.get("description").asText()).isEqualTo("Hardy label value " + value);
            assertThat(seg1.get("algorithm_type").asText()).isEqualTo(algorithm.type().name());
            assertThat(seg1.get("algorithm_name").asText()).isEqualTo(algorithm.name());
            int[] lab = CieLab.dicomOf(TABLE.colour(value));
            assertThat(seg1.get("cielab")).extracting(JsonNode::asInt).containsExactly(lab[0], lab[1], lab[2]);
        }
        assertThat(segments.get(0).get("type").get(0).asText()).isEqualTo("33930006");
        assertThat(segments.get(0).get("category").get(0).asText()).isEqualTo("123037004");
        assertThat(segments.get(3).get("type").get(0).asText()).isEqualTo("85756007");
        assertThat(p.summary().get("charset").asText()).isEqualTo("ISO_IR 192");
        // Only the patient attributes a SEG copies; the source's PatientAge stays behind.
        JsonNode patient = p.summary().get("patient");
        assertThat(Map.of("PatientName", patient.get("PatientName").asText(), "PatientID",
                patient.get("PatientID").asText(), "PatientBirthDate", patient.get("PatientBirthDate").asText(),
                "PatientSex", patient.get("PatientSex").asText())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PatientName", "DOE^JANE", "PatientID", "PID-0042", "PatientBirthDate", "19900101",
                "PatientSex", "F"));
        assertThat(patient.has("PatientAge")).isFalse();
    }

    @Test
    void framesAreOnlyTheSlicesThatHoldTheSegment() throws Exception {
        ReadResult series = SegTestSeries.read(SegTestSeries.singleFrame(tmp.resolve("axial"),
                SegTestSeries.AXIAL, 4));
        Path seg = tmp.resolve("seg.dcm");
        // labels 1, 2, 7 on slices 1..3, label 4 on slice 2 only; slice 0 empty
        DicomSegWriter.Written w = DicomSegWriter.write(SegTestSeries.labels(series), series.dicom().orElseThrow(),
                TABLE, SegAlgorithm.manual(), seg);
        assertThat(w.frames()).isEqualTo(3 + 3 + 1 + 3);
    }

    @Test
    void anEmptyLabelMapIsRefusedInOneLine() throws Exception {
        ReadResult series = SegTestSeries.read(SegTestSeries.singleFrame(tmp.resolve("axial"),
                SegTestSeries.AXIAL, 3));
        Path seg = tmp.resolve("seg.dcm");
        assertThatThrownBy(() -> DicomSegWriter.write(LabelMap.empty(series.volume().geometry(), 255),
                series.dicom().orElseThrow(), TABLE, SegAlgorithm.manual(), seg))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThat(Files.exists(seg)).isFalse();
    }

    @Test
    void labelsOfAnotherSeriesAreRefused() throws Exception {
        ReadResult axial = SegTestSeries.read(SegTestSeries.singleFrame(tmp.resolve("axial"),
                SegTestSeries.AXIAL, 4));
        ReadResult oblique = SegTestSeries.read(SegTestSeries.singleFrame(tmp.resolve("oblique"),
                SegTestSeries.OBLIQUE, 4));
        assertThatThrownBy(() -> DicomSegWriter.write(SegTestSeries.labels(oblique), axial.dicom().orElseThrow(),
                TABLE, SegAlgorithm.manual(), tmp.resolve("seg.dcm")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not made on this series");
    }

    @Test
    void decimalStringsFitSixteenCharacters() {
        assertThat(DicomSegWriter.decimals(-0.49424381076780003, 20, 1e-20, -73.656499051007))
                .isEqualTo("-0.4942438107678\\20\\1E-20\\-73.656499051007");
    }
}
