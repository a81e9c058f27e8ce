package hardy.ui.view;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.PopOver;

/**
 * The technical side of a plain message: a label whose text the user reads, and, when there are details (an
 * engine's own error text, the numbers of a check), a click on it opens them in a popup.
 */
final class DetailsPopup {

    private DetailsPopup() {
    }

    /** Makes {@code label} open {@code details} in a popup titled {@code title} when clicked, while they are set. */
    static void attach(Label label, ObservableStringValue details, String title) {
        Tooltip hint = new Tooltip("Click for details");
        label.cursorProperty().bind(Bindings.createObjectBinding(() -> has(details) ? Cursor.HAND : Cursor.DEFAULT,
                details));
        label.tooltipProperty().bind(Bindings.createObjectBinding(() -> has(details) ? hint : null, details));
        label.setOnMouseClicked(e -> {
            if (has(details)) {
                TextArea text = new TextArea(details.get());
                text.setId(label.getId() == null ? null : label.getId() + "-details");
                text.setEditable(false);
                text.setWrapText(true);
                text.setPrefSize(520, 180);
                PopOver pop = new PopOver(text);
                pop.setTitle(title);
                pop.setHeaderAlwaysVisible(true);
                pop.show(label);
            }
        });
    }

    private static boolean has(ObservableStringValue details) {
        return details.get() != null && !details.get().isEmpty();
    }
}
