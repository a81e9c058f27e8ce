package hardy.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.cli.HardyCli;
import hardy.inference.TinyOnnx;
import hardy.io.ReadOptions;
import hardy.io.VolumeReaders;
import hardy.volume.Volume;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hardy segment --series N DICOM_DIR}: the label map lands on the series' own world grid. */
class DicomSegmentTest {

    @TempDir
    Path tmp;

    @Test
    void segmentsTheChosenSeriesOfAFolder() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dicom"));
        double[] oblique = {1, 0, 0, 0, 0.8, -0.6};
        for (int k = 0; k < 3; k++) {
            DicomBuilder.slice(DicomBuilder.explicitLittle(), "1.2.3", k, new double[] {0, 1.5 * k * 0.6, 1.5 * k * 0.8},
                    oblique, 2 * k).write(dir.resolve("a" + k), DicomParser.EXPLICIT_LE);
        }
        DicomBuilder.slice(DicomBuilder.explicitLittle(), "1.2.4", 1, new double[] {0, 0, 0}, oblique, 9)
                .write(dir.resolve("b"), DicomParser.EXPLICIT_LE);
        Volume series = VolumeReaders.installed().read(dir, new ReadOptions(0, "1"), hardy.core.ProgressListener.NONE,
                hardy.core.Cancellation.NEVER).volume();
        Path model = tmp.resolve("model");
        TinyOnnx.write(model, TinyOnnx.pointwise(new float[] {0, 1}, new float[] {0, -7.5f}, null), 2,
                series.geometry().spacing(), new int[] {4, 4, 4}, "softmax");

        Path out = tmp.resolve("seg.nii.gz");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = HardyCli.run(new PrintWriter(o, true), new PrintWriter(e, true), "segment", "--series", "1",
                dir.toString(), "-o", out.toString(), "--model", model.toString(), "--device", "cpu");
        assertThat(code).as(e.toString()).isZero();
        Volume labels = VolumeReaders.installed().read(out).volume();
        assertThat(labels.geometry().sameGrid(series.geometry())).isTrue();
        for (int v = 0; v < series.data().length(); v++) {
            assertThat(labels.value(v)).isEqualTo(series.value(v) > 7.5 ? 1 : 0);
        }
        assertThat(o.toString()).contains("Device: CPU (");
    }
}
