package hardy.ui.view;

import hardy.inference.ModelRegistry;
import hardy.ui.model.SegmentationViewModel;
import hardy.ui.model.ViewerViewModel;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The model picker with its card, the Segment button, the device used, and the uncertainty overlay. */
final class SegmentPanel extends VBox {

    SegmentPanel(ViewerViewModel viewer) {
        SegmentationViewModel vm = viewer.segmentation();
        setSpacing(6);
        setPadding(new Insets(8, 8, 0, 8));
        getStyleClass().add("side-panel");

        ComboBox<ModelRegistry.Entry> models = new ComboBox<>(vm.models());
        models.setId("model-picker");
        models.setMaxWidth(Double.MAX_VALUE);
        models.valueProperty().bindBidirectional(vm.selectedProperty());
        models.setCellFactory(l -> new EntryCell());
        models.setButtonCell(new EntryCell());
        models.setPromptText("No model installed");
        HBox.setHgrow(models, Priority.ALWAYS);

        Label card = new Label();
        card.setId("model-card");
        card.setWrapText(true);
        card.getStyleClass().add("model-card");
        card.textProperty().bind(Bindings.createStringBinding(() -> SegmentationViewModel.describe(
                vm.selectedProperty().get()), vm.selectedProperty()));
        card.setMaxHeight(110);

        Button segment = new Button("Segment");
        segment.setId("segment");
        segment.setDefaultButton(false);
        segment.setTooltip(new Tooltip("Run the selected model on the open study (Shortcut+G)"));
        segment.disableProperty().bind(viewer.studyProperty().isNull()
                .or(vm.stateProperty().isEqualTo(SegmentationViewModel.State.RUNNING)));
        segment.setOnAction(e -> vm.segment());

        Label device = new Label();
        device.setId("segment-device");
        device.textProperty().bind(vm.deviceProperty());
        DetailsPopup.attach(device, vm.deviceDetailsProperty(), "Why not the GPU");

        CheckBox uncertainty = new CheckBox("Uncertainty");
        uncertainty.setId("show-uncertainty");
        uncertainty.setTooltip(new Tooltip("Heat map of the per-voxel entropy of the model's probabilities: "
                + "where to look first"));
        uncertainty.selectedProperty().bindBidirectional(vm.showEntropyProperty());
        uncertainty.disableProperty().bind(vm.entropyProperty().isNull());
        Slider opacity = new Slider(0, 1, vm.entropyOpacityProperty().get());
        opacity.setId("uncertainty-opacity");
        opacity.valueProperty().bindBidirectional(vm.entropyOpacityProperty());
        opacity.disableProperty().bind(vm.showEntropyProperty().not().or(vm.entropyProperty().isNull()));
        HBox.setHgrow(opacity, Priority.ALWAYS);

        Label heading = new Label("Segment");
        heading.getStyleClass().add("panel-heading");
        getChildren().addAll(heading, new HBox(6, models, segment), card, device, new HBox(8, uncertainty, opacity));
    }

    /** A model by name and version, or why it cannot be used. */
    private static final class EntryCell extends ListCell<ModelRegistry.Entry> {
        @Override
        protected void updateItem(ModelRegistry.Entry e, boolean empty) {
            super.updateItem(e, empty);
            if (empty || e == null) {
                setText(null);
            } else if (e.card() == null) {
                setText(e.dir().getFileName() + " (unusable)");
            } else {
                setText(e.card().name() + " " + e.card().version());
            }
        }
    }
}
