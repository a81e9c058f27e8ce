package hardy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.io.VolumeReaders;
import hardy.synth.CaseWriter;
import hardy.volume.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hardy synth} and {@code hardy evaluate} end to end, in-process. */
class SynthEvaluateCommandTest {

    @TempDir
    static Path dir;

    private static final String[] SMALL = {"--size", "48", "--spacing", "2.8", "--seed", "11"};

    private static String[] synth(String out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("synth", "--out", out));
        args.addAll(List.of(SMALL));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @BeforeAll
    static void generate() {
        CliRunner r = CliRunner.run(synth(dir.resolve("truth").toString(), "--count", "3", "--threads", "2",
                "--subgroup-share", "normal=1,ventriculomegaly=1", "--thick-slice-share", "0"));
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void synthWritesImagesLabelsAndCasesCsv() throws IOException {
        Path t = dir.resolve("truth");
        List<String> csv = Files.readAllLines(t.resolve("cases.csv"));
        assertThat(csv.get(0)).isEqualTo(CaseWriter.CSV_HEADER);
        assertThat(csv).hasSize(4);
        assertThat(csv.get(1)).startsWith("case000,").contains(",2.8x2.8x2.8,");
        assertThat(csv.subList(1, 4)).allMatch(l -> l.contains(",normal,") || l.contains(",ventriculomegaly,"));
        for (String c : List.of("case000", "case001", "case002")) {
            Volume image = VolumeReaders.installed().read(t.resolve(c + "_image.nii.gz")).volume();
            Volume labels = VolumeReaders.installed().read(t.resolve(c + "_labels.nii.gz")).volume();
            assertThat(labels.geometry().sameGrid(image.geometry())).isTrue();
            assertThat(image.geometry().voxelToRas().axisCodes("RAS", "LPI")).isEqualTo("RAS");
        }
    }

    @Test
    void caseOneIsTheSameWhenGeneratedAlone() throws IOException {
        Path alone = dir.resolve("alone");
        CliRunner r = CliRunner.run(synth(alone.toString(), "--first", "1", "--count", "1", "--threads", "1",
                "--subgroup-share", "normal=1,ventriculomegaly=1", "--thick-slice-share", "0"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        Volume a = VolumeReaders.installed().read(alone.resolve("case001_image.nii.gz")).volume();
        Volume b = VolumeReaders.installed().read(dir.resolve("truth/case001_image.nii.gz")).volume();
        assertThat(a.data().contentEquals(b.data())).isTrue();
    }

    @Test
    void evaluatingTheTruthAgainstItselfIsPerfect() throws IOException {
        Path csv = dir.resolve("self.csv");
        Path t = dir.resolve("truth");
        CliRunner r = CliRunner.run("evaluate", "--pred", t.toString(), "--truth", t.toString(), "--groups",
                t.resolve("cases.csv").toString(), "--csv", csv.toString(), "--feta-names");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("case,label,dice,hd95_mm,volume_similarity");
        assertThat(rows).hasSize(1 + 3 * 7);
        assertThat(rows.subList(1, rows.size())).allMatch(l -> l.endsWith(",1.000000,0.000000,1.000000"));
        assertThat(r.out()).contains("all ", "normal ", "4 Ventricles", "hd95_mm", "worst case");
    }

    /** A wide run's cases.csv, with its extra columns, still groups `hardy evaluate`'s table. */
    @Test
    void aWideRunIsEvaluatedWithItsCasesCsv() throws IOException {
        Path wide = dir.resolve("wide");
        CliRunner r = CliRunner.run("synth", "--out", wide.toString(), "--preset", "wide", "--spacing", "2.5-3.5",
                "--thick-slice-share", "0", "--count", "2", "--seed", "3", "--threads", "1",
                "--subgroup-share", "normal=1,agenesis_cc=1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> csv = Files.readAllLines(wide.resolve("cases.csv"));
        assertThat(csv.get(0)).contains(",grid_spacing_mm,fov_mm,contrast,surroundings,");
        int surroundings = List.of(csv.get(0).split(",")).indexOf("surroundings");
        assertThat(csv.subList(1, 3)).allMatch(l -> l.split(",")[surroundings].equals("true"));
        CliRunner e = CliRunner.run("evaluate", "--pred", wide.toString(), "--truth", wide.toString(), "--groups",
                wide.resolve("cases.csv").toString());
        assertThat(e.exitCode()).as(e.err()).isZero();
        assertThat(e.out()).contains("all ", "worst case");
    }

    @Test
    void evaluateScoresOtherCasesAndLeavesUndefinedHd95Empty() throws IOException {
        Path pred = Files.createDirectories(dir.resolve("pred"));
        // predictions: case001's labels as case000, case000's as case001, and an empty map for case002
        Path t = dir.resolve("truth");
        Files.copy(t.resolve("case001_labels.nii.gz"), pred.resolve("case000_pred.nii.gz"));
        Files.copy(t.resolve("case000_labels.nii.gz"), pred.resolve("case001_pred.nii.gz"));
        Volume empty = VolumeReaders.installed().read(t.resolve("case002_labels.nii.gz")).volume().copy();
        for (int i = 0; i < empty.data().length(); i++) {
            empty.data().set(i, 0);
        }
        new hardy.io.nifti.NiftiWriter().write(empty, pred.resolve("case002_pred.nii.gz"),
                hardy.core.ProgressListener.NONE, hardy.core.Cancellation.NEVER);
        Path csv = dir.resolve("cross.csv");
        CliRunner r = CliRunner.run("evaluate", "--pred", pred.toString(), "--truth", t.toString(), "--csv",
                csv.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).filteredOn(l -> l.startsWith("case002,")).hasSize(7)
                .allMatch(l -> l.matches("case002,\\d,0\\.000000,,0\\.000000"));
        assertThat(rows).filteredOn(l -> l.startsWith("case000,")).anyMatch(l -> !l.contains(",1.000000,0.000000,"));
        assertThat(r.out()).contains("undef");
    }

    @Test
    void evaluateNamesAPredictionWithoutTruth() throws IOException {
        Path pred = Files.createDirectories(dir.resolve("extra"));
        Files.copy(dir.resolve("truth/case000_labels.nii.gz"), pred.resolve("case999_seg.nii.gz"));
        CliRunner r = CliRunner.run("evaluate", "--pred", pred.toString(), "--truth", dir.resolve("truth").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("hardy: error: no truth for prediction case999_seg.nii.gz");
    }

    @Test
    void evaluateRefusesMismatchedGrids() throws IOException {
        Path other = dir.resolve("other");
        assertThat(CliRunner.run("synth", "--out", other.toString(), "--size", "40", "--spacing", "3.2", "--count",
                "3", "--thick-slice-share", "0").exitCode()).isZero();
        CliRunner r = CliRunner.run("evaluate", "--pred", other.toString(), "--truth", dir.resolve("truth").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("case case000: prediction case000_labels.nii.gz is not on the grid of truth")
                .hasLineCount(1);
    }

    @Test
    void synthRefusesBadArgumentsInOneLine() {
        CliRunner r = CliRunner.run(synth(dir.resolve("bad").toString(), "--ga", "18-30"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("hardy: error: gestational age must lie in 20-35 weeks").hasLineCount(1);
        CliRunner s = CliRunner.run(synth(dir.resolve("bad").toString(), "--subgroup-share", "rare=1"));
        assertThat(s.exitCode()).isEqualTo(2);
        assertThat(s.err()).contains("unknown subgroup 'rare'");
    }
}
