package hardy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.synth.Contrast;
import hardy.synth.Range;
import hardy.synth.SynthSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** How {@code hardy synth}'s options become settings: a preset, then the options given in its place. */
class SynthCommandTest {

    @TempDir
    Path dir;

    private static SynthSettings settings(String... args) {
        SynthCommand command = new SynthCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void withoutOptionsTheDefaultPresetIsTheDefaults() {
        assertThat(settings("--out", "x")).isEqualTo(SynthSettings.defaults());
        assertThat(settings("--out", "x", "--preset", "default")).isEqualTo(SynthSettings.defaults());
    }

    @Test
    void theWidePresetIsTheWideSettings() {
        SynthSettings w = settings("--out", "x", "--preset", "wide");
        assertThat(w).isEqualTo(SynthSettings.wide());
        assertThat(w.surroundingsShare()).isEqualTo(1);
        assertThat(w.spacing()).isEqualTo(new Range(0.5, 1.2));
        assertThat(w.fovMm()).isEqualTo(new Range(100, 160));
        assertThat(w.rotationDegrees()).isEqualTo(30);
        assertThat(w.headOffsetMm()).isEqualTo(20);
        assertThat(w.contrast()).isEqualTo(Contrast.MIXED);
    }

    @Test
    void optionsGivenOverrideThePresetAndOnlyThose() {
        SynthSettings s = settings("--out", "x", "--preset", "wide", "--rotation", "5", "--contrast", "t2",
                "--spacing", "0.8", "--noise", "0.02");
        SynthSettings expected = SynthSettings.wide().toBuilder().rotationDegrees(5).contrast(Contrast.T2)
                .spacing(new Range(0.8, 0.8)).noise(new Range(0.02, 0.02)).build();
        assertThat(s).isEqualTo(expected);
        assertThat(s.fovMm()).isEqualTo(new Range(100, 160));   // the preset's field of view stays
    }

    @Test
    void aSizeReplacesThePresetsFieldOfViewAndAFieldOfViewTheDefaultSize() {
        SynthSettings fixed = settings("--out", "x", "--preset", "wide", "--size", "128");
        assertThat(fixed.size()).isEqualTo(128);
        assertThat(fixed.fovMm()).isNull();
        assertThat(fixed.surroundingsShare()).isEqualTo(1);
        SynthSettings fov = settings("--out", "x", "--fov", "120-140", "--surroundings-share", "0.5",
                "--head-offset", "10", "--random-sd", "0.05");
        assertThat(fov.size()).isZero();
        assertThat(fov.fovMm()).isEqualTo(new Range(120, 140));
        assertThat(fov.surroundingsShare()).isEqualTo(0.5);
        assertThat(fov.headOffsetMm()).isEqualTo(10);
        assertThat(fov.randomSd()).isEqualTo(new Range(0.05, 0.05));
        assertThat(fov.contrast()).isEqualTo(Contrast.T2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--spacing 1.2-0.5|hardy: error: --spacing: bad range 1.2..0.5",
        "--fov 100-abc|hardy: error: --fov: not a number or range MIN-MAX: '100-abc'",
        "--preset wide --spacing 0.3-1|hardy: error: a field of view up to 175 mm at 0.3 mm spacing needs up to 585",
        "--size 500|hardy: error: grid size must be 16..400 voxels, got 500",
        "--size 96 --fov 120|hardy: error: give --size or --fov, not both",
        "--contrast t1|hardy: error: unknown contrast 't1'",
        "--preset narrow|hardy: error: unknown preset 'narrow'",
        "--head-offset -5|hardy: error: head offset must be 0..100 mm",
        "--surroundings-share 1.5|hardy: error: surroundings share must be in 0..1"})
    void badValuesGetOneLineAndExitCodeTwo(String options, String message) {
        String[] args = ("synth --out " + dir.resolve("bad") + " " + options).split(" ");
        CliRunner r = CliRunner.run(args);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith(message).hasLineCount(1);
        assertThat(dir.resolve("bad")).doesNotExist();
    }

    @Test
    void helpDescribesTheWidePreset() {
        CliRunner r = CliRunner.run("synth", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--preset", "--preset wide:", "--fov", "--head-offset", "--surroundings-share",
                "--contrast", "--random-sd");
    }
}
