package hardy.ui.view;

import hardy.pacs.PacsAuth;
import hardy.pacs.PacsServer;
import hardy.ui.model.PacsServersViewModel;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * Edit > PACS servers: the servers on the left, the selected one's settings on the right (name, DICOMweb URL,
 * authentication, an imported certificate), Test and Save, and where the list is stored.
 */
final class PacsServersDialog {

    private PacsServersDialog() {
    }

    /** Builds the dialog (not shown). */
    static Dialog<Void> create(Window owner, PacsServersViewModel vm, FilePicker files) {
        ListView<PacsServer> list = new ListView<>(vm.servers());
        list.setId("pacs-server-list");
        list.setPrefWidth(200);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(PacsServer s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.name());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (s != null) {
                vm.selectedProperty().set(s);
            }
        });
        vm.selectedProperty().addListener((o, a, s) -> {
            if (s == null) {
                list.getSelectionModel().clearSelection();
            } else {
                list.getSelectionModel().select(s);
            }
        });
        Button add = new Button("New");
        add.setOnAction(e -> vm.newServer());
        Button remove = new Button("Remove");
        remove.setId("pacs-remove");
        remove.disableProperty().bind(vm.selectedProperty().isNull());
        remove.setOnAction(e -> {
            if (Dialogs.confirm(owner, "Remove this server?", "PACS '" + vm.selectedProperty().get().name()
                    + "' is removed from the list, with its password or token.")) {
                vm.remove();
            }
        });
        VBox left = new VBox(6, list, new HBox(6, add, remove));
        VBox.setVgrow(list, Priority.ALWAYS);

        TextField name = field("pacs-name", "e.g. Hospital PACS");
        name.textProperty().bindBidirectional(vm.nameProperty());
        TextField url = field("pacs-url", "https://pacs.example.org/dicom-web");
        url.textProperty().bindBidirectional(vm.urlProperty());
        ChoiceBox<PacsAuth.Kind> auth = new ChoiceBox<>();
        auth.setId("pacs-auth");
        auth.getItems().setAll(PacsAuth.Kind.values());
        auth.setConverter(new StringConverter<>() {
            @Override
            public String toString(PacsAuth.Kind k) {
                return k == null ? "" : switch (k) {
                    case NONE -> "None";
                    case BASIC -> "HTTP basic (user and password)";
                    case BEARER -> "Bearer token";
                };
            }

            @Override
            public PacsAuth.Kind fromString(String s) {
                return null;
            }
        });
        auth.valueProperty().bindBidirectional(vm.authProperty());
        TextField user = field("pacs-user", "");
        user.textProperty().bindBidirectional(vm.userProperty());
        user.disableProperty().bind(vm.authProperty().isNotEqualTo(PacsAuth.Kind.BASIC));
        PasswordField secret = new PasswordField();
        secret.setId("pacs-secret");
        secret.textProperty().bindBidirectional(vm.secretProperty());
        secret.disableProperty().bind(vm.authProperty().isEqualTo(PacsAuth.Kind.NONE));
        Label secretLabel = new Label();
        secretLabel.textProperty().bind(Bindings.when(vm.authProperty().isEqualTo(PacsAuth.Kind.BEARER))
                .then("Token").otherwise("Password"));
        Label certificate = new Label();
        certificate.setId("pacs-certificate");
        certificate.setWrapText(true);
        certificate.textProperty().bind(vm.certificateProperty());
        Button importCert = new Button("Import...");
        importCert.setOnAction(e -> files.openFile("Import the server's certificate (PEM)")
                .ifPresent(vm::importCertificate));
        Button clearCert = new Button("Clear");
        clearCert.disableProperty().bind(vm.certificatePemProperty().isNull());
        clearCert.setOnAction(e -> vm.clearCertificate());

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.getColumnConstraints().addAll(new ColumnConstraints(), grow());
        form.addRow(0, new Label("Name"), name);
        form.addRow(1, new Label("DICOMweb URL"), url);
        form.addRow(2, new Label("Authentication"), auth);
        form.addRow(3, new Label("User"), user);
        form.addRow(4, secretLabel, secret);
        form.addRow(5, new Label("Certificate"), new VBox(4, certificate, new HBox(6, importCert, clearCert)));
        Button test = new Button("Test");
        test.setId("pacs-test");
        test.disableProperty().bind(vm.testingProperty());
        test.setOnAction(e -> vm.test());
        Button save = new Button("Save");
        save.setId("pacs-save");
        save.setDefaultButton(true);
        save.setOnAction(e -> vm.save());
        Label result = new Label();
        result.setId("pacs-test-result");
        result.setWrapText(true);
        result.textProperty().bind(vm.testResultProperty());
        Label tls = new Label("TLS certificates are always verified; for a server with a self-signed certificate, "
                + "import that certificate.");
        tls.setWrapText(true);
        tls.getStyleClass().add("hint");
        VBox right = new VBox(10, form, new HBox(8, test, save), result, tls);
        right.setPrefWidth(520);

        BorderPane content = new BorderPane();
        content.setLeft(left);
        content.setCenter(right);
        BorderPane.setMargin(right, new Insets(0, 0, 0, 12));
        Label where = new Label(vm.storeLocation());
        where.setId("pacs-store-location");
        where.setWrapText(true);
        content.setBottom(where);
        BorderPane.setMargin(where, new Insets(12, 0, 0, 0));

        Dialog<Void> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Hardy");
        d.setHeaderText("PACS servers (DICOMweb)");
        d.getDialogPane().setId("pacs-servers-dialog");
        d.getDialogPane().setContent(content);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.setResizable(true);
        vm.load();
        if (!vm.servers().isEmpty()) {
            vm.selectedProperty().set(vm.servers().getFirst());
        }
        return d;
    }

    static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    static ColumnConstraints grow() {
        ColumnConstraints c = new ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        c.setFillWidth(true);
        return c;
    }
}
