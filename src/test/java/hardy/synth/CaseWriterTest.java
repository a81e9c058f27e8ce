package hardy.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.volume.FetalLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseWriterTest {

    @TempDir
    Path dir;

    private static List<String> write(Path out, Subgroup subgroup, long seed, int first, int count)
            throws IOException {
        SynthSettings s = PhantomGeneratorTest.settings(20, 35, subgroup, 0, 1);
        SynthSettings small = new SynthSettings(s.gestationalAge(), s.shares(), 32, 4.0, 0, s.contrastJitter(),
                s.biasAmplitude(), s.noise(), s.blurMm(), 0, s.sliceThickness(), s.motionMm(), 1);
        return new CaseWriter(new PhantomGenerator(small, seed)).write(out, first, count, 1, ProgressListener.NONE,
                Cancellation.NEVER);
    }

    private List<String> csvCasesAndSubgroups() throws IOException {
        return Files.readAllLines(dir.resolve("cases.csv")).stream().skip(1)
                .map(l -> l.split(",")[0] + " " + l.split(",")[3]).toList();
    }

    @Test
    void writesTheFetaNamesBesideTheCases() throws IOException {
        write(dir, Subgroup.NORMAL, 1, 0, 1);
        assertThat(hardy.io.labels.LabelTableFiles.read(dir.resolve("labels.txt")).entries())
                .isEqualTo(FetalLabels.TABLE.entries());
    }

    /** A set assembled from one run per subgroup lists every case, as `hardy evaluate --groups` needs. */
    @Test
    void runsIntoOneFolderAddUpInCasesCsv() throws IOException {
        write(dir, Subgroup.NORMAL, 1, 0, 2);
        write(dir, Subgroup.VENTRICULOMEGALY, 2, 2, 1);
        assertThat(Files.readAllLines(dir.resolve("cases.csv")).get(0)).isEqualTo(CaseWriter.CSV_HEADER);
        assertThat(csvCasesAndSubgroups()).containsExactly("case000 normal", "case001 normal",
                "case002 ventriculomegaly");

        write(dir, Subgroup.AGENESIS_CC, 3, 1, 1); // case001 written again: its row is replaced, not repeated
        assertThat(csvCasesAndSubgroups()).containsExactly("case000 normal", "case001 agenesis_cc",
                "case002 ventriculomegaly");
    }

    @Test
    void casesCsvRecordsGridContrastAndSurroundingsAfterTheOldColumns() throws IOException {
        SynthSettings wide = WideDomainTest.coarseWide().build();
        List<String> rows = new CaseWriter(new PhantomGenerator(wide, 9)).write(dir, 0, 3, 1, ProgressListener.NONE,
                Cancellation.NEVER);
        List<String> header = List.of(CaseWriter.CSV_HEADER.split(","));
        assertThat(header).startsWith("case", "seed", "gestational_age_weeks", "subgroup", "spacing_mm",
                "acquisition").containsSubsequence("grid_spacing_mm", "fov_mm", "contrast", "surroundings", "design_bpd_mm",
                "design_tcd_mm", "design_atrial_left_mm", "design_atrial_right_mm");
        for (String row : rows) {
            String[] cells = row.split(",", -1);
            assertThat(cells).hasSize(header.size());
            double spacing = Double.parseDouble(cells[header.indexOf("grid_spacing_mm")]);
            assertThat(spacing).isBetween(2.0, 3.0);
            assertThat(cells[header.indexOf("spacing_mm")]).isEqualTo(cells[header.indexOf("grid_spacing_mm")]
                    + "x" + cells[header.indexOf("grid_spacing_mm")] + "x" + cells[header.indexOf("grid_spacing_mm")]);
            assertThat(Double.parseDouble(cells[header.indexOf("fov_mm")])).isGreaterThanOrEqualTo(100 - spacing);
            assertThat(cells[header.indexOf("contrast")]).isIn("t2", "random");
            assertThat(cells[header.indexOf("surroundings")]).isEqualTo("true");
        }
    }

    /** A folder written before the new columns existed keeps its rows, with the new cells left empty. */
    @Test
    void anOlderCasesCsvIsExtendedNotRefused() throws IOException {
        Files.writeString(dir.resolve("cases.csv"), "case,seed,gestational_age_weeks,subgroup,spacing_mm,acquisition\n"
                + "case005,77,30.00,normal,2x2x2,isotropic\n");
        write(dir, Subgroup.NORMAL, 1, 0, 1);
        List<String> lines = Files.readAllLines(dir.resolve("cases.csv"));
        assertThat(lines.get(0)).isEqualTo(CaseWriter.CSV_HEADER);
        assertThat(lines.get(1)).startsWith("case000,").contains(",4,128,t2,false,");
        assertThat(lines.get(2)).isEqualTo("case005,77,30.00,normal,2x2x2,isotropic,,,,,,,,");
    }

    @Test
    void aForeignCasesCsvIsRefusedBeforeAnyCaseIsWritten() throws IOException {
        Files.writeString(dir.resolve("cases.csv"), "patient,notes\nA,keep me\n");
        assertThatThrownBy(() -> write(dir, Subgroup.NORMAL, 1, 0, 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a cases.csv written by hardy synth");
        assertThat(Files.readString(dir.resolve("cases.csv"))).isEqualTo("patient,notes\nA,keep me\n");
        assertThat(dir.resolve("case000_image.nii.gz")).doesNotExist();
    }
}
