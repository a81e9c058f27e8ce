package hardy.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.ui.model.training.RunProgressModel;
import hardy.inference.ModelRegistry;
import hardy.inference.TinyOnnx;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.ui.TestVolumes;
import hardy.ui.model.FxBackgroundRunner;
import hardy.ui.model.RecentFiles;
import hardy.ui.model.Recovery;
import hardy.ui.model.SegmentationViewModel;
import hardy.ui.model.Study;
import hardy.ui.model.StudyFiles;
import hardy.ui.model.ViewerViewModel;
import hardy.training.session.Cubes;
import hardy.training.session.CheckpointFolder;
import hardy.training.session.TrainingCaseRecord;
import hardy.ui.model.training.TrainingViewModel;
import hardy.training.session.TrainingWorkspace;
import hardy.ui.render.Plane;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every command that replaces the study or its labels, driven as the user drives it (menus, buttons, a
 * double-click), on a window wired by a real {@link Session}: with a brush stroke not saved, Cancel keeps the
 * study and the stroke, and Don't save replaces them and leaves a copy that a new session offers and restores.
 */
@ExtendWith(ApplicationExtension.class)
class UnsavedEditsFxTest {

    @TempDir
    Path dir;

    private Stage stage;
    private ViewerViewModel vm;
    private TrainingViewModel training;
    private MainWindow window;
    private ModelRegistry registry;
    private Path recoveryDir;
    private Path image;
    private Path labels;
    private Path other;
    private Path otherLabels;

    /** Answers the file choosers with the paths queued in {@link #picks}, as a user would pick them. */
    private final QueuedFilePicker picker = new QueuedFilePicker();
    private final Deque<Path> picks = picker.queue();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Volume v = TestVolumes.ramp(40, 32, 12, TestVolumes.ras(1, 1, 2));
        image = TestVolumes.write(v, dir.resolve("head.nii.gz"));
        LabelMap l = LabelMap.empty(v.geometry(), 7);
        for (int k = 0; k < 12; k++) {
            l.setLabel(20, 16, k, 3);
        }
        labels = TestVolumes.write(l.volume(), dir.resolve("head_labels.nii.gz"));
        otherLabels = TestVolumes.write(LabelMap.empty(v.geometry(), 7).volume(), dir.resolve("other_labels.nii.gz"));
        other = TestVolumes.write(TestVolumes.ramp(10, 10, 10, TestVolumes.lps(1, 1, 1)), dir.resolve("other.nii.gz"));
        Path demo = Files.createDirectories(dir.resolve("demo"));
        Files.copy(other, demo.resolve("demo_t2w.nii.gz"));
        RecentFiles recent = new RecentFiles(dir.resolve("recent.txt"));
        recent.add(other);
        // A 1x1x1 convolution for Segment: class 1 where the value exceeds 700.
        var card = TinyOnnx.write(dir.resolve("models/threshold"), TinyOnnx.pointwise(new float[] {0, 0.01f},
                new float[] {0, -7f}, null), 2, new double[] {1, 1, 2}, new int[] {8, 8, 4}, "softmax");
        card.put("name", "threshold");
        TinyOnnx.writeCard(dir.resolve("models/threshold"), card);
        registry = new ModelRegistry(dir.resolve("models"), dir.resolve("user-models"));
        vm = new ViewerViewModel(new StudyFiles(VolumeReaders.installed(), VolumeWriters.installed()),
                new FxBackgroundRunner(), registry);
        TrainingWorkspace workspace = new TrainingWorkspace(dir.resolve("workspace"), VolumeReaders.installed(),
                VolumeWriters.installed());
        training = new TrainingViewModel(workspace, registry, new FxBackgroundRunner(), Platform::runLater);
        window = new MainWindow(stage, vm, new MainMenu.Services(recent, demo, picker), training);
        Scene scene = new Scene(window.root(), 1200, 800);
        scene.getStylesheets().add(hardy.ui.HardyApp.class.getResource("viewer.css").toExternalForm());
        stage.setScene(scene);
        recoveryDir = dir.resolve("recovery");
        new Session(stage, vm, window, recoveryDir);
        stage.show();
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean idle() {
        return !vm.progress().busyProperty().get();
    }

    /** Opens the head with its labels and paints one brush stroke of label 2; returns the labels as painted. */
    private Volume editedStudy(FxRobot robot) throws Exception {
        robot.interact(() -> vm.open(image, labels));
        waitFor(20, () -> vm.studyProperty().get() != null && idle());
        robot.interact(() -> vm.labels().selectedProperty().set(vm.labels().row(2)));
        robot.clickOn("#tool-brush");
        SliceView axial = window.view(Plane.AXIAL);
        double[] at = axial.transform().centreOf(30, 6);
        robot.clickOn(axial.localToScreen(at[0], at[1]));
        assertThat(vm.labels().editedProperty().get()).isTrue();
        assertThat(stage.getTitle()).isEqualTo("head.nii.gz * - Hardy");
        return vm.labels().labelMapProperty().get().volume().copy();
    }

