package hardy.ui.view;

import hardy.ui.model.LabelEditor;
import hardy.ui.model.LabelRow;
import hardy.ui.model.LabelsViewModel;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;

/** The label side panel: the label table, overlay opacity and style, and the brush tools. */
final class LabelPanel extends VBox {

    LabelPanel(LabelsViewModel vm) {
        setSpacing(8);
        setPadding(new Insets(8));
        getStyleClass().add("side-panel");
        TableView<LabelRow> table = table(vm);
        VBox.setVgrow(table, Priority.ALWAYS);

        ColorPicker colour = new ColorPicker();
        colour.setId("label-colour");
        colour.setMaxWidth(Double.MAX_VALUE);
        // The picker shows the selected label's colour, also when an import recolours it.
        javafx.beans.value.ChangeListener<Number> recoloured = (o, a, rgb) -> colour.setValue(fx(rgb.intValue()));
        vm.selectedProperty().addListener((o, a, row) -> {
            if (a != null) {
                a.rgbProperty().removeListener(recoloured);
            }
            if (row != null) {
                colour.setValue(fx(row.rgbProperty().get()));
                row.rgbProperty().addListener(recoloured);
            }
        });
        colour.setOnAction(e -> {
            LabelRow row = vm.selectedProperty().get();
            Color c = colour.getValue();
            if (row != null && c != null) {
                row.rgbProperty().set(((int) Math.round(c.getRed() * 255) << 16)
                        | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255));
                table.refresh();
            }
        });

        Slider opacity = new Slider(0, 1, vm.opacityProperty().get());
        opacity.setId("opacity");
        opacity.valueProperty().bindBidirectional(vm.opacityProperty());
        HBox.setHgrow(opacity, Priority.ALWAYS);
        CheckBox outline = new CheckBox("Outline");
        outline.setId("outline");
        outline.selectedProperty().bindBidirectional(vm.outlineProperty());
        HBox overlay = new HBox(8, new Label("Opacity"), opacity, outline);

        Button add = new Button("Add label");
        add.setId("add-label");
        add.setTooltip(new javafx.scene.control.Tooltip("A new label after the highest; double-click a name to "
                + "rename it. Names and colours are saved beside the labels (NAME.label.txt)"));
        add.disableProperty().bind(vm.labelMapProperty().isNull());
        add.setOnAction(e -> {
            LabelRow row = vm.addLabel();
            if (row != null) {
                table.scrollTo(row);
            }
        });

