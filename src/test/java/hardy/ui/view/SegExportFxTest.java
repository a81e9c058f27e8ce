package hardy.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.inference.ModelRegistry;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.io.dicom.DicomSegReader;
import hardy.io.dicom.SegTestSeries;
import hardy.ui.TestVolumes;
import hardy.ui.model.FxBackgroundRunner;
import hardy.ui.model.RecentFiles;
import hardy.ui.model.StudyFiles;
import hardy.ui.model.ViewerViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File > Export DICOM SEG in the window: disabled for a NIfTI study with the reason in its text, enabled for a
 * DICOM series, and writing a SEG of the labels on screen. With {@code -Dhardy.screenshot=DIR} it also saves the
 * open File menu of each case as PNG, to look at.
 */
@ExtendWith(ApplicationExtension.class)
class SegExportFxTest {

    @TempDir
    Path dir;

    private ViewerViewModel vm;
    private final QueuedFilePicker picker = new QueuedFilePicker();
    private final Deque<Path> answers = picker.queue();

    @Start
    void start(Stage stage) {
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

    private void open(FxRobot robot, Path what) throws Exception {
        robot.interact(() -> vm.open(what, null));
        idle();
    }

    private void idle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> vm.studyProperty().get() != null && !vm.progress().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Menu fileMenu(FxRobot robot) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        return bar.getMenus().stream().filter(m -> m.getText().equals("File")).findFirst().orElseThrow();
    }

    private static MenuItem segItem(FxRobot robot) {
        return fileMenu(robot).getItems().stream().filter(i -> "export-dicom-seg".equals(i.getId())).findFirst()
                .orElseThrow();
    }

    /** Saves the open File menu as PNG when {@code -Dhardy.screenshot=DIR} is given. */
    private static void shootMenu(FxRobot robot, String name) throws Exception {
        String out = System.getProperty("hardy.screenshot");
        if (out == null) {
            return;
        }
        robot.interact(() -> fileMenu(robot).show());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            for (Window w : Window.getWindows()) {
                if (w instanceof ContextMenu && w.isShowing()) {
                    try {
                        Screenshots.save(w.getScene().getRoot(), Files.createDirectories(Path.of(out))
                                .resolve(name + ".png"));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
            fileMenu(robot).hide();
        });
    }

    @Test
    void aNiftiStudyDisablesTheItemAndSaysWhy(FxRobot robot) throws Exception {
        open(robot, TestVolumes.write(TestVolumes.ramp(20, 16, 6, TestVolumes.ras(1, 1, 2)),
                dir.resolve("head.nii.gz")));
        MenuItem item = segItem(robot);
        assertThat(item.isDisable()).isTrue();
        assertThat(item.getText()).isEqualTo("Export DICOM SEG (a NIfTI image has no DICOM identity)");
        shootMenu(robot, "seg-menu-nifti");
    }

    @Test
    void aDicomSeriesExportsItsLabelsAsASeg(FxRobot robot) throws Exception {
        Path series = SegTestSeries.singleFrame(dir.resolve("mr"), SegTestSeries.OBLIQUE, 4);
        open(robot, series);
        MenuItem item = segItem(robot);
        assertThat(item.getText()).isEqualTo("Export DICOM SEG...");
        assertThat(item.isDisable()).isFalse();
        shootMenu(robot, "seg-menu-dicom");
        robot.interact(() -> vm.labels().labelMapProperty().get().setLabel(3, 2, 1, 5));
        Path seg = dir.resolve("out_seg.dcm");
        answers.add(seg);
        robot.interact(item::fire);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(seg) && !vm.progress().busyProperty()
                .get());
        WaitForAsyncUtils.waitForFxEvents();
        DicomSegReader.SegLabels back = DicomSegReader.read(seg, vm.studyProperty().get().image().geometry(),
                vm.studyProperty().get().dicom());
        assertThat(back.labels().label(3, 2, 1)).isEqualTo(5);
        assertThat(back.labels().counts()[5]).isEqualTo(1);
        assertThat(vm.statusProperty().get()).contains("DICOM segmentation (1 segment, manual) saved to");
    }
}
