package hardy.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.core.Cancellation;
import hardy.io.VolumeReaders;
import hardy.ui.TestVolumes;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {

    @TempDir
    Path dir;

    @Test
    void aSavedRecoveryIsFoundWithItsImageUntilCleared() throws Exception {
        Volume v = TestVolumes.ramp(5, 4, 3, TestVolumes.ras(1, 1, 2));
        Path image = TestVolumes.write(v, dir.resolve("image.nii.gz"));
        LabelMap labels = LabelMap.empty(v.geometry(), 7);
        labels.setLabel(1, 2, 1, 5);
        Recovery recovery = new Recovery(dir.resolve("app/recovery"));
        assertThat(recovery.find()).isEmpty();
        recovery.save(labels, image, Cancellation.NEVER);
        Recovery.Found found = recovery.find().orElseThrow();
        assertThat(found.image()).isEqualTo(image.toAbsolutePath());
        Volume back = VolumeReaders.installed().read(found.labels()).volume();
        assertThat(back.geometry().sameGrid(v.geometry())).isTrue();
        assertThat(back.value(1, 2, 1)).isEqualTo(5);
        recovery.clear();
        assertThat(recovery.find()).isEmpty();
    }

    @Test
    void aRecoveryWhoseImageIsGoneIsNotOffered() throws Exception {
        Volume v = TestVolumes.ramp(2, 2, 2, TestVolumes.lps(1, 1, 1));
        Path image = TestVolumes.write(v, dir.resolve("gone.nii"));
        Recovery recovery = new Recovery(dir.resolve("recovery"));
        recovery.save(LabelMap.empty(v.geometry(), 1), image, Cancellation.NEVER);
        java.nio.file.Files.delete(image);
        assertThat(recovery.find()).isEmpty();
    }
}
