package hardy.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.ui.model.training.RunProgressModel;
import hardy.inference.ModelRegistry;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.ui.TestVolumes;
import hardy.ui.model.FxBackgroundRunner;
import hardy.ui.model.RecentFiles;
import hardy.ui.model.SegmentationViewModel;
import hardy.ui.model.StudyFiles;
import hardy.ui.model.ViewerViewModel;
import hardy.training.session.Cubes;
import hardy.training.session.RunState;
import hardy.training.session.TrainingCaseRecord;
import hardy.ui.model.training.TrainingViewModel;
import hardy.training.session.TrainingWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The training tab on a headless screen, end to end: cases from a folder and one corrected in the viewer, a tiny
 * real run started, paused and resumed with the buttons, the hardest-cases table, Export, and the new model
 * segmenting in the viewer.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingTabFxTest {

    @TempDir
    Path dir;

    private ViewerViewModel vm;
    private TrainingViewModel training;
    private MainWindow window;
    private Path viewerImage;

    @Start
    void start(Stage stage) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("cases"));
        for (int c = 0; c < 3; c++) {
            Cubes.Case cube = Cubes.of(c);
            TestVolumes.write(cube.image(), folder.resolve("cube" + c + "_image.nii.gz"));
            TestVolumes.write(cube.labels().volume(), folder.resolve("cube" + c + "_labels.nii.gz"));
        }
        viewerImage = TestVolumes.write(Cubes.of(3).image(), dir.resolve("study.nii.gz"));
        ModelRegistry registry = new ModelRegistry(dir.resolve("shipped"), dir.resolve("user-models"));
        vm = new ViewerViewModel(new StudyFiles(VolumeReaders.installed(), VolumeWriters.installed()),
                new FxBackgroundRunner(), registry);
        TrainingWorkspace workspace = new TrainingWorkspace(dir.resolve("workspace"), VolumeReaders.installed(),
                VolumeWriters.installed());
        training = new TrainingViewModel(workspace, registry, new FxBackgroundRunner(), Platform::runLater);
        window = new MainWindow(stage, vm, new MainMenu.Services(new RecentFiles(dir.resolve("recent.txt")), null),
                training);
        vm.setMessageSink(m -> Dialogs.error(stage, m));
        Scene scene = new Scene(window.root(), 1200, 800);
        scene.getStylesheets().add(hardy.ui.HardyApp.class.getResource("viewer.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static void waitFor(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void fromCasesToARunToAnExportedModelThatSegmentsInTheViewer(FxRobot robot) throws Exception {
        // a study corrected in the viewer (here: labels painted from the known block) joins the training set
        robot.interact(() -> vm.open(viewerImage, null));
        waitFor(20, () -> vm.studyProperty().get() != null && !vm.progress().busyProperty().get());
        robot.interact(() -> {
            var labels = vm.labels().labelMapProperty().get();
            var truth = Cubes.of(3).labels();
            for (int i = 0; i < truth.volume().data().length(); i++) {
                labels.volume().data().set(i, truth.volume().data().get(i));
            }
            window.menu().addStudyToTraining();
        });
        waitFor(20, () -> training.cases().size() == 1);
        assertThat(vm.notesProperty().get()).isEqualTo("Added to the training set as study");
        assertThat(training.cases().getFirst().sourceImage()).isEqualTo(viewerImage.toString());
        assertThat(training.cases().getFirst().labelVoxels()).isEqualTo(java.util.Map.of(1, 3L * 6 * 6));

        // a folder of pairs (the Add folder button opens a native chooser; its action is the view model's)
        robot.interact(() -> training.addFolder(dir.resolve("cases")));
        waitFor(20, () -> training.cases().size() == 4);
        robot.interact(window::showTraining);
        TableView<?> cases = robot.lookup("#training-cases").queryAs(TableView.class);
        assertThat(cases.getItems()).hasSize(4);
        waitFor(20, () -> training.thumbnails().size() == 4);
        robot.interact(() -> training.setRole(training.cases().stream().filter(c -> c.name().equals("study"))
                .findFirst().orElseThrow(), TrainingCaseRecord.Role.VALIDATION));

        // tiny settings; from scratch (no model is installed)
        robot.interact(() -> {
            training.settingsModel().iterationsProperty().set(30);
            training.settingsModel().patchSizeProperty().set(16);
            training.settingsModel().learningRateProperty().set(1e-2);
            training.settingsModel().validationEveryProperty().set(15);
        });
        assertThat(robot.lookup("#training-problems").queryAs(Label.class).getText()).isEmpty();
        assertThat(robot.lookup("#beta-hint").queryAs(Label.class).getText()).contains("standard training");
        robot.interact(() -> training.settingsModel().betaProperty().set(100)); // exercise the sampler in the tab
        assertThat(robot.lookup("#beta-hint").queryAs(Label.class).getText()).contains("paper's setting");

        // start, pause, resume
        robot.clickOn("#train-start");
        waitFor(120, () -> training.stateProperty().get() == RunState.RUNNING
                || training.stateProperty().get() == RunState.FAILED);
        assertThat(training.stateProperty().get()).as(training.messageProperty().get()).isEqualTo(RunState.RUNNING);
        assertThat(robot.lookup("#self-check").queryAs(Label.class).getText()).isEqualTo("Gradient check passed");
        robot.clickOn("#train-pause");
        waitFor(120, () -> training.stateProperty().get() == RunState.PAUSED
                || !training.stateProperty().get().active());
        assertThat(training.stateProperty().get()).isEqualTo(RunState.PAUSED);
        assertThat(robot.lookup("#training-state").queryAs(Label.class).getText()).startsWith("Paused at");
        assertThat(hardy.training.session.CheckpointFolder.iterations(training.workspace()
                .checkpointsDir())).as("a paused run has its checkpoint on disk").isPositive();
        robot.clickOn("#train-resume");
        waitFor(180, () -> !training.stateProperty().get().active());
        assertThat(training.stateProperty().get()).as(training.messageProperty().get()).isEqualTo(RunState.FINISHED);

        // the charts and the hardest cases
        LineChart<?, ?> loss = robot.lookup("#loss-chart").queryAs(LineChart.class);
        assertThat(loss.getData().getFirst().getData()).hasSize(30);
        javafx.scene.chart.BarChart<?, ?> bars = robot.lookup("#sampler-chart").queryAs(
                javafx.scene.chart.BarChart.class);
        assertThat(bars.getTitle()).startsWith("Sampler: effectively").contains(" of 3 cases (β ");
        assertThat(((javafx.scene.chart.CategoryAxis) bars.getXAxis()).getCategories()).as("most likely first")
                .containsExactlyElementsOf(training.progress().sampler().stream().map(RunProgressModel.Bar::name)
                        .toList());
        assertThat(training.progress().sampler()).extracting(RunProgressModel.Bar::probability)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        TableView<?> hardest = robot.lookup("#hardest-cases").queryAs(TableView.class);
        assertThat(hardest.getItems()).hasSize(4);
        assertThat(robot.lookup("#training-comparison").queryAs(Label.class).getText())
                .contains("Dice on 1 validation case");

        // export under a name; the viewer's picker has it at once, and it segments the study
        robot.interact(() -> training.exportNameProperty().set("cubes-site"));
        robot.clickOn("#train-export");
        waitFor(60, () -> vm.segmentation().models().stream()
                .anyMatch(e -> e.card() != null && e.card().name().equals("cubes-site")));
        robot.interact(window::showViewer);
        @SuppressWarnings("unchecked")
        ComboBox<ModelRegistry.Entry> picker = robot.lookup("#model-picker").queryAs(ComboBox.class);
        robot.interact(() -> picker.getSelectionModel().select(picker.getItems().stream()
                .filter(e -> e.card().name().equals("cubes-site")).findFirst().orElseThrow()));
        vm.segmentation().setConfirmer((t, q) -> true);
        robot.clickOn("#segment");
        waitFor(60, () -> vm.segmentation().stateProperty().get() == SegmentationViewModel.State.DONE
                || vm.segmentation().stateProperty().get() == SegmentationViewModel.State.FAILED);
        assertThat(vm.segmentation().stateProperty().get()).isEqualTo(SegmentationViewModel.State.DONE);

        // the hardest case, double-clicked, opens in the viewer, segmented by the run's model
        robot.interact(window::showTraining);
        String hardestCase = training.progress().hardest().getFirst().name();
        robot.doubleClickOn(robot.lookup("#hardest-cases .table-row-cell")
                .match((javafx.scene.control.TableRow<?> row) -> row.getItem() != null
                        && ((RunProgressModel.HardCase) row.getItem()).name().equals(hardestCase))
                .queryAs(javafx.scene.Node.class));
        waitFor(60, () -> vm.studyProperty().get() != null
                && vm.studyProperty().get().name().startsWith(hardestCase)
                && vm.segmentation().stateProperty().get() == SegmentationViewModel.State.DONE);
        assertThat(vm.segmentation().entropyProperty().get()).as("the run's model segmented the case").isNotNull();

        // what the user added is on disk in the workspace
        assertThat(Files.list(training.workspace().casesDir()).count()).isEqualTo(4);
    }
}
