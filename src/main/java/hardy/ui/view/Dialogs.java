package hardy.ui.view;

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
        a.setTitle("Hardy");
        a.setHeaderText(header);
        return a.showAndWait().orElse(ButtonType.NO) == ButtonType.YES;
    }

    /** Asks whether to save edited labels; returns SAVE, DISCARD or CANCEL. */
    static ButtonType askSave(Window owner, String what) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "The labels of " + what + " have unsaved edits.",
                SAVE, DISCARD, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle("Hardy");
        a.setHeaderText("Save the edited labels?");
        return a.showAndWait().orElse(ButtonType.CANCEL);
    }
}
