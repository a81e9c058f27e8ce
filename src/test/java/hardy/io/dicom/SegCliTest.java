package hardy.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.cli.HardyCli;
import hardy.inference.TinyOnnx;
import hardy.io.ReadResult;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.io.labels.LabelTableFiles;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hardy segment ... --seg OUT.dcm} and {@code hardy seg}: SEGs that pass dciodvfy, read back to the same
 * labels, and one-line errors (exit 2) for inputs that cannot have a SEG.
 */
class SegCliTest {

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = HardyCli.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
        return new Result(code, o.toString(), e.toString());
    }

    private Path model(Volume series) throws Exception {
        Path model = tmp.resolve("model");
        TinyOnnx.write(model, TinyOnnx.pointwise(new float[] {0, 1}, new float[] {0, -150f}, null), 2,
                series.geometry().spacing(), new int[] {4, 4, 4}, "softmax");
        return model;
    }

    @Test
    void segmentWritesTheSegOfItsLabelsToo() throws Exception {
        Path dir = SegTestSeries.singleFrame(tmp.resolve("dicom"), SegTestSeries.OBLIQUE, 4);
        ReadResult series = SegTestSeries.read(dir);
        Path nifti = tmp.resolve("labels.nii.gz");
        Path seg = tmp.resolve("labels.dcm");
        Result r = run("segment", dir.toString(), "-o", nifti.toString(), "--seg", seg.toString(), "--model",
                model(series.volume()).toString(), "--device", "cpu");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("DICOM SEG, 1 segment in");
        SegValidation.assertDciodvfyPasses(seg);
        LabelMap labels = LabelMap.fromImage(VolumeReaders.installed().read(nifti).volume());
        DicomSegReader.SegLabels back = DicomSegReader.read(seg, series.volume().geometry(),
                series.dicom().orElseThrow());
        for (int v = 0; v < labels.volume().data().length(); v++) {
            assertThat(back.labels().volume().data().get(v)).isEqualTo(labels.volume().data().get(v));
            assertThat(labels.volume().data().get(v)).isEqualTo(series.volume().value(v) > 150 ? 1 : 0);
        }
        assertThat(back.algorithm().type()).isEqualTo(SegAlgorithm.Type.AUTOMATIC);
    }

    @Test
    void segmentOfANiftiImageWithSegSaysItHasNoDicomIdentity() throws Exception {
        Path dir = SegTestSeries.singleFrame(tmp.resolve("dicom"), SegTestSeries.AXIAL, 4);
        ReadResult series = SegTestSeries.read(dir);
        Path image = tmp.resolve("image.nii.gz");
        VolumeWriters.installed().writerFor(image).write(series.volume(), image, hardy.core.ProgressListener.NONE,
                hardy.core.Cancellation.NEVER);
        Path seg = tmp.resolve("labels.dcm");
        Result r = run("segment", image.toString(), "-o", tmp.resolve("l.nii.gz").toString(), "--seg",
                seg.toString(), "--model", model(series.volume()).toString(), "--device", "cpu");
        assertThat(r.code()).isEqualTo(HardyCli.EXIT_BAD_INPUT);
        assertThat(r.err().strip()).doesNotContain("\n").contains("no DICOM identity").contains("NIfTI only");
        assertThat(Files.exists(seg)).isFalse();
    }

    @Test
    void segConvertsLabelsToASegAndBack() throws Exception {
        Path dir = SegTestSeries.multiFrame(tmp.resolve("mf/enhanced.dcm"), SegTestSeries.OBLIQUE, 4);
        ReadResult series = SegTestSeries.read(dir);
        LabelMap labels = SegTestSeries.labels(series);
        Path nifti = tmp.resolve("case_labels.nii.gz");
        VolumeWriters.installed().writerFor(nifti).write(labels.volume(), nifti, hardy.core.ProgressListener.NONE,
                hardy.core.Cancellation.NEVER);
        LabelTableFiles.write(LabelTableFiles.sidecar(nifti), DicomSegWriterTest.TABLE,
                LabelTableFiles.Format.ITK_SNAP);
        Path seg = tmp.resolve("case.dcm");
        Result r = run("seg", nifti.toString(), "--source", dir.toString(), "-o", seg.toString(), "--algorithm",
                "fetal-brain 1.0", "--edited");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 segments").contains("semiautomatic");
        SegValidation.assertDciodvfyPasses(seg);

        Path back = tmp.resolve("back.nii.gz");
        r = run("seg", "--to-nifti", seg.toString(), "--source", dir.toString(), "-o", back.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Volume read = VolumeReaders.installed().read(back).volume();
        assertThat(read.geometry().sameGrid(series.volume().geometry())).isTrue();
        for (int v = 0; v < read.data().length(); v++) {
            assertThat(read.value(v)).isEqualTo(labels.volume().data().get(v));
        }
        assertThat(LabelTableFiles.read(LabelTableFiles.sidecar(back)).entries())
                .containsExactlyElementsOf(DicomSegWriterTest.TABLE.entries());
    }

    @Test
    void segOfLabelsOnAnotherGridIsRefusedInOneLine() throws Exception {
        Path dir = SegTestSeries.singleFrame(tmp.resolve("dicom"), SegTestSeries.AXIAL, 4);
        Path other = SegTestSeries.singleFrame(tmp.resolve("other"), SegTestSeries.OBLIQUE, 4);
        Path nifti = tmp.resolve("l.nii.gz");
        VolumeWriters.installed().writerFor(nifti).write(SegTestSeries.labels(SegTestSeries.read(other)).volume(),
                nifti, hardy.core.ProgressListener.NONE, hardy.core.Cancellation.NEVER);
        Result r = run("seg", nifti.toString(), "--source", dir.toString(), "-o", tmp.resolve("s.dcm").toString());
        assertThat(r.code()).isEqualTo(HardyCli.EXIT_BAD_INPUT);
        assertThat(r.err().strip()).doesNotContain("\n").contains("not on the grid of the DICOM series");
    }

    @Test
    void aSegThatDoesNotFitTheSeriesIsRefusedInOneLine() throws Exception {
        Path dir = SegTestSeries.singleFrame(tmp.resolve("dicom"), SegTestSeries.AXIAL, 4);
        Path other = SegTestSeries.singleFrame(tmp.resolve("other"), SegTestSeries.OBLIQUE, 4);
        ReadResult o = SegTestSeries.read(other);
        Path seg = tmp.resolve("s.dcm");
        DicomSegWriter.write(SegTestSeries.labels(o), o.dicom().orElseThrow(), DicomSegWriterTest.TABLE,
                SegAlgorithm.manual(), seg);
        Result r = run("seg", "--to-nifti", seg.toString(), "--source", dir.toString(), "-o",
                tmp.resolve("x.nii.gz").toString());
        assertThat(r.code()).isEqualTo(HardyCli.EXIT_BAD_INPUT);
        assertThat(r.err().strip()).doesNotContain("\n").contains("does not lie on the series' voxel grid");
    }
}
