package hardy.ui.model;

import hardy.core.Cancellation;
import hardy.volume.LabelMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the user's label edits from being lost. Every command that replaces the study or its label layer, and
 * closing the window, goes through {@link #whenSafe}: with unsaved edits it first asks Save / Don't save / Cancel.
 * Edits replaced all the same (Don't save, or painted while the new study was loading) are kept as a
 * {@link Recovery} copy that the next start offers. The session's autosave copy follows the labels on screen: it
 * is deleted when they are saved, undone back to the saved state, replaced, or the session ends cleanly.
 *
 * <p>Recovery files are written by the {@code writer} executor given to {@link #setRecovery}, one job after the
 * other, off the JavaFX thread.
 */
public final class UnsavedEdits {

    private static final Logger LOG = LoggerFactory.getLogger(UnsavedEdits.class);

    /** The user's answer to the unsaved-edits question. */
    public enum Answer { SAVE, DONT_SAVE, CANCEL }

    /** What is about to replace or drop the edited labels; the question says which. */
    public enum Action {
        OPEN_IMAGE, OPEN_LABELS, SEGMENT, CLOSE;

        /** Whether edits that this action drops without saving are kept as a recovery copy. */
        public boolean keepsCopy() {
            return this != CLOSE;
        }
    }

    /** Asks what to do with unsaved edits (a dialog in the app). */
    @FunctionalInterface
    public interface Question {
        /**
         * @param study  the name of the study whose labels have unsaved edits
         * @param action what would replace or drop them
         */
        Answer ask(String study, Action action);
    }

    private final ViewerViewModel viewer;
    private Question question = (study, action) -> Answer.CANCEL;
    private Recovery recovery;
    private Executor writer = Runnable::run;

    UnsavedEdits(ViewerViewModel viewer) {
        this.viewer = viewer;
        viewer.labels().editedProperty().addListener((o, was, edited) -> {
            if (!edited) {
                inWriter(Recovery::clear);
            }
        });
    }

    /** Who answers Save / Don't save / Cancel. Without one, nothing edited is ever replaced. */
    public void setQuestion(Question question) {
        this.question = question;
    }

    /**
     * Where recovery copies go; {@code writer} runs their file work in submission order, off the JavaFX thread.
     * Without a recovery store no copies are written.
     */
    public void setRecovery(Recovery recovery, Executor writer) {
        this.recovery = recovery;
        this.writer = writer;
    }

    /**
     * Runs {@code proceed} once the labels' edits are safe: at once if there are none; otherwise after asking.
     * Save saves (through {@link ViewerViewModel#saveLabels(boolean, Runnable)}) and proceeds only if the save
     * succeeds; Don't save proceeds; Cancel does nothing.
     */
    public void whenSafe(Action action, Runnable proceed) {
        if (!viewer.labels().editedProperty().get()) {
            proceed.run();
            return;
        }
        Study s = viewer.studyProperty().get();
        switch (question.ask(s == null ? "this image" : s.name(), action)) {
            case SAVE -> viewer.saveLabels(false, proceed);
            case DONT_SAVE -> proceed.run();
            case CANCEL -> LOG.info("Kept the edited labels: the user cancelled");
        }
    }

    /**
     * Called just before the label layer is replaced: unsaved edits become a kept recovery copy, and the autosave
     * copy, which belonged to the labels going away, is deleted.
     */
    void replacing() {
        LabelMap map = viewer.labels().labelMapProperty().get();
        Study s = viewer.studyProperty().get();
        if (recovery == null || map == null) {
            return;
        }
        Path image = s == null ? null : s.source();
        boolean keep = viewer.labels().editedProperty().get() && image != null;
        inWriter(r -> {
            if (keep) {
                try {
                    // The replaced map is no longer painted on, so it is written as it is, without a copy.
                    r.keep(map, image);
                    LOG.info("Kept a recovery copy of unsaved labels that were replaced");
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Could not keep a recovery copy of the replaced labels", e);
                }
            }
            r.clear();
        });
    }

    /** Writes the autosave copy if the labels have unsaved edits and nothing else is running (every minute). */
    public void autosave() {
        LabelMap map = viewer.labels().labelMapProperty().get();
        Study s = viewer.studyProperty().get();
        if (recovery == null || map == null || s == null || s.source() == null
                || !viewer.labels().editedProperty().get() || viewer.progress().busyProperty().get()) {
            return;
        }
        // Copied on the JavaFX thread, so painting can go on while the writer saves it.
        LabelMap copy = new LabelMap(map.volume().copy());
        Path image = s.source();
        inWriter(r -> {
            try {
                r.save(copy, image, Cancellation.NEVER);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Autosave of the labels failed", e);
            }
        });
    }

    /**
     * The copies to offer at start-up, newest first: edits replaced without saving, and the autosave of a
     * session that did not end cleanly. Reads the recovery folder on the calling thread (small files).
     */
    public List<Recovery.Found> recoverable() {
        if (recovery == null) {
            return List.of();
        }
        recovery.adoptCrashed();
        return recovery.find();
    }

    /** Opens a recovered copy on its image, as unsaved edits; the copy is deleted once it is autosaved again. */
    public void open(Recovery.Found copy) {
        viewer.openUnlisted(copy.image(), copy.labels(), () -> {
            viewer.labels().markUnsaved();
            autosave();
            inWriter(r -> r.remove(copy));
        });
    }

    /** The user declined a recovered copy: it is deleted. */
    public void decline(Recovery.Found copy) {
        inWriter(r -> r.remove(copy));
    }

    /** The session ends cleanly: deletes the autosave copy, after the writes still queued (10 s at most). */
    public void endSession() {
        if (recovery == null) {
            return;
        }
        Recovery r = recovery;
        try {
            CompletableFuture.runAsync(r::clear, writer).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Could not delete the autosave copy at exit", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void inWriter(java.util.function.Consumer<Recovery> job) {
        Recovery r = recovery;
        if (r != null) {
            writer.execute(() -> job.accept(r));
        }
    }
}
