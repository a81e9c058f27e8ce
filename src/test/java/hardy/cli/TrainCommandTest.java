package hardy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.inference.SegmentationModel;
import hardy.io.nifti.NiftiWriter;
import hardy.io.VolumeReaders;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.volume.Geometry;
import hardy.volume.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hardy train} end to end on tiny phantoms: train, checkpoint, resume, export, fine-tune, refuse. */
class TrainCommandTest {

    @TempDir
    static Path shared;

    static Path cases;

    private static final String[] SMALL = {"--patch", "16", "--base-channels", "4", "--depth", "2"};

    @BeforeAll
    static void phantoms() {
        cases = shared.resolve("cases");
        CliRunner r = CliRunner.run("synth", "--out", cases.toString(), "--count", "3", "--size", "32", "--spacing",
                "4", "--thick-slice-share", "0", "--seed", "5");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    private static CliRunner train(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--cases", cases.toString(), "--out",
                out.toString(), "--checkpoint-every", "2"));
        args.addAll(List.of(SMALL));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void trainsExportsAModelThatLoadsAndRanksTheCases(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("model");
        CliRunner r = train(model, "--iterations", "3", "--val", cases.toString(), "--val-every", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("\nGradient check passed\n").doesNotContain("UNet3dConfig", "gamma")
                .contains("iteration 3/3")
                .contains("Validation at iteration 2:");
        assertThat(r.out()).contains("Exported " + model).contains("dice");

        SegmentationModel loaded = SegmentationModel.load(model);
        assertThat(loaded.card().numClasses()).isEqualTo(8);
        assertThat(loaded.card().spacing()).containsExactly(4, 4, 4);
        // names from the labels.txt hardy synth writes beside its cases; the foreground step on (trained from scratch)
        assertThat(loaded.card().labelTable().name(3)).isEqualTo("White matter");
        assertThat(loaded.card().keepsLargestForegroundComponent()).isTrue();
        assertThat(loaded.card().provenance().get("settings").get("iterations").asInt()).isEqualTo(3);
        assertThat(loaded.card().evaluation().get("validationCases").asInt()).isEqualTo(3);
        String card = Files.readString(model.resolve("model.json"));
        assertThat(card).doesNotContain("case000").contains("caseListSha256"); // no case names in what is shared

        List<String> hardness = Files.readAllLines(dir.resolve("model-hardness.csv"));
        assertThat(hardness).hasSize(4);
        assertThat(hardness.get(0)).isEqualTo("rank,case,loss,probability");
        double[] losses = hardness.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[2])).toArray();
        assertThat(losses[0]).isGreaterThanOrEqualTo(losses[1]);
        assertThat(losses[1]).isGreaterThanOrEqualTo(losses[2]);
        assertThat(hardness.stream().skip(1).map(l -> l.split(",")[1]))
                .containsExactlyInAnyOrder("case000", "case001", "case002");
    }

    /**
     * The constrained form: the progress line shows the effective number of cases, the loss log has a line per
     * case and iteration, and the card records the command with folder names only.
     */
    @Test
    void anEffectiveShareRunLogsItsLossesAndTheCardRecordsTheCommand(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("model");
        Path log = dir.resolve("losses.csv");
        CliRunner r = train(model, "--iterations", "3", "--batch", "1", "--ess-share", "0.5", "--momentum", "0.9",
                "--loss-log", log.toString(), "--threads", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("Training on CPU, 1 thread").contains("sampler: 1.5 of 3 cases");
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("iteration,case,loss,weight,effective_cases,beta");
        assertThat(lines.get(3)).startsWith("3,case00").contains(",1.500,");
        var provenance = SegmentationModel.load(model).card().provenance();
        assertThat(provenance.get("settings").get("effectiveShare").asDouble()).isEqualTo(0.5);
        assertThat(provenance.get("algorithm").asText()).contains("hardness weighted sampling");
        assertThat(provenance.get("command").asText()).startsWith("hardy train --cases cases --out model ")
                .contains("--ess-share 0.5").contains("--loss-log losses.csv").doesNotContain(dir.toString());

        CliRunner bad = train(dir.resolve("m2"), "--ess-share", "0");
        assertThat(bad.exitCode()).isEqualTo(HardyCli.EXIT_BAD_INPUT);
        assertThat(bad.err().strip()).contains("effective share of cases must be above 0").doesNotContain("\n");
    }

    @Test
    void resumesFromTheCheckpointAndRefusesOtherSettings(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("model");
        CliRunner first = train(model, "--iterations", "2", "--schedule", "constant");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(Files.readString(dir.resolve("model.checkpoint/progress.properties"))).contains("iterations=2");

        CliRunner other = train(dir.resolve("model2"), "--checkpoint", dir.resolve("model.checkpoint").toString(),
                "--iterations", "4", "--resume", "--beta", "7", "--schedule", "constant");
        assertThat(other.exitCode()).isEqualTo(HardyCli.EXIT_BAD_INPUT);
        assertThat(other.err()).contains("beta 0.0 -> 7.0");

        CliRunner decaying = train(dir.resolve("model2"), "--checkpoint", dir.resolve("model.checkpoint").toString(),
                "--iterations", "4", "--resume");
        assertThat(decaying.exitCode()).isEqualTo(HardyCli.EXIT_BAD_INPUT);
        assertThat(decaying.err()).contains("schedule \"constant\" -> \"poly\"");

        CliRunner resumed = train(dir.resolve("model2"), "--checkpoint", dir.resolve("model.checkpoint").toString(),
                "--iterations", "4", "--resume", "--schedule", "constant");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("iteration 4/4").doesNotContain("iteration 2/4");
        assertThat(Files.readString(dir.resolve("model.checkpoint/progress.properties"))).contains("iterations=4");

        CliRunner fineTuned = CliRunner.run("train", "--cases", cases.toString(), "--out",
                dir.resolve("tuned").toString(), "--init", model.toString(), "--iterations", "1", "--patch", "16");
        assertThat(fineTuned.exitCode()).as(fineTuned.err()).isZero();
        assertThat(SegmentationModel.load(dir.resolve("tuned")).card().provenance().get("parentModel").asText())
                .startsWith("model ").contains(SegmentationModel.load(model).card().sha256());
    }

    @Test
    void installPutsTheModelWhereTheViewerAndHardyModelsFindIt(@TempDir Path dir) throws IOException {
        String before = System.getProperty("hardy.home");
        System.setProperty("hardy.home", dir.resolve("home").toString());
        try {
            Path userModels = dir.resolve("home").resolve("models");
            CliRunner r = train(dir.resolve("site"), "--iterations", "1", "--install", "--name", "site model");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("Installed for the viewer: " + userModels.resolve("site_model"));
            assertThat(SegmentationModel.load(userModels.resolve("site_model")).card().name()).isEqualTo("site_model");

            CliRunner plain = train(dir.resolve("other"), "--iterations", "1");
            assertThat(plain.exitCode()).as(plain.err()).isZero();
            assertThat(plain.out()).contains("To use it in the viewer: hardy models --install " + dir.resolve("other"));
            CliRunner installed = CliRunner.run("models", "--install", dir.resolve("other").toString());
            assertThat(installed.exitCode()).as(installed.err()).isZero();
            CliRunner models = CliRunner.run("models");
            assertThat(models.out()).contains("Your models:    " + userModels).contains("site_model")
                    .contains("other");
        } finally {
            if (before == null) {
                System.clearProperty("hardy.home");
            } else {
                System.setProperty("hardy.home", before);
            }
        }
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo(@TempDir Path dir) throws IOException {
        CliRunner missing = CliRunner.run("train", "--cases", dir.resolve("nothing").toString(), "--out",
                dir.resolve("m").toString());
        assertThat(missing.exitCode()).isEqualTo(HardyCli.EXIT_BAD_INPUT);
        assertThat(missing.err().strip().lines()).hasSize(1);

        Files.createDirectories(dir.resolve("taken"));
        Files.writeString(dir.resolve("taken/keep.txt"), "mine");
        CliRunner taken = train(dir.resolve("taken"), "--iterations", "1");
        assertThat(taken.exitCode()).isEqualTo(HardyCli.EXIT_BAD_INPUT);
        assertThat(taken.err()).contains("already exists");
        assertThat(Files.readString(dir.resolve("taken/keep.txt"))).isEqualTo("mine");

        // Labels on another grid than their image: refused, naming the case.
        Path mixed = dir.resolve("mixed");
        Files.createDirectories(mixed);
        Files.copy(cases.resolve("case000_image.nii.gz"), mixed.resolve("a_image.nii.gz"));
        Volume labels = VolumeReaders.installed().read(cases.resolve("case000_labels.nii.gz")).volume();
        Geometry g = labels.geometry();
        Volume shifted = new Volume(Geometry.axisAligned(g.nx(), g.ny(), g.nz(), g.spacing(),
                new double[] {5, 0, 0}), labels.data());
        new NiftiWriter().write(shifted, mixed.resolve("a_labels.nii.gz"), ProgressListener.NONE, Cancellation.NEVER);
        CliRunner offGrid = CliRunner.run("train", "--cases", mixed.toString(), "--out", dir.resolve("m").toString(),
                "--batch", "1", "--patch", "16", "--depth", "2");
        assertThat(offGrid.exitCode()).isEqualTo(HardyCli.EXIT_BAD_INPUT);
        assertThat(offGrid.err()).contains("case a: image and labels are not on one grid");

        CliRunner badBeta = train(dir.resolve("m"), "--beta", "-1");
        assertThat(badBeta.exitCode()).isEqualTo(HardyCli.EXIT_BAD_INPUT);
    }
}
