package hardy.ui.view;

import hardy.training.session.RunState;
import hardy.ui.HardyApp;
import hardy.ui.model.SegmentationViewModel;
import hardy.ui.model.ViewerViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the README's screenshots: starts the app as a user would, waits for the demo study (or a run), saves the
 * window as PNG and quits. Not part of the app: it lives with the tests and runs from the test classes.
 *
 * <pre>
 * xvfb-run -a -s '-screen 0 1600x1000x24' ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=hardy.ui.view.DocScreenshots -Dprism.order=sw \
 *     -Dexec.args="docs/screenshot.png [--segment | --training N]"
 * </pre>
 *
 * {@code --segment} segments the demo with the selected model first and shows the uncertainty overlay;
 * {@code --training N} trains N iterations on the training workspace's cases and shoots the training tab when
 * the run finishes (0: shoot the tab as it is).
 */
public final class DocScreenshots {

    private static final Logger LOG = LoggerFactory.getLogger(DocScreenshots.class);

    private DocScreenshots() {
    }

    /** The main class must not extend {@link Application}, or the JVM asks for JavaFX on the module path. */
    public static void main(String[] args) {
        Application.launch(Shooter.class, args);
    }

    /** The app with the screenshot attached. */
    public static final class Shooter extends Application {
        @Override
        public void start(Stage stage) {
            List<String> args = getParameters().getRaw();
            if (args.isEmpty()) {
                throw new IllegalArgumentException("usage: DocScreenshots OUT.png [--segment | --training N]");
            }
            Path png = Path.of(args.getFirst());
            boolean segment = args.contains("--segment");
            int t = args.indexOf("--training");
            Integer train = t >= 0 && t + 1 < args.size() ? Integer.valueOf(args.get(t + 1)) : null;
            HardyApp.Desktop desktop = HardyApp.open(stage);
            attach(stage, desktop.viewer(), desktop.window(), png, segment, train);
            desktop.session().startUp(null, null);
        }
    }

    private static void attach(Stage stage, ViewerViewModel vm, MainWindow window, Path png, boolean segment,
            Integer train) {
        Runnable shoot = () -> new Timeline(new KeyFrame(Duration.seconds(1), e -> {
            try {
                Screenshots.save(stage.getScene().getRoot(), png);
            } catch (IOException ex) {
                LOG.warn("Screenshot failed", ex);
            }
            Platform.exit();
        })).play();
        if (train != null && window.training() != null) {
            var training = window.training();
            window.showTraining();
            if (train <= 0) {
                vm.studyProperty().addListener((o, a, b) -> shoot.run());
                return;
            }
            training.stateProperty().addListener((o, a, b) -> {
                if (b == RunState.FINISHED) {
                    shoot.run();
                } else if (b == RunState.FAILED) {
                    LOG.warn("Screenshot run failed: {}", training.messageProperty().get());
                    Platform.exit();
                }
            });
            training.settingsModel().iterationsProperty().set(train);
            training.settingsModel().validationEveryProperty().set(Math.max(1, train / 4));
            Platform.runLater(training::start);
            return;
        }
        if (segment) {
            vm.segmentation().setConfirmer((title, question) -> true);
            vm.segmentation().stateProperty().addListener((o, a, b) -> {
                if (b == SegmentationViewModel.State.DONE) {
                    vm.segmentation().showEntropyProperty().set(true);
                    shoot.run();
                } else if (b == SegmentationViewModel.State.FAILED) {
                    Platform.exit();
                }
            });
            vm.studyProperty().addListener((o, a, b) -> {
                if (b != null) {
                    Platform.runLater(() -> vm.segmentation().segment());
                }
            });
            return;
        }
        vm.labels().labelMapProperty().addListener((o, a, b) -> shoot.run());
    }
}
