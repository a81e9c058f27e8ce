package hardy.ui.view;

import hardy.io.dicom.DicomSeries;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Window;

/**
 * Lists the series of a DICOM folder (patient, date, modality, description, images, size) and returns the one
 * picked. Patient names appear here, on screen, and nowhere else: never in logs.
 */
final class SeriesPicker {

    private static final ButtonType OPEN = new ButtonType("Open", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);

    private SeriesPicker() {
    }

    static Optional<DicomSeries> choose(Window owner, List<DicomSeries> series) {
        TableView<DicomSeries> table = new TableView<>();
        table.setId("series-table");
        table.getColumns().add(column("#", s -> String.valueOf(s.number())));
        table.getColumns().add(column("Patient", s -> s.key().patientName()));
        table.getColumns().add(column("Date", s -> s.key().studyDate()));
        table.getColumns().add(column("Modality", s -> s.key().modality()));
        table.getColumns().add(column("Series", s -> String.valueOf(s.key().seriesNumber())));
        table.getColumns().add(column("Description", s -> s.key().description()));
        table.getColumns().add(column("Plane", DicomSeries::plane));
        TableColumn<DicomSeries, Integer> images = new TableColumn<>("Images");
        images.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().imageCount()));
        table.getColumns().add(images);
        table.getColumns().add(column("Size", s -> s.columns() + " x " + s.rows()));
        table.getItems().setAll(series);
        table.getSelectionModel().selectFirst();
        table.setPrefSize(760, 300);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Dialog<DicomSeries> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Hardy");
        d.setHeaderText("This folder holds " + series.size() + " series. Which one should open?");
        d.getDialogPane().setContent(table);
        d.getDialogPane().getButtonTypes().addAll(OPEN, ButtonType.CANCEL);
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null) {
                d.setResult(table.getSelectionModel().getSelectedItem());
                d.close();
            }
        });
        d.setResultConverter(b -> b == OPEN ? table.getSelectionModel().getSelectedItem() : null);
        return d.showAndWait();
    }

    private static TableColumn<DicomSeries, String> column(String title,
                                                          java.util.function.Function<DicomSeries, String> f) {
        TableColumn<DicomSeries, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
        return c;
    }
}
