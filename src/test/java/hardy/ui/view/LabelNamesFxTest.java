package hardy.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.inference.ModelRegistry;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.io.labels.LabelTableFiles;
import hardy.ui.TestVolumes;
import hardy.ui.model.FxBackgroundRunner;
import hardy.ui.model.LabelRow;
import hardy.ui.model.RecentFiles;
import hardy.ui.model.StudyFiles;
import hardy.ui.model.ViewerViewModel;
import hardy.volume.LabelMap;
import hardy.volume.LabelTable;
import hardy.volume.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Renaming and adding labels in the label panel, saving, and finding the names again when the labels reopen. */
@ExtendWith(ApplicationExtension.class)
class LabelNamesFxTest {

    @TempDir
    Path dir;

    private ViewerViewModel vm;
    private Path image;
    private Path labels;
    private final QueuedFilePicker picker = new QueuedFilePicker();
    private final Deque<Path> answers = picker.queue();

    @Start
    void start(Stage stage) throws Exception {
        Volume v = TestVolumes.ramp(20, 16, 6, TestVolumes.ras(1, 1, 2));
        image = TestVolumes.write(v, dir.resolve("head.nii.gz"));
        LabelMap l = LabelMap.empty(v.geometry(), 7);
        l.setLabel(10, 8, 3, 3);
        labels = TestVolumes.write(l.volume(), dir.resolve("head_labels.nii.gz"));
        vm = new ViewerViewModel(new StudyFiles(VolumeReaders.installed(), VolumeWriters.installed()),
                new FxBackgroundRunner(), new ModelRegistry(dir.resolve("models"), dir.resolve("user-models")));
        MainWindow window = new MainWindow(stage, vm, new MainMenu.Services(new RecentFiles(dir.resolve("recent.txt")),
                null, picker));
        vm.setMessageSink(m -> Dialogs.error(stage, m));
        Scene scene = new Scene(window.root(), 1200, 800);
        scene.getStylesheets().add(hardy.ui.HardyApp.class.getResource("viewer.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private void open(FxRobot robot) throws Exception {
        robot.interact(() -> vm.open(image, labels));
        idle();
    }

    private void idle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> vm.studyProperty().get() != null && !vm.progress().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Node nameCell(FxRobot robot, String text) {
        return robot.lookup("#label-table .table-cell").match((Node n) -> n instanceof Labeled c
                && text.equals(c.getText())).query();
    }

    private MenuItem fileItem(FxRobot robot, String text) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        Menu file = bar.getMenus().stream().filter(m -> m.getText().equals("File")).findFirst().orElseThrow();
        return file.getItems().stream().filter(i -> text.equals(i.getText())).findFirst().orElseThrow();
    }

    @Test
    void aRenamedAndAnAddedLabelAreSavedAndComeBackWithTheLabels(FxRobot robot) throws Exception {
        open(robot);
        robot.doubleClickOn(nameCell(robot, "White matter"));
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("Subplate").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.labels().row(3).nameProperty().get()).isEqualTo("Subplate");
        assertThat(vm.labels().editedProperty().get()).as("the title's * asks for a save").isTrue();

        robot.clickOn("#add-label");
        WaitForAsyncUtils.waitForFxEvents();
        LabelRow added = vm.labels().row(8);
        assertThat(added).isNotNull();
        assertThat(added.nameProperty().get()).isEqualTo("Label 8");

        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.labels().editedProperty().get());
        Path sidecar = dir.resolve("head_labels.label.txt");
        LabelTable written = LabelTableFiles.read(sidecar);
        assertThat(written.name(3)).isEqualTo("Subplate");
        assertThat(written.name(8)).isEqualTo("Label 8");

        robot.interact(() -> vm.open(image, null));
        idle();
        assertThat(vm.labels().row(3).nameProperty().get()).isEqualTo("White matter");
        open(robot);
        assertThat(vm.labels().row(3).nameProperty().get()).isEqualTo("Subplate");
        assertThat(nameCell(robot, "Subplate")).isNotNull();
        assertThat(vm.labels().row(8)).isNotNull();
        assertThat(vm.labels().editedProperty().get()).isFalse();
    }

    @Test
    void theFileMenuImportsAndExportsLabelNames(FxRobot robot) throws Exception {
        open(robot);
        Path site = dir.resolve("site.txt");
        Files.writeString(site, "    0     0    0    0        0  0  0    \"Clear Label\"\n"
                + "    3    10   20   30        1  1  1    \"Site WM\"\n");
        answers.add(site);
        robot.interact(() -> fileItem(robot, "Import label names...").fire());
        idle();
        assertThat(vm.labels().row(3).nameProperty().get()).isEqualTo("Site WM");
        assertThat(vm.labels().row(3).rgbProperty().get()).isEqualTo(0x0A141E);

        Path ctbl = dir.resolve("exported.ctbl");
        answers.add(ctbl);
        robot.interact(() -> fileItem(robot, "Export label names...").fire());
        idle();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(ctbl));
        assertThat(Files.readString(ctbl)).startsWith("# Color table file exported.ctbl").contains("3 Site_WM 10 20 30");
    }
}
