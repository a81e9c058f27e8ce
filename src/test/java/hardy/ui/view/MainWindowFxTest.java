package hardy.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.inference.ModelRegistry;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.ui.TestVolumes;
import hardy.ui.model.FxBackgroundRunner;
import hardy.ui.model.LabelRow;
import hardy.ui.model.LabelsViewModel;
import hardy.ui.model.RecentFiles;
import hardy.ui.model.SegmentationViewModel;
import hardy.ui.model.StudyFiles;
import hardy.ui.model.ViewerViewModel;
import hardy.ui.render.Plane;
import hardy.ui.render.SliceMapping;
import hardy.ui.render.ViewTransform;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window on a headless screen (Monocle): open a volume, move through slices, toggle a label, paint and
 * undo, save, and read the result from the model and from the rendered pixels.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {

    /** Values of the test image: a bright block at the patient's left, mid grey elsewhere. */
    private static final int BRIGHT = 1000;
    private static final int GREY = 400;

    @TempDir
    Path dir;

    private ViewerViewModel vm;
    private MainWindow window;
    private Path image;
    private Path labels;

    @Start
    void start(Stage stage) throws Exception {
        // Stored the NIfTI way: i runs to the patient's right, so the patient's left is i < 8.
        Volume v = TestVolumes.ramp(40, 32, 12, TestVolumes.ras(1, 1, 2));
        for (int k = 0; k < 12; k++) {
            for (int j = 0; j < 32; j++) {
                for (int i = 0; i < 40; i++) {
                    v.data().set(v.index(i, j, k), i < 8 ? BRIGHT : GREY);
                }
            }
        }
        image = TestVolumes.write(v, dir.resolve("head.nii.gz"));
        LabelMap l = LabelMap.empty(v.geometry(), 7);
        for (int k = 0; k < 12; k++) {
            for (int j = 12; j < 20; j++) {
                for (int i = 16; i < 24; i++) {
                    l.setLabel(i, j, k, 3);
                }
            }
        }
        labels = TestVolumes.write(l.volume(), dir.resolve("head_labels.nii.gz"));
        // A model for the Segment button: a 1x1x1 convolution, class 1 where the value exceeds 700 (logits +-3 on
        // this image, so an entropy of 0.19 nats everywhere).
        var card = hardy.inference.TinyOnnx.write(dir.resolve("models/threshold"), hardy.inference.TinyOnnx.pointwise(
                new float[] {0, 0.01f}, new float[] {0, -7f}, null), 2, new double[] {1, 1, 2},
                new int[] {40, 32, 12}, "softmax");
        card.put("name", "threshold");
        hardy.inference.TinyOnnx.writeCard(dir.resolve("models/threshold"), card);
        vm = new ViewerViewModel(new StudyFiles(VolumeReaders.installed(), VolumeWriters.installed()),
                new FxBackgroundRunner(), new ModelRegistry(dir.resolve("models"), dir.resolve("user-models")));
        window = new MainWindow(stage, vm, new MainMenu.Services(new RecentFiles(dir.resolve("recent.txt")), null));
        vm.setMessageSink(m -> Dialogs.error(stage, m));
        Scene scene = new Scene(window.root(), 1200, 800);
        scene.getStylesheets().add(hardy.ui.HardyApp.class.getResource("viewer.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private void open(FxRobot robot, Path img, Path lab) throws Exception {
        robot.interact(() -> vm.open(img, lab));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> vm.studyProperty().get() != null && !vm.progress().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** ARGB of the view's on-screen pixel at the centre of raster pixel (u, v). */
    private int screenPixel(FxRobot robot, SliceView view, int u, int v) {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = view.snapshot(null, null));
        double[] c = view.transform().centreOf(u, v);
        return shot[0].getPixelReader().getArgb((int) c[0], (int) c[1]);
    }

    @Test
    void orientationLettersSitWhereTheAnatomySays(FxRobot robot) throws Exception {
        open(robot, image, labels);
        SliceView axial = window.view(Plane.AXIAL);
        Label right = robot.lookup("#view-axial-letter-right").queryAs(Label.class);
        Label left = robot.lookup("#view-axial-letter-left").queryAs(Label.class);
        assertThat(right.getText()).isEqualTo("L");
        assertThat(left.getText()).isEqualTo("R");
        Bounds rb = right.localToScene(right.getBoundsInLocal());
        Bounds vb = axial.localToScene(axial.getBoundsInLocal());
        assertThat(rb.getMinX()).isGreaterThan(vb.getCenterX());
        // The patient's left (the bright block) is drawn on the screen's right, next to the "L".
        int w = axial.mapping().width();
        assertThat(screenPixel(robot, axial, w - 2, 3) & 0xFF).isEqualTo(255);
        assertThat(screenPixel(robot, axial, 1, 3) & 0xFF).isLessThan(200);

        robot.interact(() -> vm.radiologicalProperty().set(false));
        assertThat(right.getText()).isEqualTo("R");
        assertThat(screenPixel(robot, axial, 1, 3) & 0xFF).isEqualTo(255);
    }

    @Test
    void theWheelAndPageKeysMoveThroughSlices(FxRobot robot) throws Exception {
        open(robot, image, labels);
        int z = vm.cursorProperty().get().z();
        robot.moveTo(window.view(Plane.AXIAL)).scroll(2, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        int after = vm.cursorProperty().get().z();
        assertThat(Math.abs(after - z)).isEqualTo(2);
        assertThat(window.view(Plane.AXIAL).mapping().slice()).isEqualTo(after);
        robot.press(KeyCode.PAGE_DOWN).release(KeyCode.PAGE_DOWN);
        assertThat(vm.cursorProperty().get().z()).isZero();
    }

    /** What the status bar says on its left (the voxel under the mouse). */
    private static String statusText(FxRobot robot) {
        return robot.lookup("#status-bar").queryAs(org.controlsfx.control.StatusBar.class).getText();
    }

    /** The voxel index (i, j, k) the status bar names. */
    private static int[] voxelInStatus(FxRobot robot) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^Voxel \\((\\d+), (\\d+), (\\d+)\\)")
                .matcher(statusText(robot));
        assertThat(m.find()).as(statusText(robot)).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    @Test
    void theStatusBarFollowsTheSliceUnderAStillMouse(FxRobot robot) throws Exception {
        open(robot, image, labels);
        robot.moveTo(window.view(Plane.AXIAL));
        int[] before = voxelInStatus(robot);

        robot.scroll(2, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        int[] after = voxelInStatus(robot);
        assertThat(after[0]).isEqualTo(before[0]);
        assertThat(after[1]).isEqualTo(before[1]);
        assertThat(Math.abs(after[2] - before[2])).as("two slices on").isEqualTo(2);
        int k = vm.studyProperty().get().grid().sourceVoxel(0, 0, vm.cursorProperty().get().z())[2];
        assertThat(after[2]).isEqualTo(k);

        robot.press(KeyCode.PAGE_DOWN).release(KeyCode.PAGE_DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(voxelInStatus(robot)[2]).as("the slice keys too")
                .isEqualTo(vm.studyProperty().get().grid().sourceVoxel(0, 0, vm.cursorProperty().get().z())[2])
                .isNotEqualTo(after[2]);
    }

    /** The Edit menu's item of this text. */
    private MenuItem editItem(String text) {
        MenuBar bar = (MenuBar) ((javafx.scene.layout.VBox) ((javafx.scene.layout.BorderPane) window.root()).getTop())
                .getChildren().getFirst();
        Menu edit = bar.getMenus().stream().filter(m -> m.getText().equals("Edit")).findFirst().orElseThrow();
        return java.util.stream.Stream.concat(edit.getItems().stream(), edit.getItems().stream()
                        .filter(i -> i instanceof Menu).flatMap(i -> ((Menu) i).getItems().stream()))
                .filter(i -> text.equals(i.getText())).findFirst().orElseThrow();
    }

    @Test
    void keysPickTheToolTheBrushSizeAndTheLabelAndTheMenusShowThem(FxRobot robot) throws Exception {
        open(robot, image, labels);
        robot.clickOn(window.view(Plane.AXIAL));
        ToggleButton brushButton = robot.lookup("#tool-brush").queryAs(ToggleButton.class);

        robot.type(KeyCode.B);
        assertThat(vm.labels().toolProperty().get()).isEqualTo(LabelsViewModel.Tool.BRUSH);
        assertThat(brushButton.isSelected()).isTrue();
        assertThat(((RadioMenuItem) editItem("Brush")).isSelected()).isTrue();
        assertThat(editItem("Brush").getAccelerator().getDisplayText()).isEqualTo("B");
        robot.type(KeyCode.E);
        assertThat(vm.labels().toolProperty().get()).isEqualTo(LabelsViewModel.Tool.ERASER);
        assertThat(brushButton.isSelected()).isFalse();
        assertThat(robot.lookup("#tool-eraser").queryAs(ToggleButton.class).isSelected()).isTrue();

        @SuppressWarnings("unchecked")
        Spinner<Double> size = robot.lookup("#brush-size").queryAs(Spinner.class);
        robot.type(KeyCode.CLOSE_BRACKET);
        assertThat(vm.labels().brushMmProperty().get()).isEqualTo(5);
        assertThat(size.getValue()).as("the spinner follows").isEqualTo(5);
        robot.type(KeyCode.OPEN_BRACKET, 2);
        assertThat(vm.labels().brushMmProperty().get()).isEqualTo(3);

        robot.type(KeyCode.DIGIT3);
        assertThat(vm.labels().selectedProperty().get().value()).isEqualTo(3);
        RadioMenuItem white = (RadioMenuItem) editItem("3  White matter");
        assertThat(white.isSelected()).isTrue();
        assertThat(white.getAccelerator().getDisplayText()).isEqualTo("3");

        // Typing in a text field is typing, not shortcuts.
        robot.doubleClickOn(size.getEditor()).write("12");
        assertThat(size.getEditor().getText()).isEqualTo("12");
        assertThat(vm.labels().selectedProperty().get().value()).isEqualTo(3);
        robot.write("b");
        assertThat(vm.labels().toolProperty().get()).isEqualTo(LabelsViewModel.Tool.ERASER);

        robot.clickOn(window.view(Plane.AXIAL)).type(KeyCode.C);
        assertThat(vm.labels().toolProperty().get()).isEqualTo(LabelsViewModel.Tool.CURSOR);
    }

    @Test
    void uncheckingALabelHidesItInTheView(FxRobot robot) throws Exception {
        open(robot, image, labels);
        robot.interact(() -> vm.labels().opacityProperty().set(1.0));
        SliceView axial = window.view(Plane.AXIAL);
        SliceMapping m = axial.mapping();
        // Voxel (20, 16) of the label block: display x = 39 - 20 = 19, y = 31 - 16 = 15.
        int colour = vm.labels().row(3).rgbProperty().get();
        assertThat(axial.pixels()[17 + m.width() * 13] & 0xFFFFFF).isEqualTo(colour);
        CheckBox visible = robot.lookup("#label-table .check-box").nth(2).queryAs(CheckBox.class);
        robot.clickOn(visible);
        assertThat(vm.labels().row(3).visibleProperty().get()).isFalse();
        assertThat(axial.pixels()[17 + m.width() * 13] & 0xFFFFFF).isNotEqualTo(colour);
    }

    @Test
    void paintUndoRedoAndSave(FxRobot robot) throws Exception {
        open(robot, image, labels);
        robot.interact(() -> vm.labels().opacityProperty().set(1.0));
        LabelRow grey = vm.labels().row(2);
        robot.interact(() -> vm.labels().selectedProperty().set(grey));
        robot.clickOn("#tool-brush");
        SliceView axial = window.view(Plane.AXIAL);
        ViewTransform t = axial.transform();
        double[] at = t.centreOf(30, 6);
        robot.clickOn(axial.localToScreen(at[0], at[1]));
        int[] voxel = vm.studyProperty().get().grid().sourceVoxel(30, 6, vm.cursorProperty().get().z());
        LabelMap map = vm.labels().labelMapProperty().get();
        assertThat(map.label(voxel[0], voxel[1], voxel[2])).isEqualTo(2);
        assertThat(vm.labels().editedProperty().get()).isTrue();
        assertThat(screenPixel(robot, axial, 30, 6) & 0xFFFFFF).isEqualTo(grey.rgbProperty().get());
        assertThat(robot.lookup("#edited-marker").queryAs(Label.class).isVisible()).isTrue();

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertThat(map.label(voxel[0], voxel[1], voxel[2])).isZero();
        int g = vm.windowProperty().get().grey(GREY);
        assertThat(screenPixel(robot, axial, 30, 6) & 0xFFFFFF).isEqualTo(g * 0x010101);
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        assertThat(map.label(voxel[0], voxel[1], voxel[2])).isEqualTo(2);

        Path out = dir.resolve("corrected.nii.gz");
        robot.interact(() -> vm.saveLabels(out, () -> { }));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.labels().editedProperty().get());
        Volume saved = VolumeReaders.installed().read(out).volume();
        assertThat(saved.geometry().sameGrid(vm.studyProperty().get().image().geometry())).isTrue();
        assertThat(saved.value(voxel[0], voxel[1], voxel[2])).isEqualTo(2);
        assertThat(saved.value(20, 16, 3)).isEqualTo(3);
    }

    @Test
    void theScreenshotExportWritesThePlanesAsPng(FxRobot robot) throws Exception {
        open(robot, image, labels);
        Path png = dir.resolve("views.png");
        robot.interact(() -> {
            try {
                Screenshots.save(window.viewArea(), png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        java.awt.image.BufferedImage read = javax.imageio.ImageIO.read(png.toFile());
        assertThat(read.getWidth()).isEqualTo((int) Math.ceil(window.viewArea().getLayoutBounds().getWidth()));
        // The bright patient-left block shows in the axial view (top-left quarter), right of its centre.
        SliceView axial = window.view(Plane.AXIAL);
        double[] c = axial.transform().centreOf(axial.mapping().width() - 2, 3);
        assertThat(read.getRGB((int) c[0], (int) c[1]) & 0xFF).isEqualTo(255);
    }

    @Test
    void aBadFileGetsADialogAndTheStudyStaysOpen(FxRobot robot) throws Exception {
        open(robot, image, labels);
        var before = vm.studyProperty().get();
        Path bad = Files.write(dir.resolve("truncated.nii.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0});
        robot.interact(() -> vm.open(bad, null));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        assertThat(dialog.getContentText()).startsWith("truncated.nii.gz: ");
        assertThat(vm.studyProperty().get()).isSameAs(before);
        robot.clickOn("OK");
    }

    /**
     * Segment runs the picked model in the background and shows its labels; the uncertainty overlay then changes
     * the picture where the model hesitated, and only there.
     */
    @Test
    void segmentShowsTheModelsLabelsAndTheUncertaintyOverlay(FxRobot robot) throws Exception {
        open(robot, image, null);
        assertThat(robot.lookup("#model-card").queryAs(Label.class).getText()).contains("threshold");
        robot.clickOn("#segment");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.segmentation().stateProperty().get()
                == SegmentationViewModel.State.DONE);
        WaitForAsyncUtils.waitForFxEvents();
        LabelMap result = vm.labels().labelMapProperty().get();
        Volume img = vm.studyProperty().get().image();
        for (int v = 0; v < img.data().length(); v += 7) {
            assertThat((int) result.volume().data().get(v)).isEqualTo(img.value(v) > 700 ? 1 : 0);
        }
        String device = robot.lookup("#status-device").queryAs(Label.class).getText();
        assertThat(device).containsPattern("(Ran on the|No GPU found; ran on the) (CPU|GPU)")
                .doesNotContain("ORT_EP_FAIL", "CUDA");

        SliceView axial = window.view(Plane.AXIAL);
        WritableImage[] shots = new WritableImage[2];
        robot.interact(() -> shots[0] = axial.snapshot(null, null));
        robot.clickOn("#show-uncertainty");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> shots[1] = axial.snapshot(null, null));
        assertThat(vm.segmentation().showEntropyProperty().get()).isTrue();
        int changed = 0;
        for (int y = 0; y < (int) shots[0].getHeight(); y++) {
            for (int x = 0; x < (int) shots[0].getWidth(); x++) {
                if (shots[0].getPixelReader().getArgb(x, y) != shots[1].getPixelReader().getArgb(x, y)) {
                    changed++;
                }
            }
        }
        assertThat(changed).as("pixels recoloured by the uncertainty overlay").isGreaterThan(0);

        if (device.startsWith("No GPU found")) {
            robot.clickOn("#status-device");
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#status-device-details").queryAs(javafx.scene.control.TextArea.class).getText())
                    .as("the engine's own reason, one click away").startsWith("The GPU could not be used")
                    .isEqualTo(vm.segmentation().deviceDetailsProperty().get());
        }
    }
}
