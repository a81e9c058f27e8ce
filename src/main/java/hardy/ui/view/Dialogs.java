package hardy.ui.view;

import hardy.ui.model.UnsavedEdits;
import hardy.ui.model.UserMessage;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** The viewer's modal dialogs. */
final class Dialogs {

    /** Buttons of the unsaved-labels question. */
    static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.YES);
    static final ButtonType DISCARD = new ButtonType("Don't save", ButtonBar.ButtonData.NO);

    private Dialogs() {
    }

    /** Shows an error naming the file and the problem; the app carries on. */
    static void error(Window owner, UserMessage m) {
        Alert a = new Alert(Alert.AlertType.ERROR, m.message(), ButtonType.OK);
        a.initOwner(owner);
        a.setTitle("Hardy");
        a.setHeaderText(m.title());
        a.getDialogPane().setId("error-dialog");
        if (m.details() != null && !m.details().isBlank()) {
            javafx.scene.control.TextArea text = new javafx.scene.control.TextArea(m.details());
            text.setId("error-details");
            text.setEditable(false);
            text.setWrapText(true);
            text.setPrefRowCount(6);
            a.getDialogPane().setExpandableContent(text);
        }
        a.show();
    }

    /** Shows information text. */
    static void info(Window owner, String title, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, text, ButtonType.OK);
        a.initOwner(owner);
        a.setTitle("Hardy");
        a.setHeaderText(title);
        a.show();
    }

    /** Asks a yes/no question; true for yes. */
    static boolean confirm(Window owner, String header, String text) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.YES, ButtonType.NO);
        a.initOwner(owner);
        a.getDialogPane().setId("confirm-dialog");
        a.setTitle("Hardy");
        a.setHeaderText(header);
        return a.showAndWait().orElse(ButtonType.NO) == ButtonType.YES;
    }

    /**
     * Asks what to do with unsaved label edits of {@code study} before {@code action} replaces or drops them:
     * Save, Don't save or Cancel (also the answer when the dialog is closed).
     */
    static UnsavedEdits.Answer askSave(Window owner, String study, UnsavedEdits.Action action) {
        String what = switch (action) {
            case OPEN_IMAGE -> "Opening an image replaces them.";
            case OPEN_LABELS -> "Opening a label file replaces them.";
            case SEGMENT -> "Segmenting replaces them with the model's labels.";
            case CLOSE -> "Closing Hardy discards them.";
        };
        String copy = action.keepsCopy()
                ? "\n\nIf you don't save, Hardy keeps a copy and offers it the next time it starts." : "";
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "The labels of " + study + " have changes that are not "
                + "saved. " + what + copy, SAVE, DISCARD, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle("Hardy");
        a.setHeaderText("Save your label edits?");
        a.getDialogPane().setId("unsaved-dialog");
        a.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        ButtonType answer = a.showAndWait().orElse(ButtonType.CANCEL);
        return answer == SAVE ? UnsavedEdits.Answer.SAVE
                : answer == DISCARD ? UnsavedEdits.Answer.DONT_SAVE : UnsavedEdits.Answer.CANCEL;
    }
}