        getChildren().addAll(heading("Labels"), table, new HBox(8, new Label("Colour"), colour, add), overlay,
                heading("Correct"), tools(vm));
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-heading");
        return l;
    }

    private static TableView<LabelRow> table(LabelsViewModel vm) {
        TableView<LabelRow> table = new TableView<>(vm.rows());
        table.setId("label-table");
        table.setEditable(true);
        TableColumn<LabelRow, Boolean> show = new TableColumn<>("");
        show.setCellValueFactory(c -> c.getValue().visibleProperty());
        show.setCellFactory(CheckBoxTableCell.forTableColumn(show));
        show.setPrefWidth(28);
        TableColumn<LabelRow, Number> swatch = new TableColumn<>("");
        swatch.setCellValueFactory(c -> c.getValue().rgbProperty());
        swatch.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Number rgb, boolean empty) {
                super.updateItem(rgb, empty);
                setGraphic(empty || rgb == null ? null : new Rectangle(14, 14, fx(rgb.intValue())));
            }
        });
        swatch.setPrefWidth(26);
        TableColumn<LabelRow, Number> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().value()));
        value.setPrefWidth(48);
        TableColumn<LabelRow, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> c.getValue().nameProperty());
        name.setCellFactory(TextFieldTableCell.forTableColumn());
        name.setOnEditCommit(e -> {
            String text = e.getNewValue() == null ? "" : e.getNewValue().strip();
            if (!text.isEmpty()) { // a label keeps a name: an emptied cell keeps the old one
                e.getRowValue().nameProperty().set(text);
            }
            table.refresh();
        });
        name.setPrefWidth(130);
        TableColumn<LabelRow, Number> voxels = new TableColumn<>("Voxels");
        voxels.setCellValueFactory(c -> c.getValue().voxelsProperty());
        voxels.setPrefWidth(70);
        TableColumn<LabelRow, String> ml = new TableColumn<>("mL");
        ml.setCellValueFactory(c -> Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%.2f",
                c.getValue().millilitresProperty().get()), c.getValue().millilitresProperty()));
        ml.setPrefWidth(60);
        table.getColumns().addAll(java.util.List.of(show, swatch, value, name, voxels, ml));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                vm.selectedProperty().set(row);
            }
        });
        vm.selectedProperty().addListener((o, a, row) -> table.getSelectionModel().select(row));
        table.setPlaceholder(new Label("No labels"));
        return table;
    }

    private static VBox tools(LabelsViewModel vm) {
        ToggleGroup group = new ToggleGroup();
        ToggleButton cursor = toolButton("Cursor", "move the crosshair (C)", LabelsViewModel.Tool.CURSOR, group, vm);
        ToggleButton brush = toolButton("Brush", "paint the selected label (B)", LabelsViewModel.Tool.BRUSH, group,
                vm);
        ToggleButton eraser = toolButton("Eraser", "erase to background (E)", LabelsViewModel.Tool.ERASER, group, vm);
        vm.toolProperty().addListener((o, a, t) -> group.getToggles().forEach(
                tg -> tg.setSelected(tg.getUserData() == t)));
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) {
                a.setSelected(true);
            }
        });
        Spinner<Double> size = new Spinner<>(LabelsViewModel.MIN_BRUSH_MM, LabelsViewModel.MAX_BRUSH_MM,
                vm.brushMmProperty().get(), 0.5);
        size.setId("brush-size");
        size.setEditable(true);
        size.setPrefWidth(80);
        size.setTooltip(new javafx.scene.control.Tooltip("Brush diameter. [ and ]: 1 mm smaller or larger"));
        size.valueProperty().addListener((o, a, v) -> vm.brushMmProperty().set(v));
        vm.brushMmProperty().addListener((o, a, v) -> {
            if (size.getValue() == null || size.getValue() != v.doubleValue()) {
                size.getValueFactory().setValue(v.doubleValue());
            }
        });
        CheckBox sphere = new CheckBox("3D sphere");
        sphere.selectedProperty().bindBidirectional(vm.sphereProperty());
        ChoiceBox<LabelEditor.PaintOver> over = new ChoiceBox<>();
        over.getItems().setAll(LabelEditor.PaintOver.values());
        over.valueProperty().bindBidirectional(vm.paintOverProperty());
        over.setConverter(new StringConverter<>() {
            @Override
            public String toString(LabelEditor.PaintOver p) {
                return p == LabelEditor.PaintOver.BACKGROUND_ONLY ? "Background only" : "All labels";
            }

            @Override
            public LabelEditor.PaintOver fromString(String s) {
                return s.startsWith("B") ? LabelEditor.PaintOver.BACKGROUND_ONLY : LabelEditor.PaintOver.ALL;
            }
        });
        return new VBox(6, new HBox(4, cursor, brush, eraser),
                new HBox(8, new Label("Size (mm)"), size, sphere),
                new HBox(8, new Label("Paint over"), over));
    }

    private static ToggleButton toolButton(String text, String hint, LabelsViewModel.Tool tool, ToggleGroup group,
                                           LabelsViewModel vm) {
        ToggleButton b = new ToggleButton(text);
        b.setId("tool-" + tool.name().toLowerCase(Locale.ROOT));
        b.setTooltip(new javafx.scene.control.Tooltip(text + ": " + hint));
        // The active tool is filled with the theme's accent colour, so which one is on reads at a glance (the
        // default look of a selected toggle, a slightly darker button, does not on this dark theme).
        b.styleProperty().bind(Bindings.when(b.selectedProperty())
                .then("-fx-base: #3d7dd8; -fx-text-fill: white; -fx-font-weight: bold;").otherwise(""));
        b.setUserData(tool);
        b.setToggleGroup(group);
        b.setSelected(vm.toolProperty().get() == tool);
        b.setOnAction(e -> vm.toolProperty().set(tool));
        return b;
    }

    static Color fx(int rgb) {
        return Color.rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }
}
