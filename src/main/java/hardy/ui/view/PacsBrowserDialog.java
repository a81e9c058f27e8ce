package hardy.ui.view;

import hardy.pacs.PacsServer;
import hardy.pacs.SeriesHit;
import hardy.pacs.StudyHit;
import hardy.ui.model.PacsBrowserViewModel;
import hardy.ui.model.ProgressModel;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * File > Open from PACS: server, search fields, the studies found, the series of the study picked, and Retrieve
 * with progress and Cancel. Patient names appear here, on screen, and nowhere else.
 */
final class PacsBrowserDialog {

    private PacsBrowserDialog() {
    }

    /** Builds the dialog (not shown). Closing it cancels a running retrieval. */
    static Dialog<Void> create(Window owner, PacsBrowserViewModel vm) {
        ComboBox<PacsServer> server = new ComboBox<>(vm.servers());
        server.setId("pacs-server");
        server.setCellFactory(l -> serverCell());
        server.setButtonCell(serverCell());
        server.valueProperty().bindBidirectional(vm.serverProperty());
        TextField name = PacsServersDialog.field("pacs-patient-name", "name or its start");
        name.textProperty().bindBidirectional(vm.patientNameProperty());
        TextField id = PacsServersDialog.field("pacs-patient-id", "exact ID");
        id.textProperty().bindBidirectional(vm.patientIdProperty());
        DatePicker from = new DatePicker();
        from.valueProperty().bindBidirectional(vm.fromProperty());
        DatePicker to = new DatePicker();
        to.valueProperty().bindBidirectional(vm.toProperty());
        TextField modality = PacsServersDialog.field("pacs-modality", "e.g. MR");
        modality.setPrefColumnCount(5);
        modality.textProperty().bindBidirectional(vm.modalityProperty());
        TextField accession = PacsServersDialog.field("pacs-accession", "");
        accession.textProperty().bindBidirectional(vm.accessionProperty());
        Button search = new Button("Search");
        search.setId("pacs-search");
        search.setDefaultButton(true);
        search.disableProperty().bind(vm.serverProperty().isNull().or(vm.progress().busyProperty()));
        search.setOnAction(e -> vm.search());

        GridPane fields = new GridPane();
        fields.setHgap(8);
        fields.setVgap(6);
        fields.addRow(0, new Label("Server"), server, new Label("Modality"), modality);
        fields.addRow(1, new Label("Patient name"), name, new Label("Patient ID"), id);
        fields.addRow(2, new Label("Study date from"), from, new Label("to"), to);
        fields.addRow(3, new Label("Accession number"), accession, new Label(), search);

        TableView<StudyHit> studies = new TableView<>(vm.studies());
        studies.setId("pacs-studies");
        studies.setPlaceholder(new Label("Search to list studies"));
        studies.getColumns().add(column("Date", StudyHit::date));
        studies.getColumns().add(column("Patient", StudyHit::patientName));
        studies.getColumns().add(column("Patient ID", StudyHit::patientId));
        studies.getColumns().add(column("Accession", StudyHit::accession));
        studies.getColumns().add(column("Modalities", h -> h.modalities().replace('\\', ',')));
        studies.getColumns().add(column("Series", h -> count(h.series())));
        studies.getColumns().add(column("Images", h -> count(h.instances())));
        studies.getColumns().add(column("Description", StudyHit::description));
        studies.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        studies.setPrefHeight(220);
        studies.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> vm.studyProperty().set(s));
        vm.studyProperty().addListener((o, a, s) -> {
            if (s != null && studies.getSelectionModel().getSelectedItem() != s) {
                studies.getSelectionModel().select(s);
            }
        });
        width(studies, 90, 150, 110, 100, 90, 60, 70);

        TableView<SeriesHit> series = new TableView<>(vm.series());
        series.setId("pacs-series");
        series.setPlaceholder(new Label("Pick a study to list its series"));
        series.getColumns().add(column("#", h -> count(h.number())));
        series.getColumns().add(column("Modality", SeriesHit::modality));
        series.getColumns().add(column("Images", h -> count(h.instances())));
        series.getColumns().add(column("Description", SeriesHit::description));
        series.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        series.setPrefHeight(160);
        width(series, 50, 80, 70);
        series.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (s != null) {
                vm.selectedSeriesProperty().set(s);
            }
        });
        vm.selectedSeriesProperty().addListener((o, a, s) -> {
            if (s != null && series.getSelectionModel().getSelectedItem() != s) {
                series.getSelectionModel().select(s);
            }
        });
        series.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                vm.retrieve();
            }
        });

        ProgressModel p = vm.progress();
        ProgressBar bar = new ProgressBar();
        bar.setId("pacs-progress");
        bar.progressProperty().bind(p.fractionProperty());
        bar.visibleProperty().bind(p.busyProperty());
        bar.setPrefWidth(200);
        bar.managedProperty().bind(bar.visibleProperty());
        Label status = new Label();
        status.setId("pacs-status");
        status.textProperty().bind(javafx.beans.binding.Bindings.when(p.busyProperty()).then(p.messageProperty())
                .otherwise(vm.statusProperty()));
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        Button cancel = new Button("Cancel");
        cancel.setId("pacs-cancel");
        cancel.visibleProperty().bind(p.busyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancel());
        Button retrieve = new Button("Retrieve and open");
        retrieve.setId("pacs-retrieve");
        retrieve.disableProperty().bind(vm.selectedSeriesProperty().isNull().or(p.busyProperty()));
        retrieve.setOnAction(e -> vm.retrieve());
        HBox bottom = new HBox(8, bar, status, cancel, retrieve);
        bottom.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        VBox content = new VBox(10, fields, new Label("Studies"), studies, new Label("Series of the study"), series,
                bottom);
        content.setPadding(new Insets(4));
        content.setPrefWidth(900);

        Dialog<Void> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Hardy");
        d.setHeaderText("Open a series from a PACS (DICOMweb)");
        d.getDialogPane().setId("pacs-browser-dialog");
        d.getDialogPane().setContent(content);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.setResizable(true);
        d.setOnHidden(e -> {
            if (p.busyProperty().get()) {
                vm.cancel();
            }
        });
        vm.reloadServers();
        return d;
    }

    /** Fixed widths for the first columns; the last one takes the rest. */
    private static void width(TableView<?> table, double... widths) {
        for (int i = 0; i < widths.length; i++) {
            table.getColumns().get(i).setPrefWidth(widths[i]);
            table.getColumns().get(i).setMaxWidth(widths[i] * 1.5);
        }
    }

    private static ListCell<PacsServer> serverCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(PacsServer s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.name());
            }
        };
    }

    private static String count(int n) {
        return n < 0 ? "" : String.valueOf(n);
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> f) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
        return c;
    }
}
