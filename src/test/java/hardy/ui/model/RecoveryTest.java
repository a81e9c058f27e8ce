package hardy.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.core.Cancellation;
import hardy.io.VolumeReaders;
import hardy.ui.TestVolumes;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {

    @TempDir
    Path dir;

    private Volume v;
    private Path image;
    private Recovery recovery;

    @BeforeEach
    void setUp() throws Exception {
        v = TestVolumes.ramp(5, 4, 3, TestVolumes.ras(1, 1, 2));
        image = TestVolumes.write(v, dir.resolve("image.nii.gz"));
        recovery = new Recovery(dir.resolve("app/recovery"));
    }

    private LabelMap labels(int value) {
        LabelMap labels = LabelMap.empty(v.geometry(), 7);
        labels.setLabel(1, 2, 1, value);
        return labels;
    }

    @Test
    void theAutosaveOfASessionThatDidNotEndIsOfferedAtTheNextStart() throws Exception {
        recovery.save(labels(5), image, Cancellation.NEVER);
        assertThat(recovery.find()).as("the running session's own autosave is not offered").isEmpty();

        Recovery nextStart = new Recovery(dir.resolve("app/recovery"));
        nextStart.adoptCrashed();
        Recovery.Found found = nextStart.find().getFirst();
        assertThat(found.image()).isEqualTo(image.toAbsolutePath());
        assertThat(found.reason()).isEqualTo(Recovery.Reason.CRASH);
        Volume back = VolumeReaders.installed().read(found.labels()).volume();
        assertThat(back.geometry().sameGrid(v.geometry())).isTrue();
        assertThat(back.value(1, 2, 1)).isEqualTo(5);

        nextStart.clear(); // the new session ends cleanly without being asked: the crash copy stays
        assertThat(nextStart.find()).hasSize(1);
        nextStart.remove(found);
        assertThat(nextStart.find()).isEmpty();
    }

    @Test
    void aCleanEndDeletesTheAutosave() throws Exception {
        recovery.save(labels(5), image, Cancellation.NEVER);
        recovery.clear();
        recovery.adoptCrashed();
        assertThat(recovery.find()).isEmpty();
        try (var left = Files.list(dir.resolve("app/recovery"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void keptCopiesOutliveTheSessionNewestFirst() throws Exception {
        recovery.keep(labels(2), image);
        Thread.sleep(5);
        recovery.keep(labels(3), image);
        recovery.clear();
        List<Recovery.Found> found = new Recovery(dir.resolve("app/recovery")).find();
        assertThat(found).extracting(Recovery.Found::reason).containsExactly(Recovery.Reason.REPLACED,
                Recovery.Reason.REPLACED);
        assertThat(VolumeReaders.installed().read(found.get(0).labels()).volume().value(1, 2, 1)).isEqualTo(3);
        assertThat(VolumeReaders.installed().read(found.get(1).labels()).volume().value(1, 2, 1)).isEqualTo(2);
    }

    @Test
    void onlyTheNewestKeptCopiesStay() throws Exception {
        for (int n = 0; n < Recovery.KEEP_AT_MOST + 3; n++) {
            recovery.keep(labels(1 + n % 6), image);
        }
        assertThat(recovery.find()).hasSize(Recovery.KEEP_AT_MOST);
        try (var left = Files.list(dir.resolve("app/recovery"))) {
            assertThat(left).hasSize(2 * Recovery.KEEP_AT_MOST);
        }
    }

    @Test
    void aCopyWhoseImageIsGoneIsNotOffered() throws Exception {
        Path gone = TestVolumes.write(v, dir.resolve("gone.nii"));
        recovery.keep(labels(1), gone);
        Files.delete(gone);
        assertThat(recovery.find()).isEmpty();
    }

    @Test
    void theSingleCopyOfAnOlderVersionIsFound() throws Exception {
        Path old = Files.createDirectories(dir.resolve("app/recovery"));
        TestVolumes.write(labels(4).volume(), old.resolve("labels.nii.gz"));
        Files.writeString(old.resolve("image.txt"), image.toAbsolutePath() + "\n", StandardCharsets.UTF_8);
        recovery.adoptCrashed();
        assertThat(recovery.find()).singleElement().satisfies(f -> {
            assertThat(f.image()).isEqualTo(image.toAbsolutePath());
            assertThat(f.reason()).isEqualTo(Recovery.Reason.CRASH);
        });
    }
}
