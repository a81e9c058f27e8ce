package hardy.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewerArgumentsTest {

    @Test
    void noArgumentsMeanTheDemoStudy() {
        assertThat(ViewerArguments.parse(List.of())).isEqualTo(new ViewerArguments(null, null));
        assertThat(ViewerArguments.isViewer(new String[0])).isTrue();
    }

    @Test
    void viewTakesAnImageAndOptionalLabels() {
        assertThat(ViewerArguments.parse(List.of("view", "a.nii.gz", "--labels", "b.nii.gz")))
                .isEqualTo(new ViewerArguments(Path.of("a.nii.gz"), Path.of("b.nii.gz")));
        assertThat(ViewerArguments.parse(List.of("view", "--labels=b.nii", "dir")))
                .isEqualTo(new ViewerArguments(Path.of("dir"), Path.of("b.nii")));
    }

    @Test
    void otherCommandsBelongToTheCli() {
        assertThat(ViewerArguments.isViewer(new String[] {"info", "x"})).isFalse();
    }

    @Test
    void aLoneImageFromTheDesktopIsOpenedInTheViewer() {
        assertThat(ViewerArguments.fromDesktop(new String[] {"/data/Brain.NII.GZ"}))
                .containsExactly("view", "/data/Brain.NII.GZ");
        assertThat(ViewerArguments.fromDesktop(new String[] {"b.nii"})).containsExactly("view", "b.nii");
        assertThat(ViewerArguments.fromDesktop(new String[] {"IM0001.dcm"})).containsExactly("view", "IM0001.dcm");
        assertThat(ViewerArguments.fromDesktop(new String[] {"info"})).containsExactly("info");
        assertThat(ViewerArguments.fromDesktop(new String[] {"info", "a.nii"})).containsExactly("info", "a.nii");
    }

    @Test
    void mistakesAreOneLineErrors() {
        assertThatThrownBy(() -> ViewerArguments.parse(List.of("view"))).hasMessage("view needs an IMAGE");
        assertThatThrownBy(() -> ViewerArguments.parse(List.of("view", "a", "--labels")))
                .hasMessage("--labels needs a file");
        assertThatThrownBy(() -> ViewerArguments.parse(List.of("view", "a", "b")))
                .hasMessage("only one image can be opened, got also b");
    }
}
