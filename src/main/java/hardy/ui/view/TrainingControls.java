package hardy.ui.view;

import hardy.ui.model.training.TrainingViewModel;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;

/** The small pieces the training tab's panes share: headings, hints, spinners, text columns, number fields. */
final class TrainingControls {

    private TrainingControls() {
    }

    /** True while a run is in progress (settings and cases locked). */
    static BooleanBinding running(TrainingViewModel vm) {
        return Bindings.createBooleanBinding(() -> vm.stateProperty().get().active(), vm.stateProperty());
    }

    static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-heading");
        return l;
    }

    static void hint(GridPane g, int row, String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("hint");
        g.add(l, 1, row);
    }

    static Spinner<Integer> intSpinner(String id, int min, int max, int step,
            javafx.beans.property.IntegerProperty property) {
        Spinner<Integer> s = new Spinner<>(min, max, property.get(), step);
        s.setId(id);
        s.setEditable(true);
        s.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                property.set(b);
            }
        });
        property.addListener((o, a, b) -> s.getValueFactory().setValue(b.intValue()));
        s.setMaxWidth(Double.MAX_VALUE);
        return s;
    }

    static <S> TableColumn<S, String> text(String title, java.util.function.Function<S, String> value,
            double width) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    static String fmt(double v, String format) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, format, v);
    }

    /** A text field ⇄ number converter that keeps the old value on text it cannot parse. */
    static StringConverter<Number> number(String format) {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n == null ? "" : String.format(Locale.ROOT, format, n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                try {
                    return Double.parseDouble(s.strip());
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        };
    }
}
