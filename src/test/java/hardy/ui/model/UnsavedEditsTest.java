package hardy.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.ui.TestVolumes;
import hardy.ui.render.Plane;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unsaved-edits guard without a screen: what each answer does to the labels, the files and the recovery
 * copies.
 */
class UnsavedEditsTest {

    @TempDir
    Path dir;

    private final List<UserMessage> messages = new ArrayList<>();
    private final List<UnsavedEdits.Action> asked = new ArrayList<>();
    private UnsavedEdits.Answer answer = UnsavedEdits.Answer.CANCEL;
    private Optional<Path> saveTo = Optional.empty();
    private ViewerViewModel vm;
    private Path recoveryDir;
    private Path first;
    private Path firstLabels;
    private Path second;

    @BeforeEach
    void setUp() throws IOException {
        vm = new ViewerViewModel(new StudyFiles(VolumeReaders.installed(), VolumeWriters.installed()),
                new DirectRunner());
        vm.setMessageSink(messages::add);
        vm.setSaveLocation(name -> saveTo);
        recoveryDir = dir.resolve("recovery");
        vm.unsaved().setRecovery(new Recovery(recoveryDir), Runnable::run);
        vm.unsaved().setQuestion((study, action) -> {
            asked.add(action);
            return answer;
        });
        Volume v = TestVolumes.ramp(8, 6, 4, TestVolumes.ras(1, 1, 2));
        first = TestVolumes.write(v, dir.resolve("first.nii.gz"));
        LabelMap l = LabelMap.empty(v.geometry(), 7);
        l.setLabel(2, 3, 1, 4);
        firstLabels = TestVolumes.write(l.volume(), dir.resolve("first_labels.nii.gz"));
        second = TestVolumes.write(TestVolumes.ramp(6, 6, 6, TestVolumes.lps(1, 1, 1)), dir.resolve("second.nii"));
    }

    /** One brush stroke of label 2 at the centre of axial slice 1; returns the map it painted. */
    private LabelMap paint() {
        vm.labels().toolProperty().set(LabelsViewModel.Tool.BRUSH);
        vm.labels().selectedProperty().set(vm.labels().row(2));
        vm.labels().beginStroke();
        vm.labels().paint(Plane.AXIAL, new DisplayPoint(4, 3, 1));
        vm.labels().endStroke();
        return vm.labels().labelMapProperty().get();
    }

    /** Voxels of label 2, which only {@link #paint()} paints. */
    private static long painted(LabelMap map) {
        return map.counts().length > 2 ? map.counts()[2] : 0;
    }

    private List<Recovery.Found> offeredAtNextStart() {
        Recovery next = new Recovery(recoveryDir);
        next.adoptCrashed();
        return next.find();
    }

    @Test
    void withoutEditsNothingIsAsked() {
        vm.open(first, firstLabels);
        vm.open(second, null);
        assertThat(asked).isEmpty();
        assertThat(vm.studyProperty().get().name()).isEqualTo("second.nii");
        assertThat(offeredAtNextStart()).isEmpty();
    }

    @Test
    void cancelKeepsTheStudyAndItsEdits() {
        vm.open(first, firstLabels);
        LabelMap edited = paint();
        Study before = vm.studyProperty().get();

        vm.open(second, null);
        vm.openLabels(firstLabels);

        assertThat(asked).containsExactly(UnsavedEdits.Action.OPEN_IMAGE, UnsavedEdits.Action.OPEN_LABELS);
        assertThat(vm.studyProperty().get()).isSameAs(before);
        assertThat(vm.labels().labelMapProperty().get()).isSameAs(edited);
        assertThat(vm.labels().editedProperty().get()).isTrue();
        assertThat(painted(edited)).isEqualTo(13);
    }

    @Test
    void dontSaveReplacesAndKeepsACopyTheNextStartOffers() throws IOException {
        vm.open(first, firstLabels);
        Volume edited = paint().volume().copy();
        answer = UnsavedEdits.Answer.DONT_SAVE;

        vm.open(second, null);

        assertThat(vm.studyProperty().get().name()).isEqualTo("second.nii");
        assertThat(vm.labels().editedProperty().get()).isFalse();
        assertThat(painted(LabelMap.fromImage(VolumeReaders.installed().read(firstLabels).volume())))
                .as("the label file is not touched").isZero();
        Recovery.Found copy = offeredAtNextStart().getFirst();
        assertThat(copy.image()).isEqualTo(first.toAbsolutePath());
        assertThat(copy.reason()).isEqualTo(Recovery.Reason.REPLACED);
        Volume kept = VolumeReaders.installed().read(copy.labels()).volume();
        assertThat(kept.data().contentEquals(edited.data())).as("the labels as they were on screen").isTrue();
        assertThat(painted(LabelMap.fromImage(kept))).as("the stroke").isEqualTo(13);

        vm.unsaved().endSession(); // a clean exit keeps it
        assertThat(offeredAtNextStart()).hasSize(1);
    }

