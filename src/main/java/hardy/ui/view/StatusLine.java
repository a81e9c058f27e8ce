package hardy.ui.view;

import hardy.ui.model.ProgressModel;
import hardy.ui.model.ViewerViewModel;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import org.controlsfx.control.PopOver;
import org.controlsfx.control.StatusBar;

/**
 * The status bar: what is under the mouse on the left; what the last command did (where labels were saved),
 * reader notes (click for details), the progress of a running job with its Cancel button, and the unsaved-edits
 * marker on the right.
 */
final class StatusLine extends StatusBar {

    StatusLine(ViewerViewModel vm) {
        setId("status-bar");
        textProperty().bind(Bindings.createStringBinding(() -> {
            String hover = vm.hoverProperty().get();
            return hover.isEmpty() ? (vm.studyProperty().get() == null ? "No image open" : "Ready") : hover;
        }, vm.hoverProperty(), vm.studyProperty()));

        Label done = new Label();
        done.setId("status-message");
        done.textProperty().bind(vm.statusProperty());
        // A long path loses its middle: "Labels saved to" and the file name stay in view; the tooltip has it all.
        done.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
        done.setMaxWidth(520);
        javafx.scene.control.Tooltip full = new javafx.scene.control.Tooltip();
        full.textProperty().bind(vm.statusProperty());
        done.setTooltip(full);

        Label notes = new Label();
        notes.setId("status-notes");
        notes.getStyleClass().add("status-notes");
        notes.textProperty().bind(Bindings.createStringBinding(() -> {
            String n = vm.notesProperty().get();
            return n.isEmpty() ? "" : n.length() > 60 ? "\u26A0 " + n.substring(0, 57) + "..." : "\u26A0 " + n;
        }, vm.notesProperty()));
        notes.setOnMouseClicked(e -> {
            if (!vm.notesProperty().get().isEmpty()) {
                TextArea text = new TextArea(vm.notesProperty().get().replace("; ", "\n"));
                text.setEditable(false);
                text.setWrapText(true);
                text.setPrefSize(480, 160);
                PopOver pop = new PopOver(text);
                pop.setTitle("Notes on this study");
                pop.setHeaderAlwaysVisible(true);
                pop.show(notes);
            }
        });

        ProgressModel p = vm.progress();
        Label job = new Label();
        job.textProperty().bind(p.messageProperty());
        ProgressBar bar = new ProgressBar();
        bar.setId("progress");
        bar.progressProperty().bind(p.fractionProperty());
        bar.setPrefWidth(160);
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        cancel.setOnAction(e -> p.cancel());
        HBox running = new HBox(6, job, bar, cancel);
        running.visibleProperty().bind(p.busyProperty());
        running.managedProperty().bind(p.busyProperty());

        Label edited = new Label("\u25CF Labels edited");
        edited.setId("edited-marker");
        edited.getStyleClass().add("edited-marker");
        edited.visibleProperty().bind(vm.labels().editedProperty());
        edited.managedProperty().bind(vm.labels().editedProperty());
        Label device = new Label();
        device.setId("status-device");
        device.textProperty().bind(vm.segmentation().deviceProperty());
        DetailsPopup.attach(device, vm.segmentation().deviceDetailsProperty(), "Why not the GPU");
        getRightItems().addAll(done, notes, running, device, edited);
    }
}