    /** Waits for the unsaved-edits question, checks it names the study, and clicks {@code button}. */
    private void answer(FxRobot robot, ButtonType button) throws Exception {
        waitFor(20, () -> robot.lookup("#unsaved-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#unsaved-dialog").queryAs(DialogPane.class);
        assertThat(pane.getHeaderText()).isEqualTo("Save your label edits?");
        assertThat(pane.getContentText()).startsWith("The labels of head.nii.gz have changes that are not saved.")
                .contains("replaces them").contains("keeps a copy");
        robot.clickOn(pane.lookupButton(button));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * The guard around one command: with a stroke not saved, {@code command} asks; Cancel leaves everything as it
     * was; Don't save lets it replace the labels ({@code replaced} turns true) and leaves a recovery copy that a
     * new session offers and restores.
     */
    private void guarded(FxRobot robot, Consumer<FxRobot> command, Callable<Boolean> replaced) throws Exception {
        Volume edited = editedStudy(robot);
        Study study = vm.studyProperty().get();
        LabelMap map = vm.labels().labelMapProperty().get();

        command.accept(robot);
        answer(robot, ButtonType.CANCEL);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertThat(idle()).as("nothing started").isTrue();
        assertThat(vm.studyProperty().get()).isSameAs(study);
        assertThat(vm.labels().labelMapProperty().get()).isSameAs(map);
        assertThat(map.volume().data().contentEquals(edited.data())).as("the stroke is still there").isTrue();
        assertThat(vm.labels().editedProperty().get()).isTrue();
        assertThat(new Recovery(recoveryDir).find()).isEmpty();

        command.accept(robot);
        answer(robot, Dialogs.DISCARD);
        waitFor(60, () -> idle() && replaced.call());
        assertThat(vm.labels().labelMapProperty().get()).isNotSameAs(map);
        aNewSessionOffers(robot, edited);
    }

    /** A second window, started as Hardy starts, offers the kept copy; Yes shows the painted labels again. */
    private void aNewSessionOffers(FxRobot robot, Volume edited) throws Exception {
        waitFor(20, () -> !new Recovery(recoveryDir).find().isEmpty());
        ViewerViewModel next = new ViewerViewModel(new StudyFiles(VolumeReaders.installed(),
                VolumeWriters.installed()), new FxBackgroundRunner(), registry);
        Stage[] second = new Stage[1];
        robot.interact(() -> {
            second[0] = new Stage();
            MainWindow w = new MainWindow(second[0], next, new MainMenu.Services(null, null, picker));
            second[0].setScene(new Scene(w.root(), 900, 600));
            Session session = new Session(second[0], next, w, recoveryDir);
            second[0].show();
            Platform.runLater(() -> session.startUp(null, null));
        });
        waitFor(20, () -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
        DialogPane offer = robot.lookup("#confirm-dialog").queryAs(DialogPane.class);
        assertThat(offer.getHeaderText()).isEqualTo("Recover unsaved labels?");
        assertThat(offer.getContentText()).contains("Label edits for head.nii.gz were not saved");
        robot.clickOn(offer.lookupButton(ButtonType.YES));
        waitFor(20, () -> next.studyProperty().get() != null && next.labels().editedProperty().get()
                && !next.progress().busyProperty().get());
        assertThat(next.studyProperty().get().source()).isEqualTo(image.toAbsolutePath());
        assertThat(next.labels().labelMapProperty().get().volume().data().contentEquals(edited.data()))
                .as("the labels as they were painted").isTrue();
        assertThat(second[0].getTitle()).isEqualTo("head.nii.gz * - Hardy");
        robot.interact(second[0]::close);
    }

    private boolean showing(String name) {
        Study s = vm.studyProperty().get();
        return s != null && s.name().equals(name);
    }

    @Test
    void fileOpenImageFile(FxRobot robot) throws Exception {
        guarded(robot, r -> {
            picks.add(other);
            r.clickOn("File").clickOn("Open image file...");
        }, () -> showing("other.nii.gz"));
    }

    @Test
    void fileOpenDicomFolder(FxRobot robot) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("dicom"));
        try (InputStream in = getClass().getResourceAsStream("/hardy/io/dicom/codec-vectors/jpeg-lossless-16bit.dcm")) {
            Files.copy(in, folder.resolve("IM0001"));
        }
        guarded(robot, r -> {
            picks.add(folder);
            r.clickOn("File").clickOn("Open DICOM folder...");
        }, () -> vm.studyProperty().get().source().equals(folder));
    }

    @Test
    void fileOpenRecent(FxRobot robot) throws Exception {
        String entry = other.toAbsolutePath().toString();
        guarded(robot, r -> {
            r.clickOn("File").moveTo("Open recent");
            // Into the submenu sideways, so the pointer does not cross (and close it on) the items below.
            Node item = r.lookup((Node n) -> n instanceof javafx.scene.control.Labeled l
                    && entry.equals(l.getText()) && n.getScene() != null).queryAs(Node.class);
            javafx.geometry.Bounds b = item.localToScreen(item.getBoundsInLocal());
            r.moveTo(new javafx.geometry.Point2D(b.getMinX() + 10, r.point("Open recent").query().getY()));
            r.clickOn(item);
        }, () -> showing("other.nii.gz"));
    }

    @Test
    void droppingAFileOnTheWindow(FxRobot robot) throws Exception {
        // The drop handler's own call: TestFX cannot fill a system drag board with files.
        guarded(robot, r -> Platform.runLater(() -> window.open(List.of(other))), () -> showing("other.nii.gz"));
    }

    @Test
    void helpOpenDemoStudy(FxRobot robot) throws Exception {
        guarded(robot, r -> r.clickOn("Help").clickOn("Open demo study"), () -> showing("demo_t2w.nii.gz"));
    }

    @Test
    void fileOpenLabels(FxRobot robot) throws Exception {
        guarded(robot, r -> {
            picks.add(otherLabels);
            r.clickOn("File").clickOn("Open labels...");
        }, () -> otherLabels.equals(vm.labels().fileProperty().get()));
    }

    @Test
    void segmentOverEditedLabels(FxRobot robot) throws Exception {
        guarded(robot, r -> r.clickOn("#segment"),
                () -> vm.segmentation().stateProperty().get() == SegmentationViewModel.State.DONE);
    }

    @Test
    void doubleClickingAHardCaseInTheTrainingTab(FxRobot robot) throws Exception {
        Path cases = Files.createDirectories(dir.resolve("cases"));
        Cubes.Case cube = Cubes.of(0);
        TestVolumes.write(cube.image(), cases.resolve("cube0_image.nii.gz"));
        TestVolumes.write(cube.labels().volume(), cases.resolve("cube0_labels.nii.gz"));
        robot.interact(() -> training.addFolder(cases));
        waitFor(20, () -> training.cases().size() == 1);
        // The run's newest model, which the double-click segments the case with.
        Path model = training.workspace().checkpointsDir().resolve(CheckpointFolder.CANDIDATE_MODEL);
        TinyOnnx.writeCard(model, TinyOnnx.write(model, TinyOnnx.pointwise(new float[] {0, 0.01f},
                new float[] {0, -7f}, null), 2, new double[] {1, 1, 1}, new int[] {8, 8, 8}, "softmax"));
        robot.interact(() -> training.progress().hardest().setAll(new RunProgressModel.HardCase("cube0",
                TrainingCaseRecord.Role.TRAIN, 0.9, 1.0, 0.2)));

        guarded(robot, r -> {
            r.interact(window::showTraining);
            r.doubleClickOn(r.lookup("#hardest-cases .table-row-cell")
                    .match((TableRow<?> row) -> row.getItem() != null).queryAs(Node.class));
        }, () -> vm.studyProperty().get().name().startsWith("cube0")
                && vm.segmentation().stateProperty().get() == SegmentationViewModel.State.DONE);
    }

    @Test
    void saveSavesTheStrokeThenReplacesAndSaysWhere(FxRobot robot) throws Exception {
        Volume edited = editedStudy(robot);
        picks.add(other);
        robot.clickOn("File").clickOn("Open image file...");
        answer(robot, Dialogs.SAVE);
        waitFor(20, () -> showing("other.nii.gz") && idle());
        Volume saved = VolumeReaders.installed().read(labels).volume();
        assertThat(saved.data().contentEquals(edited.data())).as("saved over the opened labels file").isTrue();
        assertThat(robot.lookup("#status-message").queryAs(Label.class).getText())
                .isEqualTo("Labels saved to " + labels.toAbsolutePath());
        assertThat(stage.getTitle()).isEqualTo("other.nii.gz - Hardy");
        assertThat(new Recovery(recoveryDir).find()).as("nothing to recover").isEmpty();
    }

    @Test
    void closingAsksTooAndCancelKeepsTheWindow(FxRobot robot) throws Exception {
        editedStudy(robot);
        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitFor(20, () -> robot.lookup("#unsaved-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#unsaved-dialog").queryAs(DialogPane.class);
        assertThat(pane.getContentText()).contains("Closing Hardy discards them.").doesNotContain("keeps a copy");
        robot.clickOn(pane.lookupButton(ButtonType.CANCEL));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isShowing()).isTrue();
        assertThat(vm.labels().editedProperty().get()).isTrue();
    }
}
