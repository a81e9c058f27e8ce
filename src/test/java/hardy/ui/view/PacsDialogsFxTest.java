package hardy.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.pacs.PacsAuth;
import hardy.pacs.PacsServerStore;
import hardy.pacs.SeriesCache;
import hardy.ui.model.FxBackgroundRunner;
import hardy.ui.model.PacsBrowserViewModel;
import hardy.ui.model.PacsServersViewModel;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The two PACS dialogs on a headless screen: typed settings are saved privately, Test runs and answers. */
@ExtendWith(ApplicationExtension.class)
class PacsDialogsFxTest {

    @TempDir
    Path dir;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
        stage.show();
    }

    private static final FilePicker NO_FILES = new FilePicker() {
        @Override
        public Optional<Path> openFile(String title) {
            return Optional.empty();
        }

        @Override
        public Optional<Path> openFolder(String title) {
            return Optional.empty();
        }

        @Override
        public Optional<Path> saveFile(String title, String name, String kind, String... patterns) {
            return Optional.empty();
        }
    };

    @Test
    void aServerTypedIntoTheDialogIsSavedOwnerOnlyAndTestedOffTheFxThread(FxRobot robot) throws Exception {
        PacsServerStore store = new PacsServerStore(dir.resolve("pacs-servers.json"));
        PacsServersViewModel vm = new PacsServersViewModel(store, new FxBackgroundRunner());
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        robot.interact(() -> PacsServersDialog.create(stage, vm, NO_FILES).show());
        assertThat(robot.lookup("#pacs-store-location").queryAs(Label.class).getText())
                .isEqualTo("Stored in " + store.file() + " (readable by you only)");
        // Typed through the controls' text (the headless robot's keyboard mangles ':' and '/').
        robot.interact(() -> {
            robot.lookup("#pacs-name").queryAs(TextField.class).setText("Local test");
            robot.lookup("#pacs-url").queryAs(TextField.class).setText("http://127.0.0.1:" + port + "/dicom-web");
            robot.lookup("#pacs-auth").queryAs(ChoiceBox.class).getSelectionModel().select(PacsAuth.Kind.BASIC);
            robot.lookup("#pacs-user").queryAs(TextField.class).setText("reader");
            robot.lookup("#pacs-secret").queryAs(TextField.class).setText("s3cret");
        });
        robot.clickOn("#pacs-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.get("Local test").auth()).isEqualTo(new PacsAuth.Basic("reader", "s3cret"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(robot.lookup("#pacs-server-list").queryListView().getItems()).hasSize(1);

        robot.clickOn("#pacs-test");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.testingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#pacs-test-result").queryAs(Label.class).getText()).isEqualTo(
                "cannot connect to PACS 'Local test' at 127.0.0.1:" + port + ": connection refused (is the server "
                        + "running and the URL right?)");
    }

    @Test
    void withoutServersTheBrowserSaysWhereToAddOneAndCannotSearch(FxRobot robot) {
        PacsBrowserViewModel vm = new PacsBrowserViewModel(new PacsServerStore(dir.resolve("none.json")),
                new SeriesCache(dir.resolve("cache"), 1 << 20), new FxBackgroundRunner(), d -> { });
        Dialog<?>[] shown = new Dialog<?>[1];
        robot.interact(() -> {
            shown[0] = PacsBrowserDialog.create(stage, vm);
            shown[0].show();
        });
        assertThat(robot.lookup("#pacs-status").queryAs(Label.class).getText())
                .isEqualTo("No PACS server is configured: add one with Edit > PACS servers...");
        assertThat(robot.lookup("#pacs-search").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#pacs-retrieve").queryAs(Button.class).isDisabled()).isTrue();
        robot.interact(() -> shown[0].close());
    }
}
