package hardy.ui.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import hardy.core.InvalidSettingException;
import hardy.io.VolumeReaders;
import hardy.io.dicom.DicomTestFolders;
import hardy.io.dicom.SeriesChoiceException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GUI phrases the remedy of a core failure in its own terms, never with a command-line option. */
class ProblemsTest {

    @TempDir
    Path dir;

    @Test
    void aFolderWithSeveralSeriesPointsToTheSeriesPickerNotToACommandLineOption() throws Exception {
        DicomTestFolders.twoSeries(dir);
        Throwable e = catchThrowable(() -> VolumeReaders.installed().read(dir));
        assertThat(e).isInstanceOf(SeriesChoiceException.class);

        String text = Problems.describe(dir, e);
        assertThat(text).contains("the folder holds 2 series: 1) series 7 MR axial")
                .endsWith(". Use File > Open DICOM folder... to pick one of them.").doesNotContain("--");
    }

    @Test
    void anInvalidSettingIsDescribedInWords() {
        String text = Problems.describe(null, new InvalidSettingException("step", "the sliding-window step",
                "must be in (0, 1], got 2.0"));
        assertThat(text).isEqualTo("the sliding-window step must be in (0, 1], got 2.0");
    }
}
