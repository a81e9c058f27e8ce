package hardy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.ReadResult;
import hardy.io.VolumeReaders;
import hardy.io.nifti.NiftiWriter;
import hardy.volume.Affine;
import hardy.volume.Geometry;
import hardy.volume.Rescale;
import hardy.volume.Volume;
import hardy.volume.VoxelArray;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {

    @TempDir
    Path dir;

    @Test
    void convertKeepsVoxelTypeValuesAndWorld() throws Exception {
        float[] values = {1.5f, -2.25f, Float.NaN, 1e-3f, 7, 8, 9, 10};
        Geometry g = new Geometry(2, 2, 2, Affine.ofRows(0, 0, 2.5, -10, -0.9, 0, 0, 30, 0, 0.9, 0, 12));
        Volume original = new Volume(g, new VoxelArray.Float32(values), Rescale.IDENTITY);
        Path in = dir.resolve("in.hdr");
        new NiftiWriter().write(original, in, ProgressListener.NONE, Cancellation.NEVER);

        Path out = dir.resolve("out.nii.gz");
        CliRunner r = CliRunner.run("convert", in.toString(), out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        ReadResult back = VolumeReaders.installed().read(out);
        assertThat(back.volume().data().contentEquals(original.data())).isTrue();
        assertThat(back.volume().geometry().sameGrid(g)).isTrue();
    }

    @Test
    void unsupportedOutputNameIsRefusedBeforeReading() throws Exception {
        Path in = Files.write(dir.resolve("whatever.nii"), new byte[10]);
        CliRunner r = CliRunner.run("convert", in.toString(), dir.resolve("out.png").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(".nii, .nii.gz or .hdr");
        assertThat(dir.resolve("out.png")).doesNotExist();
    }

    @Test
    void convertingAFileOntoItselfIsRefused() throws Exception {
        Path in = dir.resolve("same.nii");
        new NiftiWriter().write(Volume.allocate(Geometry.axisAligned(2, 2, 2, new double[] {1, 1, 1},
                new double[] {0, 0, 0}), hardy.volume.VoxelType.UINT8), in, ProgressListener.NONE, Cancellation.NEVER);
        byte[] before = Files.readAllBytes(in);
        CliRunner r = CliRunner.run("convert", in.toString(), in.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(Files.readAllBytes(in)).isEqualTo(before);
    }

    @Test
    void badInputLeavesNoOutputBehind() throws Exception {
        Path in = Files.write(dir.resolve("junk.nii"), "not an image".getBytes());
        Path out = dir.resolve("out.nii");
        CliRunner r = CliRunner.run("convert", in.toString(), out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(in);
        }
    }
}
