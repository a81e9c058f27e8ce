package hardy.ui.view;

import static hardy.ui.view.TrainingControls.running;
import static hardy.ui.view.TrainingControls.heading;
import static hardy.ui.view.TrainingControls.text;

import hardy.ui.model.training.CaseThumbnails;
import hardy.training.session.TrainingCaseRecord;
import hardy.ui.model.training.TrainingViewModel;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The training tab's cases: a table with each case's thumbnail, grid, labels and use (training or validation),
 * and the buttons that add and remove cases.
 */
final class TrainingCasesPane {

    private static final int THUMB = 56;

    private final TrainingViewModel vm;
    private final Window owner;

    TrainingCasesPane(TrainingViewModel vm, Window owner) {
        this.vm = vm;
        this.owner = owner;
    }

    Node build() {
        TableView<TrainingCaseRecord> table = new TableView<>(vm.cases());
        table.setId("training-cases");
        table.setPlaceholder(new Label("No cases yet. Add a folder of NAME_image.nii.gz / NAME_labels.nii.gz pairs,"
                + "\nor use Segmentation > Add this study to the training set in the viewer."));
        TableColumn<TrainingCaseRecord, TrainingCaseRecord> thumb = new TableColumn<>("");
        thumb.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        thumb.setCellFactory(col -> new ThumbnailCell());
        thumb.setPrefWidth(THUMB + 8);
        thumb.setSortable(false);
        TableColumn<TrainingCaseRecord, String> name = text("Case", TrainingCaseRecord::name, 90);
        TableColumn<TrainingCaseRecord, String> dims = text("Voxels", TrainingCaseRecord::dimensionsText, 95);
        TableColumn<TrainingCaseRecord, String> spacing = text("Spacing", TrainingCaseRecord::spacingText, 145);
        TableColumn<TrainingCaseRecord, String> labels = text("Labels", TrainingCaseRecord::labelSummary, 150);
        TableColumn<TrainingCaseRecord, TrainingCaseRecord> role = new TableColumn<>("Use for");
        role.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        role.setCellFactory(col -> new RoleCell());
        role.setPrefWidth(112);
        table.getColumns().addAll(List.of(thumb, name, role, dims, spacing, labels));
        table.setRowFactory(t -> {
            TableRow<TrainingCaseRecord> row = new TableRow<>();
            row.itemProperty().addListener((o, a, b) -> row.setTooltip(b == null ? null : new Tooltip(
                    "From " + b.sourceImage() + "\nLabels " + b.sourceLabels() + "\nAdded " + b.addedAt()
                    + "\nImage and labels share one grid (checked when added).")));
            return row;
        });
        vm.thumbnails().addListener((MapChangeListener<String, CaseThumbnails.Thumbnail>) c -> table.refresh());

        Button folder = new Button("Add folder…");
        folder.setId("add-case-folder");
        folder.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("Folder of NAME_image.nii.gz / NAME_labels.nii.gz pairs");
            File f = c.showDialog(owner);
            if (f != null) {
                vm.addFolder(f.toPath());
            }
        });
        Button files = new Button("Add image and labels…");
        files.setOnAction(e -> {
            Path image = choose("Image of the case (NIfTI)");
            Path labelFile = image == null ? null : choose("Its label map (NIfTI)");
            if (labelFile != null) {
                vm.addFiles(image, labelFile);
            }
        });
        Button remove = new Button("Remove");
        remove.setTooltip(new Tooltip("Moves the case to the workspace's removed folder; nothing is deleted"));
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull()
                .or(running(vm)));
        remove.setOnAction(e -> vm.remove(table.getSelectionModel().getSelectedItem()));
        folder.disableProperty().bind(running(vm));
        files.disableProperty().bind(running(vm));
        ProgressBar busy = new ProgressBar();
        busy.visibleProperty().bind(vm.tasks().busyProperty());
        busy.progressProperty().bind(vm.tasks().fractionProperty());
        Label where = new Label("Workspace: " + vm.workspace().root());
        where.getStyleClass().add("hint");
        where.setWrapText(true);
        Label heading = heading("Cases");
        VBox box = new VBox(6, heading, new HBox(6, folder, files, remove, busy), table, where);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private Path choose(String title) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("NIfTI", "*.nii", "*.nii.gz"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = c.showOpenDialog(owner);
        return f == null ? null : f.toPath();
    }

    private final class ThumbnailCell extends TableCell<TrainingCaseRecord, TrainingCaseRecord> {
        private final ImageView view = new ImageView();

        ThumbnailCell() {
            view.setFitWidth(THUMB);
            view.setFitHeight(THUMB);
            view.setPreserveRatio(true);
        }

        @Override
        protected void updateItem(TrainingCaseRecord item, boolean empty) {
            super.updateItem(item, empty);
            CaseThumbnails.Thumbnail t = empty || item == null ? null : vm.thumbnails().get(item.name());
            if (t == null) {
                setGraphic(null);
                return;
            }
            WritableImage img = new WritableImage(t.width(), t.height());
            img.getPixelWriter().setPixels(0, 0, t.width(), t.height(), PixelFormat.getIntArgbInstance(), t.argb(),
                    0, t.width());
            view.setImage(img);
            setGraphic(view);
        }
    }

    private final class RoleCell extends TableCell<TrainingCaseRecord, TrainingCaseRecord> {
        private final ComboBox<TrainingCaseRecord.Role> box = new ComboBox<>();

        RoleCell() {
            box.getItems().setAll(TrainingCaseRecord.Role.values());
            box.setConverter(new StringConverter<>() {
                @Override
                public String toString(TrainingCaseRecord.Role r) {
                    return r == null ? "" : r == TrainingCaseRecord.Role.TRAIN ? "Training" : "Validation";
                }

                @Override
                public TrainingCaseRecord.Role fromString(String s) {
                    return null;
                }
            });
            box.disableProperty().bind(running(vm));
            box.setOnAction(e -> {
                TrainingCaseRecord item = getItem();
                if (item != null && box.getValue() != null && box.getValue() != item.role()) {
                    vm.setRole(item, box.getValue());
                }
            });
        }

        @Override
        protected void updateItem(TrainingCaseRecord item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            box.setValue(item.role());
            setGraphic(box);
        }
    }
}
