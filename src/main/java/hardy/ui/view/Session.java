package hardy.ui.view;

import hardy.ui.model.Recovery;
import hardy.ui.model.ViewerViewModel;
import hardy.volume.LabelMap;
import java.nio.file.Path;
import java.util.Optional;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one window: what opens at start-up, the title, error dialogs, the unsaved-labels question on
 * close, and the autosaved recovery copy written every minute while labels have unsaved edits.
 */
public final class Session {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final Duration AUTOSAVE = Duration.minutes(1);

    private final Stage stage;
    private final ViewerViewModel vm;
    private final MainWindow window;
    private final Recovery recovery;
    private boolean recovering;

    public Session(Stage stage, ViewerViewModel vm, MainWindow window, Path recoveryDir) {
        this.stage = stage;
        this.vm = vm;
        this.window = window;
        this.recovery = new Recovery(recoveryDir);
        vm.setMessageSink(m -> Dialogs.error(stage, m));
        vm.setSeriesChooser(series -> SeriesPicker.choose(stage, series));
        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            var s = vm.studyProperty().get();
            String edited = vm.labels().editedProperty().get() ? " *" : "";
            return s == null ? "Hardy" : s.name() + edited + " - Hardy";
        }, vm.studyProperty(), vm.labels().editedProperty()));
        stage.setOnCloseRequest(e -> {
            if (!confirmDiscard()) {
                e.consume();
                return;
            }
            recovery.clear();
            window.dispose();
            stage.close();
        });
        vm.studyProperty().addListener((o, a, b) -> {
            if (!recovering) {
                recovery.clear();
            }
        });
        String shot = System.getProperty("hardy.screenshot");
        if (shot != null) {
            screenshotWhenShown(Path.of(shot));
        }
        Timeline autosave = new Timeline(new KeyFrame(AUTOSAVE, e -> autosave()));
        autosave.setCycleCount(Timeline.INDEFINITE);
        autosave.play();
    }

    /**
     * A documentation hook: once a study is on screen, save the window as PNG and quit
     * ({@code -Dhardy.screenshot=docs/screenshot.png}). With {@code -Dhardy.screenshot.segment=true} the selected
     * model segments the study first (replacing its labels without asking) and the uncertainty overlay is shown.
     */
    private void screenshotWhenShown(Path png) {
        boolean segment = Boolean.getBoolean("hardy.screenshot.segment");
        Integer train = Integer.getInteger("hardy.screenshot.training");
        Runnable shoot = () -> {
            Timeline later = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
                try {
                    Screenshots.save(stage.getScene().getRoot(), png);
                } catch (java.io.IOException ex) {
                    LOG.warn("Screenshot failed", ex);
                }
                javafx.application.Platform.exit();
            }));
            later.play();
        };
        if (train != null && window.training() != null) {
            // -Dhardy.screenshot.training=N: train N iterations on the workspace's cases, then shoot the tab
            var training = window.training();
            window.showTraining();
            if (train <= 0) {
                vm.studyProperty().addListener((o, a, b) -> shoot.run());
                return;
            }
            training.stateProperty().addListener((o, a, b) -> {
                if (b == hardy.ui.model.training.RunState.FINISHED) {
                    shoot.run();
                } else if (b == hardy.ui.model.training.RunState.FAILED) {
                    LOG.warn("Screenshot run failed: {}", training.messageProperty().get());
                    javafx.application.Platform.exit();
                }
            });
            training.iterationsProperty().set(train);
            training.validationEveryProperty().set(Math.max(1, train / 4));
            javafx.application.Platform.runLater(training::start);
            return;
        }
        if (segment) {
            vm.segmentation().setConfirmer((title, question) -> true);
            vm.segmentation().stateProperty().addListener((o, a, b) -> {
                if (b == hardy.ui.model.SegmentationViewModel.State.DONE) {
                    vm.segmentation().showEntropyProperty().set(true);
                    shoot.run();
                } else if (b == hardy.ui.model.SegmentationViewModel.State.FAILED) {
                    javafx.application.Platform.exit();
                }
            });
            vm.studyProperty().addListener((o, a, b) -> {
                if (b != null) {
                    javafx.application.Platform.runLater(() -> vm.segmentation().segment());
                }
            });
            return;
        }
        vm.labels().labelMapProperty().addListener((o, a, b) -> shoot.run());
    }

    /** Opens the command line's image, else offers a recovery, else opens the demo study. */
    public void startUp(Path image, Path labels) {
        if (image != null) {
            window.menu().openImage(image, labels);
            return;
        }
        Optional<Recovery.Found> found = recovery.find();
        if (found.isPresent() && Dialogs.confirm(stage, "Recover unsaved labels?",
                "Hardy did not close cleanly last time. A copy of unsaved label edits for\n"
                        + found.get().image().getFileName() + " was kept. Open it?")) {
            recovering = true;
            vm.labels().labelMapProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends LabelMap> o, LabelMap a,
                                    LabelMap b) {
                    vm.labels().labelMapProperty().removeListener(this);
                    vm.labels().markUnsaved();
                    recovering = false;
                }
            });
            vm.open(found.get().image(), found.get().labels());
            return;
        }
        recovery.clear();
        window.menu().openDemo();
    }

    /** Asks to save edited labels; false when the user cancels. */
    boolean confirmDiscard() {
        if (!vm.labels().editedProperty().get()) {
            return true;
        }
        var s = vm.studyProperty().get();
        ButtonType answer = Dialogs.askSave(stage, s == null ? "this image" : s.name());
        if (answer == Dialogs.SAVE) {
            window.menu().saveLabels(false, () -> {
                recovery.clear();
                stage.close();
            });
            return false;
        }
        return answer == Dialogs.DISCARD;
    }

    private void autosave() {
        LabelMap map = vm.labels().labelMapProperty().get();
        var s = vm.studyProperty().get();
        if (map == null || s == null || s.source() == null || !vm.labels().editedProperty().get()
                || vm.progress().busyProperty().get()) {
            return;
        }
        // A copy taken on the JavaFX thread, so painting can go on while the background thread writes it.
        LabelMap copy = new LabelMap(map.volume().copy());
        Path image = s.source();
        Thread t = new Thread(() -> {
            try {
                recovery.save(copy, image, hardy.core.Cancellation.NEVER);
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("Autosave of the labels failed", e);
            }
        }, "hardy-autosave");
        t.setDaemon(true);
        t.start();
    }
}
