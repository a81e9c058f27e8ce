package hardy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseFilesTest {

    @TempDir
    Path dir;

    @Test
    void caseNameDropsExtensionAndLabelSuffix() {
        assertThat(CaseFiles.caseName(Path.of("case001_labels.nii.gz"))).contains("case001");
        assertThat(CaseFiles.caseName(Path.of("sub-7_seg.nii"))).contains("sub-7");
        assertThat(CaseFiles.caseName(Path.of("x_pred.NII.GZ"))).contains("x");
        assertThat(CaseFiles.caseName(Path.of("plain.nii.gz"))).contains("plain");
        assertThat(CaseFiles.caseName(Path.of("case001_image.nii.gz"))).isEmpty();
        assertThat(CaseFiles.caseName(Path.of("cases.csv"))).isEmpty();
    }

    @Test
    void matchesByCaseName() throws IOException {
        Path p = Files.createDirectories(dir.resolve("p"));
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.writeString(p.resolve("a_pred.nii.gz"), "");
        Files.writeString(t.resolve("a_labels.nii.gz"), "");
        Files.writeString(t.resolve("a_image.nii.gz"), "");
        var pairs = CaseFiles.match(CaseFiles.scan(p), CaseFiles.scan(t));
        assertThat(pairs).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("a");
            assertThat(c.truth().getFileName()).hasToString("a_labels.nii.gz");
        });
    }

    @Test
    void namesThePredictionWithoutTruth() {
        assertThatThrownBy(() -> CaseFiles.match(Map.of("b", Path.of("b_pred.nii.gz")),
                Map.of("a", Path.of("a_labels.nii.gz"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no truth for prediction b_pred.nii.gz");
    }

    @Test
    void namesTheTruthWithoutPrediction() {
        assertThatThrownBy(() -> CaseFiles.match(Map.of("a", Path.of("a_pred.nii.gz")),
                Map.of("a", Path.of("a.nii"), "c", Path.of("c_seg.nii"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no prediction for truth c_seg.nii");
    }

    @Test
    void refusesTwoFilesOfOneCase() throws IOException {
        Files.writeString(dir.resolve("a.nii"), "");
        Files.writeString(dir.resolve("a_seg.nii.gz"), "");
        assertThatThrownBy(() -> CaseFiles.scan(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("are both case a");
    }
}
