package hardy.training.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hardy.core.Cancellation;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.ui.TestVolumes;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingWorkspaceTest {

    @TempDir
    Path dir;

    private Path source;
    private TrainingWorkspace workspace;

    @BeforeEach
    void setUp() throws IOException {
        source = Files.createDirectories(dir.resolve("source"));
        workspace = new TrainingWorkspace(dir.resolve("ws"), VolumeReaders.installed(), VolumeWriters.installed());
    }

    private void writePair(String name, Volume image, Volume labels) throws IOException {
        TestVolumes.write(image, source.resolve(name + "_image.nii.gz"));
        TestVolumes.write(labels, source.resolve(name + "_labels.nii.gz"));
    }

    private static LabelMap labelsOn(Volume image, int voxelsOfLabel2) {
        LabelMap l = LabelMap.empty(image.geometry(), 3);
        l.setLabel(1, 1, 1, 1);
        for (int i = 0; i < voxelsOfLabel2; i++) {
            l.setLabel(i, 2, 0, 2);
        }
        return l;
    }

    @Test
    void aFolderOfPairsIsCopiedInWithItsRecordAndMismatchedPairsAreRefusedWithTheReason() throws IOException {
        Volume a = TestVolumes.ramp(6, 5, 4, TestVolumes.ras(1, 1, 2));
        writePair("fetus01", a, labelsOn(a, 3).volume());
        Volume small = TestVolumes.ramp(5, 5, 4, TestVolumes.ras(1, 1, 2));
        writePair("fetus02", a, labelsOn(small, 1).volume());
        Volume shifted = TestVolumes.ramp(6, 5, 4, TestVolumes.ras(1, 1, 3));
        writePair("fetus03", a, labelsOn(shifted, 1).volume());
        TestVolumes.write(a, source.resolve("fetus04_image.nii.gz"));

        TrainingWorkspace.FolderReport report = workspace.addFolder(source, Cancellation.NEVER);

        assertThat(report.added()).extracting(TrainingCaseRecord::name).containsExactly("fetus01");
        assertThat(report.refused()).containsExactly(
                "fetus02: image 6×5×4 and labels 5×5×4 differ in size",
                "fetus03: image and labels have the same size but lie differently in space (origin, spacing or "
                        + "orientation differ)",
                "fetus04: no fetus04_labels.nii.gz beside the image");
        TrainingCaseRecord c = workspace.cases().getFirst();
        assertThat(workspace.cases()).hasSize(1);
        assertThat(c.role()).isEqualTo(TrainingCaseRecord.Role.TRAIN);
        assertThat(c.dims()).containsExactly(6, 5, 4);
        assertThat(c.spacingText()).isEqualTo("1.00 × 1.00 × 2.00 mm");
        assertThat(c.labelVoxels()).isEqualTo(Map.of(1, 1L, 2, 3L));
        assertThat(c.labelSummary()).isEqualTo("2 labels, 4 voxels");
        assertThat(c.sourceImage()).isEqualTo(source.resolve("fetus01_image.nii.gz").toAbsolutePath().toString());
        // the copies are byte-identical to the originals, and their hashes are recorded
        assertThat(workspace.imageOf(c)).hasSameBinaryContentAs(source.resolve("fetus01_image.nii.gz"));
        assertThat(workspace.labelsOf(c)).hasSameBinaryContentAs(source.resolve("fetus01_labels.nii.gz"));
        assertThat(c.imageSha256()).hasSize(64).isNotEqualTo(c.labelsSha256());
        // deleting the originals loses nothing
        Files.delete(source.resolve("fetus01_image.nii.gz"));
        assertThat(VolumeReaders.installed().read(workspace.imageOf(c)).volume().geometry()
                .sameGrid(a.geometry())).isTrue();
    }

    @Test
    void addingTheSameFileTwiceKeepsBothUnderDistinctNames() throws IOException {
        Volume a = TestVolumes.ramp(4, 4, 4, TestVolumes.ras(1, 1, 1));
        writePair("x", a, labelsOn(a, 2).volume());
        workspace.addFiles(source.resolve("x_image.nii.gz"), source.resolve("x_labels.nii.gz"));
        workspace.addFiles(source.resolve("x_image.nii.gz"), source.resolve("x_labels.nii.gz"));
        assertThat(workspace.cases()).extracting(TrainingCaseRecord::name).containsExactly("x", "x-2");
    }

    @Test
    void labelsThatAreNotALabelMapAreRefused() throws IOException {
        Volume a = TestVolumes.ramp(4, 4, 4, TestVolumes.ras(1, 1, 1));
        Volume notLabels = TestVolumes.ramp(4, 4, 4, TestVolumes.ras(1, 1, 1));
        notLabels.data().set(0, -3);
        writePair("bad", a, notLabels);
        assertThatThrownBy(() -> workspace.addFiles(source.resolve("bad_image.nii.gz"),
                source.resolve("bad_labels.nii.gz")))
                .isInstanceOf(CaseRefusedException.class)
                .hasMessageStartingWith("bad: labels are not a label map");
        assertThatThrownBy(() -> workspace.addFiles(source.resolve("none_image.nii.gz"),
                source.resolve("bad_labels.nii.gz")))
                .isInstanceOf(CaseRefusedException.class)
                .hasMessage("none: none_image.nii.gz: no such file");
        assertThat(workspace.cases()).isEmpty();
        try (var files = Files.list(workspace.casesDir())) {
            assertThat(files).as("no half-added case is left behind").isEmpty();
        }
    }

    @Test
    void aStudyFromTheViewerIsWrittenWithItsEditedLabelsAndSurvivesReopening() throws IOException {
        Volume a = TestVolumes.ramp(5, 4, 3, TestVolumes.ras(0.8, 0.8, 3));
        LabelMap edited = labelsOn(a, 4);
        TrainingCaseRecord c = workspace.addStudy("Study 7/ax T2", a, edited, "/data/study7.nii.gz");
        assertThat(c.name()).isEqualTo("Study_7_ax_T2");
        assertThat(c.sourceLabels()).isEqualTo("/data/study7.nii.gz (labels as edited in the viewer)");

        TrainingWorkspace reopened = new TrainingWorkspace(workspace.root(), VolumeReaders.installed(),
                VolumeWriters.installed());
        TrainingCaseRecord again = reopened.cases().getFirst();
        assertThat(again.labelVoxels()).isEqualTo(Map.of(1, 1L, 2, 4L));
        LabelMap read = LabelMap.fromImage(VolumeReaders.installed().read(reopened.labelsOf(again)).volume());
        assertThat(read.label(3, 2, 0)).isEqualTo(2);
        assertThat(read.label(4, 2, 0)).isZero();
    }

    @Test
    void rolesPersistAndRemovedCasesAreMovedAsideNotDeleted() throws IOException {
        Volume a = TestVolumes.ramp(4, 4, 4, TestVolumes.ras(1, 1, 1));
        workspace.addStudy("a", a, labelsOn(a, 1), "viewer");
        workspace.addStudy("b", a, labelsOn(a, 1), "viewer");
        workspace.setRole("b", TrainingCaseRecord.Role.VALIDATION);
        TrainingWorkspace reopened = new TrainingWorkspace(workspace.root(), VolumeReaders.installed(),
                VolumeWriters.installed());
        assertThat(reopened.cases()).extracting(TrainingCaseRecord::role)
                .containsExactly(TrainingCaseRecord.Role.TRAIN, TrainingCaseRecord.Role.VALIDATION);

        reopened.remove("a");
        assertThat(reopened.cases()).extracting(TrainingCaseRecord::name).containsExactly("b");
        try (var removed = Files.list(workspace.root().resolve("removed"))) {
            Path kept = removed.findFirst().orElseThrow();
            assertThat(kept.resolve("a_image.nii.gz")).exists();
        }
    }

    @Test
    void aStagingFolderLeftByACrashIsIgnoredAndCleanedOnOpen() throws IOException {
        Path staging = Files.createDirectories(workspace.casesDir().resolve(".adding-crashed"));
        Files.writeString(staging.resolve("half_image.nii.gz"), "half written");
        assertThat(workspace.cases()).isEmpty();
        new TrainingWorkspace(workspace.root(), VolumeReaders.installed(), VolumeWriters.installed());
        assertThat(staging).doesNotExist();
    }
}
