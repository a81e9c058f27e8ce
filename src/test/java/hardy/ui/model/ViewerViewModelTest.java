package hardy.ui.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.io.dicom.DicomTestSlices;
import hardy.ui.TestVolumes;
import hardy.ui.render.Plane;
import hardy.ui.render.SliceMapping;
import hardy.volume.Affine;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewerViewModelTest {

    @TempDir
    Path dir;

    private final DirectRunner runner = new DirectRunner();
    private final List<UserMessage> messages = new ArrayList<>();
    private ViewerViewModel vm;
    private Path image;
    private Path labels;

    @BeforeEach
    void setUp() throws IOException {
        vm = new ViewerViewModel(new StudyFiles(VolumeReaders.installed(), VolumeWriters.installed()), runner);
        vm.setMessageSink(messages::add);
        Volume v = TestVolumes.ramp(8, 6, 4, TestVolumes.ras(1, 1, 2));
        image = TestVolumes.write(v, dir.resolve("image.nii.gz"));
        LabelMap l = LabelMap.empty(v.geometry(), 7);
        l.setLabel(2, 3, 1, 4);
        labels = TestVolumes.write(l.volume(), dir.resolve("labels.nii.gz"));
    }

    @Test
    void openingShowsTheStudyCentredWithAutoWindowAndItsLabels() {
        vm.open(image, labels);
        assertThat(messages).isEmpty();
        Study s = vm.studyProperty().get();
        assertThat(s.name()).isEqualTo("image.nii.gz");
        assertThat(vm.cursorProperty().get()).isEqualTo(new DisplayPoint(4, 3, 2));
        assertThat(vm.windowProperty().get().width()).isGreaterThan(0);
        assertThat(vm.labels().row(4).voxelsProperty().get()).isEqualTo(1);
        assertThat(vm.labels().row(4).millilitresProperty().get()).isEqualTo(0.002);
        assertThat(vm.labels().editedProperty().get()).isFalse();
        assertThat(vm.progress().busyProperty().get()).isFalse();
    }

    @Test
    void aBadFileGetsAMessageNamingItAndThePreviousStudyStays() throws IOException {
        vm.open(image, null);
        Study before = vm.studyProperty().get();
        Path bad = Files.writeString(dir.resolve("broken.nii"), "not a volume at all");
        vm.open(bad, null);
        assertThat(messages).hasSize(1);
        assertThat(messages.getFirst().message()).startsWith("broken.nii: ");
        assertThat(vm.studyProperty().get()).isSameAs(before);
        vm.open(dir.resolve("missing.nii.gz"), null);
        assertThat(messages.get(1).message()).isEqualTo("missing.nii.gz: no such file or folder");
    }

    @Test
    void labelsOnAnotherGridAreResampledOntoTheImageAndTheNoteSaysSo() throws IOException {
        vm.open(image, null);
        Geometry g = vm.studyProperty().get().image().geometry();
        // Half the resolution over the same field of view.
        Affine half = g.voxelToLps().multiply(Affine.ofRows(2, 0, 0, 0.5, 0, 2, 0, 0.5, 0, 0, 2, 0.5));
        LabelMap coarse = LabelMap.empty(new Geometry(4, 3, 2, half), 3);
        coarse.setLabel(0, 0, 0, 3);
        vm.openLabels(TestVolumes.write(coarse.volume(), dir.resolve("coarse.nii.gz")));
        LabelMap shown = vm.labels().labelMapProperty().get();
        assertThat(shown.geometry().sameGrid(g)).isTrue();
        assertThat(shown.label(0, 0, 0)).isEqualTo(3);
        assertThat(shown.label(1, 1, 1)).isEqualTo(3);
        assertThat(shown.label(2, 2, 2)).isZero();
        assertThat(vm.notesProperty().get()).contains("resampled");
    }

    @Test
    void paintUndoAndSaveWriteTheLabelsOnTheImageGrid() throws IOException {
        vm.open(image, labels);
        vm.labels().toolProperty().set(LabelsViewModel.Tool.BRUSH);
        vm.labels().selectedProperty().set(vm.labels().row(2));
        vm.labels().beginStroke();
        vm.labels().paint(Plane.AXIAL, new DisplayPoint(4, 3, 1));
        vm.labels().endStroke();
        assertThat(vm.labels().editedProperty().get()).isTrue();
        assertThat(vm.labels().row(2).voxelsProperty().get()).isEqualTo(13);
        vm.labels().undo();
        assertThat(vm.labels().row(2).voxelsProperty().get()).isZero();
        vm.labels().redo();
        Path out = dir.resolve("edited.nii.gz");
        boolean[] done = {false};
        vm.saveLabels(out, () -> done[0] = true);
        assertThat(done[0]).isTrue();
        assertThat(vm.labels().editedProperty().get()).isFalse();
        Volume saved = VolumeReaders.installed().read(out).volume();
        assertThat(saved.geometry().sameGrid(vm.studyProperty().get().image().geometry())).isTrue();
        assertThat(saved.data().contentEquals(vm.labels().labelMapProperty().get().volume().data())).isTrue();
    }

    private void paint() {
        vm.labels().toolProperty().set(LabelsViewModel.Tool.BRUSH);
        vm.labels().selectedProperty().set(vm.labels().row(2));
        vm.labels().beginStroke();
        vm.labels().paint(Plane.AXIAL, new DisplayPoint(4, 3, 1));
        vm.labels().endStroke();
    }

    @Test
    void theUnsavedMarkFollowsUndoAndRedo() {
        vm.open(image, labels);
        paint();
        assertThat(vm.labels().editedProperty().get()).isTrue();
        vm.labels().undo();
        assertThat(vm.labels().editedProperty().get()).as("back at the opened labels").isFalse();
        vm.labels().redo();
        assertThat(vm.labels().editedProperty().get()).isTrue();

        vm.saveLabels(dir.resolve("saved.nii.gz"), () -> { });
        assertThat(vm.labels().editedProperty().get()).isFalse();
        vm.labels().undo();
        assertThat(vm.labels().editedProperty().get()).as("now differs from the saved file").isTrue();
        vm.labels().redo();
        assertThat(vm.labels().editedProperty().get()).isFalse();

        vm.labels().undo();
        paint(); // a new stroke drops the redo stack: the saved state cannot come back
        vm.labels().undo();
        assertThat(vm.labels().editedProperty().get()).isTrue();
    }

    @Test
    void cursorMapsScreenPixelToVoxelWorldValueAndLabel() {
        vm.open(image, labels);
        SliceMapping axial = vm.mapping(Plane.AXIAL);
        // RAS storage: display x (towards left) runs against i. Voxel (2, 3, 1) is display (5, 2, 1), on the
        // patient's right of the origin (negative LPS x).
        vm.cursorMath().scroll(Plane.AXIAL, -1);
        axial = vm.mapping(Plane.AXIAL);
        assertThat(axial.slice()).isEqualTo(1);
        vm.cursorMath().pointAt(axial, 5, 2);
        assertThat(vm.cursorProperty().get()).isEqualTo(new DisplayPoint(5, 2, 1));
        assertThat(vm.cursorMath().describe(vm.cursorProperty().get()))
                .isEqualTo("Voxel (2, 3, 1)   (-2.0, -3.0, 2.0) mm LPS   Value 132   Label 4 Ventricles");
    }

    @Test
    void scrollingStopsAtTheFirstAndLastSlice() {
        vm.open(image, null);
        vm.cursorMath().scroll(Plane.AXIAL, 100);
        assertThat(vm.cursorProperty().get().z()).isEqualTo(3);
        vm.cursorMath().scroll(Plane.SAGITTAL, -100);
        assertThat(vm.cursorProperty().get().x()).isZero();
    }

    @Test
    void cancellingAnOpenKeepsThePreviousStudyWithoutADialog() {
        vm.open(image, null);
        Study before = vm.studyProperty().get();
        ViewerViewModel cancelling = new ViewerViewModel(
                new StudyFiles(VolumeReaders.installed(), VolumeWriters.installed()), new BackgroundRunner() {
                    @Override
                    public <T> void run(Work<T> work, ProgressModel progress, java.util.function.Consumer<T> ok,
                                        java.util.function.Consumer<Throwable> failed) {
                        progress.cancel();
                        runner.run(work, progress, ok, failed);
                    }
                });
        cancelling.setMessageSink(messages::add);
        cancelling.show(before, null);
        cancelling.open(labels, null);
        assertThat(cancelling.studyProperty().get()).isSameAs(before);
        assertThat(messages).isEmpty();
        assertThat(cancelling.notesProperty().get()).isEqualTo("Cancelled: labels.nii.gz");
        assertThat(cancelling.progress().busyProperty().get()).isFalse();
    }

    @Test
    void theCsvListsEveryLabelWithItsVolume() {
        vm.open(image, labels);
        assertThat(vm.labels().volumesCsv()).startsWith("label,name,voxels,volume_ml\n")
                .contains("4,\"Ventricles\",1,0.0020\n", "1,\"External CSF\",0,0.0000\n");
    }

    @Test
    void labelVolumesOnAShearedGridUseTheVoxelsTrueVolume() throws IOException {
        // Spacing 1 x 1 x 2 mm, but j leans towards i: each voxel holds 1.6 mm^3, not 2.
        Volume v = TestVolumes.ramp(8, 6, 4, Affine.ofRows(1, 0.6, 0, 0, 0, 0.8, 0, 0, 0, 0, 2, 0));
        LabelMap l = LabelMap.empty(v.geometry(), 7);
        l.setLabel(2, 3, 1, 4);
        vm.open(TestVolumes.write(v, dir.resolve("sheared.nii.gz")),
                TestVolumes.write(l.volume(), dir.resolve("sheared_labels.nii.gz")));
        assertThat(messages).isEmpty();
        assertThat(vm.labels().row(4).millilitresProperty().get()).isCloseTo(0.0016, within(1e-9));
    }

    @Test
    void aDicomFolderIsScannedOnceTheChosenSeriesOpensFromTheScannedHeaders() throws IOException {
        Path folder = dir.resolve("dicom");
        DicomTestSlices.write(folder, "a1", "1.2.3", 1, 0, 0);
        DicomTestSlices.write(folder, "a2", "1.2.3", 2, 3, 100);
        DicomTestSlices.write(folder, "b1", "1.2.4", 1, 0, 500);
        vm.setSeriesChooser(series -> {
            // A file that arrives between the scan and the read shows whether the folder is scanned twice.
            try {
                DicomTestSlices.write(folder, "a3", "1.2.3", 3, 6, 200);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return java.util.Optional.of(series.getFirst());
        });
        vm.open(folder, null);
        assertThat(messages).isEmpty();
        assertThat(vm.studyProperty().get().image().geometry().dims()).containsExactly(4, 3, 2);
    }
}
