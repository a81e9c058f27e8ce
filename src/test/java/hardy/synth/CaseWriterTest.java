package hardy.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
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
    void aForeignCasesCsvIsRefusedBeforeAnyCaseIsWritten() throws IOException {
        Files.writeString(dir.resolve("cases.csv"), "patient,notes\nA,keep me\n");
        assertThatThrownBy(() -> write(dir, Subgroup.NORMAL, 1, 0, 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a cases.csv written by hardy synth");
        assertThat(Files.readString(dir.resolve("cases.csv"))).isEqualTo("patient,notes\nA,keep me\n");
        assertThat(dir.resolve("case000_image.nii.gz")).doesNotExist();
    }
}
