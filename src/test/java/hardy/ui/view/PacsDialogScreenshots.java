package hardy.ui.view;

import hardy.pacs.PacsAuth;
import hardy.pacs.PacsServer;
import hardy.pacs.PacsServerStore;
import hardy.pacs.SeriesCache;
import hardy.ui.model.FxBackgroundRunner;
import hardy.ui.model.PacsBrowserViewModel;
import hardy.ui.model.PacsServersViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Dialog;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Shoots the two PACS dialogs for the docs, against a running DICOMweb server given by the environment
 * ({@code PACS_URL}, {@code PACS_USER}, {@code PACS_PASSWORD}): Edit > PACS servers with that server selected, and
 * File > Open from PACS after a search with the first study and series picked. Use a throw-away {@code hardy.home}.
 *
 * <pre>
 * ORTHANC_TEST_PASSWORD=pw scripts/orthanc-test-server.sh start /tmp/o --auth hardy --load .cache/interop/series/axial
 * PACS_URL=http://127.0.0.1:PORT/dicom-web PACS_USER=hardy PACS_PASSWORD=pw \
 * xvfb-run -a -s '-screen 0 1600x1000x24' ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=hardy.ui.view.PacsDialogScreenshots -Dprism.order=sw -Dhardy.home=/tmp/hardy-shots \
 *     -Dexec.args="target/pacs-servers.png target/pacs-browser.png"
 * </pre>
 */
public final class PacsDialogScreenshots {

    private PacsDialogScreenshots() {
    }

    public static void main(String[] args) {
        Application.launch(Shooter.class, args);
    }

    /** Configures the server, then shows and shoots each dialog. */
    public static final class Shooter extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            List<String> args = getParameters().getRaw();
            Path serversPng = Path.of(args.get(0));
            Path browserPng = Path.of(args.get(1));
            PacsServerStore store = PacsServerStore.installed();
            store.put(new PacsServer("Orthanc (test)", PacsServer.parseUrl(System.getenv("PACS_URL")),
                    new PacsAuth.Basic(System.getenv("PACS_USER"), System.getenv("PACS_PASSWORD")), null));
            FxBackgroundRunner runner = new FxBackgroundRunner();
            FilePicker none = new FilePicker() {
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
            PacsServersViewModel servers = new PacsServersViewModel(store, runner);
            Dialog<Void> serversDialog = PacsServersDialog.create(null, servers, none);
            serversDialog.show();
            servers.test();
            later(3, () -> {
                shoot(serversDialog, serversPng);
                serversDialog.close();
                PacsBrowserViewModel browser = new PacsBrowserViewModel(store, new SeriesCache(
                        Files.createTempDirectory("pacs-shot-cache"), 1L << 30), runner, dir -> { });
                Dialog<Void> browserDialog = PacsBrowserDialog.create(null, browser);
                browserDialog.show();
                browser.modalityProperty().set("MR");
                browser.search();
                later(3, () -> {
                    browser.studyProperty().set(browser.studies().getFirst());
                    later(3, () -> {
                        shoot(browserDialog, browserPng);
                        Platform.exit();
                    });
                });
            });
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void later(double seconds, Step step) {
        new Timeline(new KeyFrame(Duration.seconds(seconds), e -> {
            try {
                step.run();
            } catch (Exception ex) {
                ex.printStackTrace();
                Platform.exit();
            }
        })).play();
    }

    private static void shoot(Dialog<Void> d, Path png) throws java.io.IOException {
        Screenshots.save(d.getDialogPane().getScene().getRoot(), png);
    }
}
