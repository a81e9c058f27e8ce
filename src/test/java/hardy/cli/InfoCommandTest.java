package hardy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
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

class InfoCommandTest {

    @TempDir
    Path dir;

    /** A 3 x 2 x 2 int16 volume, 0.5 x 0.8 x 3 mm, LPS axes reversed in x: RAS orientation "RAS". */
    private Path sample() throws Exception {
        short[] values = new short[12];
        for (int i = 0; i < values.length; i++) {
            values[i] = (short) (i * 10);
        }
        Geometry g = new Geometry(3, 2, 2, Affine.scaleTranslate(-0.5, -0.8, 3, 10, 20, -30));
        Path file = dir.resolve("sample.nii.gz");
        new NiftiWriter().write(new Volume(g, new VoxelArray.Int16(values), new Rescale(0.5, 1)), file,
                ProgressListener.NONE, Cancellation.NEVER);
        return file;
    }

    @Test
    void jsonReportFollowsTheDocumentedSchema() throws Exception {
        Path file = sample();
        CliRunner r = CliRunner.run("info", "--json", file.toString());
        assertThat(r.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("schema").asText()).isEqualTo("hardy-info/1");
        assertThat(json.get("format").asText()).isEqualTo("NIfTI-1");
        assertThat(json.get("voxelType").asText()).isEqualTo("int16");
        assertThat(json.get("dims").toString()).isEqualTo("[3,2,2]");
        assertThat(json.get("orientation").asText()).isEqualTo("RAS");
        // RAS affine: LPS x and y negated.
        JsonNode a = json.get("affineRas");
        assertThat(a.get(0).get(0).asDouble()).isCloseTo(0.5, within(1e-6));
        assertThat(a.get(0).get(3).asDouble()).isCloseTo(-10, within(1e-6));
        assertThat(a.get(1).get(3).asDouble()).isCloseTo(-20, within(1e-6));
        assertThat(a.get(2).get(3).asDouble()).isCloseTo(-30, within(1e-6));
        assertThat(a.get(3).toString()).isEqualTo("[0.0,0.0,0.0,1.0]");
        assertThat(json.get("spacing").get(1).asDouble()).isCloseTo(0.8, within(1e-6));
        assertThat(json.get("rescale").get("slope").asDouble()).isEqualTo(0.5);
        JsonNode stats = json.get("statistics");
        assertThat(stats.get("min").asDouble()).isEqualTo(1);
        assertThat(stats.get("max").asDouble()).isEqualTo(56);
        assertThat(json.get("details").get("sformCode").asInt()).isEqualTo(1);
        assertThat(json.get("warnings").isArray()).isTrue();
    }

    @Test
    void textReportShowsTheEssentials() throws Exception {
        CliRunner r = CliRunner.run("info", sample().toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Dimensions:   3 x 2 x 2", "int16 (value = 0.5 * stored + 1)",
                "Orientation:  RAS", "Voxel-to-RAS affine");
    }

    @Test
    void badFileGetsOneLineAndExitCode2() throws Exception {
        Path bad = Files.write(dir.resolve("broken.nii.gz"), new byte[] {0x1F, (byte) 0x8B, 8, 0, 0, 0});
        CliRunner r = CliRunner.run("info", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("hardy: error: broken.nii.gz: ").doesNotContain("Exception", "\tat ");
    }

    @Test
    void missingFileIsBadInput() {
        CliRunner r = CliRunner.run("info", dir.resolve("nothing.nii").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no such file");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRunner r = CliRunner.run("info", "--jsn", "x.nii");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option");
    }
}
