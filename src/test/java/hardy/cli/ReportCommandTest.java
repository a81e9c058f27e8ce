package hardy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.ReadOptions;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.report.ReportFiles;
import hardy.volume.Affine;
import hardy.volume.Geometry;
import hardy.volume.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hardy report} end to end on a ventriculomegaly phantom, and its one-line refusals. */
class ReportCommandTest {

    @TempDir
    static Path dir;

    static Path image;
    static Path labels;

    @BeforeAll
    static void phantom() {
        CliRunner r = CliRunner.run("synth", "--out", dir.toString(), "--count", "1", "--size", "112", "--spacing",
                "1", "--seed", "18", "--subgroup-share", "ventriculomegaly=1", "--thick-slice-share", "0",
                "--ga", "24-26");
        assertThat(r.exitCode()).as(r.err()).isZero();
        image = dir.resolve("case000_image.nii.gz");
        labels = dir.resolve("case000_labels.nii.gz");
    }

    private static CliRunner report(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("report", labels.toString(), "--image",
                image.toString()));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void writesPdfJsonAndCsvWithTheMeasurementsAndTheirLines() throws IOException {
        Path pdf = dir.resolve("out/report.pdf");
        Path json = dir.resolve("out/report.json");
        Path csv = dir.resolve("out/report.csv");
        CliRunner r = report("--ga", "25+2", "-o", pdf.toString(), "--json", json.toString(), "--csv",
                csv.toString(), "--study-id", "S-17");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(pdf)).startsWith("%PDF".getBytes());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("gestational_age").asText()).isEqualTo("25+2");
        assertThat(root.path("study_id").asText()).isEqualTo("S-17");
        JsonNode atrium = null;
        for (JsonNode m : root.path("measurements")) {
            if (m.path("key").asText().equals("atrial_left")) {
                atrium = m;
            }
        }
        assertThat(atrium).isNotNull();
        // a ventriculomegaly phantom: its atria were drawn wider than 10 mm
        assertThat(atrium.path("value").asDouble()).isGreaterThan(10);
        assertThat(atrium.path("flag").asText()).contains("ventriculomegaly");
        assertThat(atrium.path("line_lps_mm").path("start")).hasSize(3);
        double[] s = new double[3];
        double[] e = new double[3];
        for (int a = 0; a < 3; a++) {
            s[a] = atrium.path("line_lps_mm").path("start").get(a).asDouble();
            e[a] = atrium.path("line_lps_mm").path("end").get(a).asDouble();
        }
        assertThat(Math.sqrt((s[0] - e[0]) * (s[0] - e[0]) + (s[1] - e[1]) * (s[1] - e[1])
                + (s[2] - e[2]) * (s[2] - e[2]))).isCloseTo(atrium.path("value").asDouble(),
                org.assertj.core.data.Offset.offset(0.01));
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo(ReportFiles.CSV_HEADER);
        assertThat(rows).anyMatch(l -> l.startsWith("corpus_callosum_length,") && l.contains("no corpus callosum"));
    }

    @Test
    void thePdfRendersToPng() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pdftoppm")), "pdftoppm (poppler-utils) is not installed");
        Path pdf = dir.resolve("render/report.pdf");
        assertThat(report("--ga", "25+2", "-o", pdf.toString()).exitCode()).isZero();
        Process p = new ProcessBuilder("pdftoppm", "-png", "-r", "60", pdf.toString(),
                dir.resolve("render/page").toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.size(dir.resolve("render/page-1.png"))).isGreaterThan(10_000);
        assertThat(Files.size(dir.resolve("render/page-2.png"))).isGreaterThan(10_000);
    }

    @Test
    void aBadGestationalAgeIsOneLineAndExitCodeTwo() {
        CliRunner r = report("--ga", "28+9", "-o", dir.resolve("x.pdf").toString());
        assertThat(r.exitCode()).isEqualTo(HardyCli.EXIT_BAD_INPUT);
        assertThat(r.err().strip()).doesNotContain("\n").contains("days must be 0..6");
        CliRunner words = report("--ga", "late", "-o", dir.resolve("x.pdf").toString());
        assertThat(words.err().strip()).doesNotContain("\n").contains("not weeks+days");
        CliRunner early = report("--ga", "9+0", "-o", dir.resolve("x.pdf").toString());
        assertThat(early.exitCode()).isEqualTo(HardyCli.EXIT_BAD_INPUT);
        assertThat(dir.resolve("x.pdf")).doesNotExist();
    }

    @Test
    void labelsOffTheImageGridAreRefused() throws IOException {
        Volume l = read(labels);
        Geometry g = l.geometry();
        Geometry shifted = new Geometry(g.nx(), g.ny(), g.nz(), Affine.scaleTranslate(1, 1, 1, 0, 0, 0)
                .multiply(g.voxelToLps().multiply(Affine.scaleTranslate(1, 1, 1, 2, 0, 0))));
        Path moved = dir.resolve("moved_labels.nii.gz");
        VolumeWriters.installed().writerFor(moved).write(l.withGeometry(shifted), moved, ProgressListener.NONE,
                Cancellation.NEVER);
        CliRunner r = CliRunner.run("report", moved.toString(), "--image", image.toString(), "--ga", "25+2", "-o",
                dir.resolve("y.pdf").toString());
        assertThat(r.exitCode()).isEqualTo(HardyCli.EXIT_BAD_INPUT);
        assertThat(r.err().strip()).doesNotContain("\n").contains("is not on the grid of");
    }

    @Test
    void aLabelMapWithoutTheBrainLabelsIsRefused() throws IOException {
        Volume l = read(labels).copy();
        for (int v = 0; v < l.data().length(); v++) {
            if (l.data().get(v) > 1) {
                l.data().set(v, 1);
            }
        }
        Path csfOnly = dir.resolve("csf_labels.nii.gz");
        VolumeWriters.installed().writerFor(csfOnly).write(l, csfOnly, ProgressListener.NONE, Cancellation.NEVER);
        CliRunner r = CliRunner.run("report", csfOnly.toString(), "--image", image.toString(), "--ga", "25+2", "-o",
                dir.resolve("z.pdf").toString());
        assertThat(r.exitCode()).isEqualTo(HardyCli.EXIT_BAD_INPUT);
        assertThat(r.err().strip()).doesNotContain("\n").contains("has no 2");
    }

    private static Volume read(Path p) throws IOException {
        return VolumeReaders.installed().read(p, ReadOptions.DEFAULT, ProgressListener.NONE, Cancellation.NEVER)
                .volume();
    }
}