    @Test
    void aRecoveredCopyOpensAsUnsavedEditsAndIsThenAutosavedInsteadOfKept() {
        vm.open(first, firstLabels);
        paint();
        answer = UnsavedEdits.Answer.DONT_SAVE;
        vm.open(second, null);
        Recovery.Found copy = vm.unsaved().recoverable().getFirst();

        vm.unsaved().open(copy);

        assertThat(vm.studyProperty().get().name()).isEqualTo("first.nii.gz");
        assertThat(painted(vm.labels().labelMapProperty().get())).isEqualTo(13);
        assertThat(vm.labels().editedProperty().get()).isTrue();
        assertThat(vm.labels().fileProperty().get()).as("Save asks where").isNull();
        assertThat(new Recovery(recoveryDir).find()).as("no longer a kept copy").isEmpty();
        assertThat(offeredAtNextStart()).as("but autosaved, should Hardy crash now").hasSize(1);
    }

    @Test
    void saveWritesTheEditsThenReplaces() throws IOException {
        vm.open(first, firstLabels);
        paint();
        answer = UnsavedEdits.Answer.SAVE;

        vm.open(second, null);

        assertThat(vm.studyProperty().get().name()).isEqualTo("second.nii");
        Volume saved = VolumeReaders.installed().read(firstLabels).volume();
        assertThat(painted(LabelMap.fromImage(saved))).isEqualTo(13);
        assertThat(offeredAtNextStart()).as("saved: nothing to recover").isEmpty();
    }

    @Test
    void aSaveThatIsCancelledOrFailsReplacesNothing() throws IOException {
        vm.open(first, null);
        LabelMap edited = paint();
        answer = UnsavedEdits.Answer.SAVE;

        saveTo = Optional.empty(); // Cancel in the file chooser
        vm.open(second, null);
        assertThat(vm.studyProperty().get().name()).isEqualTo("first.nii.gz");

        Path notAFolder = Files.writeString(dir.resolve("plain.txt"), "x");
        saveTo = Optional.of(notAFolder.resolve("labels.nii.gz"));
        vm.open(second, null);
        assertThat(messages).singleElement().satisfies(m -> assertThat(m.title()).isEqualTo("Cannot save labels"));
        assertThat(vm.studyProperty().get().name()).isEqualTo("first.nii.gz");
        assertThat(vm.labels().labelMapProperty().get()).isSameAs(edited);
        assertThat(vm.labels().editedProperty().get()).isTrue();
    }

    @Test
    void undoingBackToTheSavedStateDeletesTheAutosave() {
        vm.open(first, firstLabels);
        paint();
        vm.unsaved().autosave();
        assertThat(Files.exists(recoveryDir.resolve("labels.nii.gz"))).isTrue();
        vm.labels().undo();
        assertThat(Files.exists(recoveryDir.resolve("labels.nii.gz"))).isFalse();
        assertThat(offeredAtNextStart()).isEmpty();
    }

    @Test
    void saveSaysWhereInTheStatusBar() {
        vm.open(first, null);
        paint();
        Path target = dir.resolve("out/corrected");
        saveTo = Optional.of(target);
        vm.saveLabels(false, () -> { });
        assertThat(messages).isEmpty();
        Path written = dir.resolve("out/corrected.nii.gz");
        assertThat(written).exists();
        assertThat(vm.statusProperty().get()).isEqualTo("Labels saved to " + written.toAbsolutePath());
    }

    @Test
    void onlyImagesThatOpenedJoinTheRecentList() throws IOException {
        RecentFiles recent = new RecentFiles(dir.resolve("recent.txt"));
        vm.setRecentFiles(recent);
        Path broken = Files.writeString(dir.resolve("broken.nii"), "not a volume");

        vm.open(broken, null);
        vm.open(dir.resolve("missing.nii.gz"), null);
        vm.open(first, dir.resolve("missing_labels.nii.gz")); // the labels fail: nothing opens
        assertThat(messages).hasSize(3);
        assertThat(recent.files()).isEmpty();

        vm.open(first, null);
        vm.openUnlisted(second, null, () -> { });
        assertThat(recent.files()).containsExactly(first.toAbsolutePath());
        assertThat(new RecentFiles(dir.resolve("recent.txt")).files()).containsExactly(first.toAbsolutePath());
    }

    @Test
    void aCancelledOpenDoesNotJoinTheRecentList() {
        RecentFiles recent = new RecentFiles(dir.resolve("recent.txt"));
        ViewerViewModel cancelling = new ViewerViewModel(
                new StudyFiles(VolumeReaders.installed(), VolumeWriters.installed()), new BackgroundRunner() {
                    @Override
                    public <T> void run(Work<T> work, ProgressModel progress, java.util.function.Consumer<T> ok,
                                        java.util.function.Consumer<Throwable> failed) {
                        progress.cancel();
                        new DirectRunner().run(work, progress, ok, failed);
                    }
                });
        cancelling.setRecentFiles(recent);
        cancelling.open(first, null);
        assertThat(cancelling.studyProperty().get()).isNull();
        assertThat(recent.files()).isEmpty();
    }
}
