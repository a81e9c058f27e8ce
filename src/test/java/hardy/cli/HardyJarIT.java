package hardy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code target/hardy.jar}, run in its own JVM as a user runs it. */
class HardyJarIT {

    @TempDir
    Path home;

    private record Run(int exitCode, String out, String err) {
    }

    private Run hardy(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dhardy.home=" + home, "-jar", System.getProperty("hardy.jar")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(home.resolve("stdout").toFile())
                .redirectError(home.resolve("stderr").toFile()).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("hardy finished").isTrue();
        return new Run(p.exitValue(), Files.readString(home.resolve("stdout")), Files.readString(home.resolve("stderr")));
    }

    private static Path demo() {
        return Path.of(System.getProperty("hardy.repo.dir", "."), "assets/demo/demo_t2w.nii.gz");
    }

    @Test
    void infoDescribesTheDemoStudyAsJson() throws Exception {
        Run r = hardy("info", "--json", demo().toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("dims").toString()).isEqualTo("[104,104,104]");
        assertThat(json.get("voxelType").asText()).isEqualTo("int16");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void convertThenInfoAgree() throws Exception {
        Path out = home.resolve("copy.nii");
        assertThat(hardy("convert", demo().toString(), out.toString()).exitCode()).isZero();
        JsonNode a = new ObjectMapper().readTree(hardy("info", "--json", demo().toString()).out());
        JsonNode b = new ObjectMapper().readTree(hardy("info", "--json", out.toString()).out());
        assertThat(b.get("affineRas")).isEqualTo(a.get("affineRas"));
        assertThat(b.get("statistics")).isEqualTo(a.get("statistics"));
    }

    @Test
    void aCorruptFileGetsOneLineExitCode2AndTheStackGoesToTheLog() throws Exception {
        byte[] demo = Files.readAllBytes(demo());
        Path cut = Files.write(home.resolve("cut.nii.gz"), java.util.Arrays.copyOf(demo, demo.length - 1000));
        Run r = hardy("info", cut.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).containsExactly(
                "hardy: error: cut.nii.gz: gzip stream is cut short: the file ends before the voxel data the header "
                        + "describes");
        String log = Files.readString(home.resolve("logs/hardy.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("Command failed", "java.io.EOFException", "at hardy.");
    }

    @Test
    void segmentRunsOnnxRuntimeFromTheJarAndFallsBackFromTheGpu() throws Exception {
        Path model = home.resolve("model");
        hardy.inference.TinyOnnx.write(model, hardy.inference.TinyOnnx.pointwise(new float[] {0, 1},
                new float[] {0, -300}, null), 2, new double[] {2, 2, 2}, new int[] {32, 32, 32}, "softmax");
        Path out = home.resolve("demo_seg.nii.gz");
        Run r = hardy("segment", demo().toString(), "-o", out.toString(), "--model", model.toString(),
                "--device", "gpu");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Device: No GPU found; ran on the CPU (").doesNotContain("ORT_EP_FAIL");
        assertThat(r.err()).contains("hardy: warning: --device gpu was given but no usable GPU was found")
                .doesNotContain("ORT_EP_FAIL").doesNotContain("restricted method");
        JsonNode a = new ObjectMapper().readTree(hardy("info", "--json", demo().toString()).out());
        JsonNode b = new ObjectMapper().readTree(hardy("info", "--json", out.toString()).out());
        assertThat(b.get("dims")).isEqualTo(a.get("dims"));
        assertThat(b.get("affineRas")).isEqualTo(a.get("affineRas"));
        assertThat(b.get("voxelType").asText()).isEqualTo("uint8");
        assertThat(b.get("statistics").get("max").asDouble()).isEqualTo(1.0);
    }

    /** The shipped default model is found, verifies, and segments the demo study offline through the jar. */
    @Test
    void theShippedModelSegmentsTheDemoStudy() throws Exception {
        Run models = hardy("models", "--verify");
        assertThat(models.exitCode()).as(models.err()).isZero();
        assertThat(models.out()).contains("fetal-brain").contains("verified: SHA-256 matches");

        Path out = home.resolve("demo_seg.nii.gz");
        Run seg = hardy("segment", demo().toString(), "-o", out.toString(), "--device", "cpu");
        assertThat(seg.exitCode()).as(seg.err()).isZero();
        assertThat(seg.out()).contains("fetal-brain").contains("White matter");
        JsonNode labels = new ObjectMapper().readTree(hardy("info", "--json", out.toString()).out());
        JsonNode image = new ObjectMapper().readTree(hardy("info", "--json", demo().toString()).out());
        assertThat(labels.get("affineRas")).isEqualTo(image.get("affineRas"));
        assertThat(labels.get("statistics").get("max").asDouble()).isBetween(3.0, 7.0);
    }

    @Test
    void helpPrintsTheUsage() throws Exception {
        Run r = hardy("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: hardy", "info", "convert");
    }

    @Test
    void theViewCommandWithoutAnImageExplainsItselfWithoutOpeningAWindow() throws Exception {
        // No arguments at all open the desktop viewer, which needs a display; "view" is checked before that.
        Run r = hardy("view");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly("hardy: error: view needs an IMAGE",
                "Usage: hardy view IMAGE [--labels LABELS]");
    }
}
