package hardy.ui.view;

import hardy.ui.model.Recovery;
import hardy.ui.model.UnsavedEdits;
import hardy.ui.model.ViewerViewModel;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one window: what opens at start-up (offering recovered label edits), the title, error dialogs,
 * the unsaved-labels question before anything replaces the labels or the window closes, and the autosaved
 * recovery copy written every minute while labels have unsaved edits.
 */
public final class Session {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final Duration AUTOSAVE = Duration.minutes(1);

    private final Stage stage;
    private final ViewerViewModel vm;
    private final MainWindow window;

    public Session(Stage stage, ViewerViewModel vm, MainWindow window, Path recoveryDir) {
        this.stage = stage;
        this.vm = vm;
        this.window = window;
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hardy-recovery");
            t.setDaemon(true);
            return t;
        });
        vm.unsaved().setRecovery(new Recovery(recoveryDir), writer);
        vm.unsaved().setQuestion((study, action) -> Dialogs.askSave(stage, study, action));
        vm.setMessageSink(m -> Dialogs.error(stage, m));
        vm.setSeriesChooser(series -> SeriesPicker.choose(stage, series));
        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            var s = vm.studyProperty().get();
            String edited = vm.labels().editedProperty().get() ? " *" : "";
            return s == null ? "Hardy" : s.name() + edited + " - Hardy";
        }, vm.studyProperty(), vm.labels().editedProperty()));
        stage.setOnCloseRequest(e -> {
            e.consume();
            vm.unsaved().whenSafe(UnsavedEdits.Action.CLOSE, () -> {
                vm.unsaved().endSession();
                writer.shutdown();
                vm.segmentation().close();
                window.dispose();
                stage.close();
            });
        });
        Timeline autosave = new Timeline(new KeyFrame(AUTOSAVE, e -> vm.unsaved().autosave()));
        autosave.setCycleCount(Timeline.INDEFINITE);
        autosave.play();
    }

    /**
     * Opens the command line's image; else offers the recovered label edits one by one, newest first, and opens
     * the first the user accepts (declined ones are deleted); else opens the demo study.
     */
    public void startUp(Path image, Path labels) {
        if (image != null) {
            window.menu().openImage(image, labels);
            return;
        }
        for (Recovery.Found copy : vm.unsaved().recoverable()) {
            if (Dialogs.confirm(stage, "Recover unsaved labels?", describe(copy))) {
                vm.unsaved().open(copy);
                return;
            }
            vm.unsaved().decline(copy);
        }
        window.menu().openDemo();
    }

    private static String describe(Recovery.Found copy) {
        String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withZone(ZoneId.systemDefault()).format(copy.when());
        String image = copy.image().getFileName().toString();
        String what = copy.reason() == Recovery.Reason.CRASH
                ? "Hardy did not close cleanly (" + when + "). A copy of the unsaved label edits for " + image
                        + " was kept."
                : "Label edits for " + image + " were not saved when other labels replaced them (" + when
                        + "). A copy was kept.";
        return what + "\n\nOpen it now? If you answer No, the copy is deleted.";
    }
}
