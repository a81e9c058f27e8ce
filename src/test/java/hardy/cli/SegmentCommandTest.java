package hardy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.inference.TinyOnnx;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.volume.Affine;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import hardy.volume.VoxelArray;
import hardy.volume.VoxelType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hardy segment} and {@code hardy models} end to end, with a tiny thresholding network. */
class SegmentCommandTest {

    @TempDir
    Path tmp;

    private Path modelDir;
    private Path image;
    private Volume volume;

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("hardy.home", tmp.resolve("home").toString());
        System.setProperty("hardy.models.dir", tmp.resolve("shipped").toString());
        // int16, oblique and anisotropic: the label map must come back on exactly this grid
        Affine affine = Affine.ofRows(0.0, -0.8, 0.1, 20, 0.9, 0.0, 0.0, -10, 0.0, 0.1, 2.0, 5);
        volume = Volume.allocate(new Geometry(11, 9, 7, affine), VoxelType.INT16);
        VoxelArray d = volume.data();
        for (int i = 0; i < d.length(); i++) {
            d.set(i, (i * 37) % 100);
        }
        // the card's spacing is the image's, so no resampling: every voxel's answer is known exactly
        modelDir = tmp.resolve("model");
        ObjectNode card = TinyOnnx.write(modelDir, TinyOnnx.pointwise(new float[] {0, 1}, new float[] {0, -50}, null),
                2, volume.geometry().spacing(), new int[] {8, 8, 8}, "softmax");
        card.put("name", "threshold50");
        TinyOnnx.writeCard(modelDir, card);
        image = tmp.resolve("case1.nii.gz");
        VolumeWriters.installed().writerFor(image).write(volume, image, ProgressListener.NONE, Cancellation.NEVER);
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("hardy.home");
        System.clearProperty("hardy.models.dir");
    }

    private long expectedForeground() {
        long n = 0;
        for (int i = 0; i < volume.data().length(); i++) {
            n += volume.value(i) > 50 ? 1 : 0;
        }
        return n;
    }

    @Test
    void segmentsANiftiFileOntoItsOwnGrid() throws Exception {
        Path out = tmp.resolve("out/case1_seg.nii.gz");
        CliRunner r = CliRunner.run("segment", image.toString(), "-o", out.toString(), "--model", modelDir.toString(),
                "--device", "cpu", "--threads", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Model: threshold50 1.0").contains("Device: CPU (1 thread)")
                .contains("class 1");
        LabelMap labels = LabelMap.fromImage(VolumeReaders.installed().read(out).volume());
        assertThat(labels.geometry().sameGrid(volume.geometry())).isTrue();
        for (int i = 0; i < volume.data().length(); i++) {
            assertThat((int) labels.volume().data().get(i)).isEqualTo(volume.value(i) > 50 ? 1 : 0);
        }
        assertThat(r.out()).contains(expectedForeground() + " voxels");
    }

    @Test
    void gpuRequestFallsBackToTheCpuAndSaysSoOnceInPlainWords() {
        org.junit.jupiter.api.Assumptions.assumeFalse(java.nio.file.Files.exists(Path.of("/dev/nvidia0")),
                "this machine has a GPU; the fallback cannot be observed");
        CliRunner r = CliRunner.run("segment", image.toString(), "-o", tmp.resolve("s.nii.gz").toString(),
                "--model", modelDir.toString(), "--device", "gpu", "--threads", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Device: No GPU found; ran on the CPU (1 thread)\n");
        assertThat(r.err()).contains("hardy: warning: --device gpu was given but no usable GPU was found; the reason "
                + "is in the log");
        assertThat(r.out() + r.err()).as("the engine's own words stay in the log")
                .doesNotContain("ORT_EP_FAIL", "CUDA", "Error code").containsOnlyOnce("No GPU found");
    }

    @Test
    void theDefaultDeviceFallsBackWithoutAWarning() {
        org.junit.jupiter.api.Assumptions.assumeFalse(java.nio.file.Files.exists(Path.of("/dev/nvidia0")),
                "this machine has a GPU; the fallback cannot be observed");
        CliRunner r = CliRunner.run("segment", image.toString(), "-o", tmp.resolve("s.nii.gz").toString(),
                "--model", modelDir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(r.out()).contains("Device: No GPU found; ran on the CPU (" + cores + (cores == 1 ? " thread)"
                : " threads)"));
        assertThat(r.err()).doesNotContain("warning", "ORT_EP_FAIL", "CUDA");
    }

    @Test
    void probabilitiesAreWrittenPerClassWithEntropy() throws Exception {
        Path probs = tmp.resolve("case1_probs.nii.gz");
        CliRunner r = CliRunner.run("segment", image.toString(), "-o", tmp.resolve("s.nii.gz").toString(),
                "--model", modelDir.toString(), "--device", "cpu", "--tta", "--step", "0.25",
                "--probabilities", probs.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Volume p1 = VolumeReaders.installed().read(tmp.resolve("case1_probs_c1.nii.gz")).volume();
        assertThat(p1.type()).isEqualTo(VoxelType.FLOAT32);
        assertThat(p1.geometry().sameGrid(volume.geometry())).isTrue();
        assertThat(p1.value(5)).isCloseTo(1 / (1 + Math.exp(-(volume.value(5) - 50))), org.assertj.core.api.Assertions.within(1e-5));
        assertThat(tmp.resolve("case1_probs_c0.nii.gz")).exists();
        assertThat(tmp.resolve("case1_probs_entropy.nii.gz")).exists();
    }

    @Test
    void batchKeepsGoingPastABadFileAndExitsTwo() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("batch"));
        Files.copy(image, in.resolve("a.nii.gz"));
        Files.writeString(in.resolve("b.nii.gz"), "not a volume");
        Files.copy(image, in.resolve("c.nii.gz"));
        Files.copy(image, in.resolve("d_image.nii.gz"));
        Files.copy(image, in.resolve("d_labels.nii.gz")); // a label map beside its image: not an input
        Path out = tmp.resolve("batch-out");
        CliRunner r = CliRunner.run("segment", "--batch", in.toString(), "-o", out.toString(), "--model",
                modelDir.toString(), "--device", "cpu");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(out.resolve("a_seg.nii.gz")).exists();
        assertThat(out.resolve("c_seg.nii.gz")).exists();
        assertThat(out.resolve("b_seg.nii.gz")).doesNotExist();
        assertThat(out.resolve("d_seg.nii.gz")).exists();
        assertThat(out.resolve("d_labels_seg.nii.gz")).doesNotExist();
        assertThat(r.out()).contains("Segmented 3 of 4 inputs.").contains("FAILED b.nii.gz");
        assertThat(r.err()).contains("hardy: error: b.nii.gz");
    }

    /** A hardy synth folder holds cases.csv beside the images: skipped and said, not a failure. */
    @Test
    void batchSkipsFilesThatAreNotImagesAndSaysSo() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("synth"));
        Files.copy(image, in.resolve("case000_image.nii.gz"));
        Files.copy(image, in.resolve("case000_labels.nii.gz"));
        Files.writeString(in.resolve("cases.csv"), "case,seed,gestational_age_weeks,subgroup\ncase000,1,30,normal\n");
        Path out = tmp.resolve("synth-out");
        CliRunner r = CliRunner.run("segment", "--batch", in.toString(), "-o", out.toString(), "--model",
                modelDir.toString(), "--device", "cpu");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(out.resolve("case000_seg.nii.gz")).exists();
        assertThat(r.out()).contains("Segmented 1 of 1 inputs.").contains("Skipped 1 file that is not an image: "
                + "cases.csv");
        assertThat(r.err()).doesNotContain("cases.csv");
    }

    @Test
    void aModelWhoseHashDoesNotMatchIsRefusedInOneLine() throws Exception {
        Files.write(modelDir.resolve("model.onnx"), TinyOnnx.pointwise(new float[] {0, 2}, new float[] {0, -50}, null));
        CliRunner r = CliRunner.run("segment", image.toString(), "-o", tmp.resolve("s.nii.gz").toString(),
                "--model", modelDir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("hardy: error: ").contains("model refused: SHA-256").doesNotContain("\n");
        assertThat(tmp.resolve("s.nii.gz")).doesNotExist();
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        CliRunner r = CliRunner.run("segment", image.toString(), "-o", tmp.resolve("s.nii.gz").toString(),
                "--model", modelDir.toString(), "--step", "1.5");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("hardy: error: --step must be in (0, 1], got 1.5\n");
        CliRunner threads = CliRunner.run("segment", image.toString(), "-o", tmp.resolve("s.nii.gz").toString(),
                "--model", modelDir.toString(), "--threads", "-1");
        assertThat(threads.err()).isEqualTo("hardy: error: --threads must be 0 (all cores) or more, got -1\n");
        CliRunner device = CliRunner.run("segment", image.toString(), "-o", tmp.resolve("s.nii.gz").toString(),
                "--model", modelDir.toString(), "--device", "tpu");
        assertThat(device.err()).isEqualTo("hardy: error: --device must be auto, cpu or gpu, not 'tpu'\n");
        CliRunner unknown = CliRunner.run("segment", image.toString(), "-o", tmp.resolve("s.nii.gz").toString(),
                "--model", "no-such-model");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no model 'no-such-model'").contains("no models are installed")
                .contains(". Give --model with a model folder");
    }

    @Test
    void modelsListsNothingGracefullyThenTheUsersModelByName() throws Exception {
        CliRunner empty = CliRunner.run("models");
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.out()).contains("No models installed");

        Path user = tmp.resolve("home/models/threshold");
        Files.createDirectories(user.getParent());
        Files.move(modelDir, user);
        CliRunner listed = CliRunner.run("models", "--verify");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("threshold50 1.0 [user]").contains("labels: 1 class 1")
                .contains("verified: SHA-256 matches");

        CliRunner byName = CliRunner.run("segment", image.toString(), "-o", tmp.resolve("n.nii.gz").toString(),
                "--model", "threshold50", "--device", "cpu");
        assertThat(byName.exitCode()).as(byName.err()).isZero();
    }
}
