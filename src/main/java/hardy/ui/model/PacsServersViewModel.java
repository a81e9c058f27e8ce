package hardy.ui.model;

import hardy.pacs.DicomWebClient;
import hardy.pacs.PacsAuth;
import hardy.pacs.PacsException;
import hardy.pacs.PacsServer;
import hardy.pacs.PacsServerStore;
import hardy.pacs.PacsTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Edit > PACS servers: the list of DICOMweb servers and a form to add, edit, remove and test one. The form holds
 * the password or token while the dialog is open; it goes to the server list file (mode 600, named by
 * {@link #storeLocation()}) and nowhere else. Test runs through the {@link BackgroundRunner}, off the JavaFX thread.
 */
public final class PacsServersViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(PacsServersViewModel.class);

    private final PacsServerStore store;
    private final BackgroundRunner runner;
    private Consumer<UserMessage> messages = m -> { };

    private final ObservableList<PacsServer> servers = FXCollections.observableArrayList();
    private final ObjectProperty<PacsServer> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty url = new SimpleStringProperty(this, "url", "");
    private final ObjectProperty<PacsAuth.Kind> auth = new SimpleObjectProperty<>(this, "auth", PacsAuth.Kind.NONE);
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final StringProperty secret = new SimpleStringProperty(this, "secret", "");
    private final StringProperty certificatePem = new SimpleStringProperty(this, "certificatePem");
    private final StringProperty certificate = new SimpleStringProperty(this, "certificate", "");
    private final StringProperty testResult = new SimpleStringProperty(this, "testResult", "");
    private final BooleanProperty testing = new SimpleBooleanProperty(this, "testing", false);
    private final ProgressModel progress = new ProgressModel();

    public PacsServersViewModel(PacsServerStore store, BackgroundRunner runner) {
        this.store = store;
        this.runner = runner;
        certificatePem.addListener((o, old, pem) -> certificate.set(describe(pem)));
        certificate.set(describe(null));
        selected.addListener((o, old, s) -> fill(s));
    }

    /** Where failures are reported (a dialog in the app). */
    public void setMessageSink(Consumer<UserMessage> sink) {
        this.messages = sink;
    }

    /** Reads the server list. */
    public void load() {
        try {
            servers.setAll(store.list());
        } catch (IOException e) {
            LOG.warn("Cannot read the PACS server list", e);
            messages.accept(new UserMessage("Cannot read the PACS servers", e.getMessage()));
        }
    }

    /** "Stored in FILE (readable by you only)", for the dialog. */
    public String storeLocation() {
        return "Stored in " + store.file() + " (readable by you only)";
    }

    /** Clears the form for a new server. */
    public void newServer() {
        selected.set(null);
        fill(null);
    }

    private void fill(PacsServer s) {
        testResult.set("");
        name.set(s == null ? "" : s.name());
        url.set(s == null ? "" : s.baseUrl().toString());
        auth.set(s == null ? PacsAuth.Kind.NONE : s.auth().kind());
        user.set(s != null && s.auth() instanceof PacsAuth.Basic b ? b.user() : "");
        secret.set(switch (s == null ? PacsAuth.NONE : s.auth()) {
            case PacsAuth.Basic b -> b.password();
            case PacsAuth.Bearer t -> t.token();
            case PacsAuth.None n -> "";
        });
        certificatePem.set(s == null ? null : s.certificatePem());
    }

    /**
     * The server the form describes.
     *
     * @throws IllegalArgumentException saying which field is wrong
     */
    PacsServer formServer() {
        PacsAuth a = switch (auth.get()) {
            case NONE -> PacsAuth.NONE;
            case BASIC -> new PacsAuth.Basic(user.get().strip(), secret.get());
            case BEARER -> new PacsAuth.Bearer(secret.get().strip());
        };
        return new PacsServer(name.get(), PacsServer.parseUrl(url.get()), a, certificatePem.get());
    }

    /** Saves the form as a server (replacing the one of that name), or reports why it cannot; true when saved. */
    public boolean save() {
        PacsServer s;
        try {
            s = formServer();
        } catch (IllegalArgumentException e) {
            messages.accept(new UserMessage("Cannot save the server", e.getMessage()));
            return false;
        }
        try {
            PacsServer old = selected.get();
            if (old != null && !old.name().equalsIgnoreCase(s.name())) {
                store.remove(old.name()); // renamed
            }
            store.put(s);
            load();
            selected.set(servers.stream().filter(x -> x.name().equals(s.name())).findFirst().orElse(null));
            testResult.set("Saved. " + storeLocation());
            return true;
        } catch (IOException e) {
            LOG.warn("Cannot save the PACS server list", e);
            messages.accept(new UserMessage("Cannot save the server", e.getMessage()));
            return false;
        }
    }

    /** Removes the selected server. */
    public void remove() {
        PacsServer s = selected.get();
        if (s == null) {
            return;
        }
        try {
            store.remove(s.name());
            load();
            newServer();
        } catch (IOException e) {
            LOG.warn("Cannot save the PACS server list", e);
            messages.accept(new UserMessage("Cannot remove the server", e.getMessage()));
        }
    }

    /**
     * Imports a PEM certificate file into the form (saved with the server).
     *
     * @return false, with a message, if the file holds no certificate
     */
    public boolean importCertificate(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            PacsTls.parse(pem);
            certificatePem.set(pem);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            messages.accept(new UserMessage("Cannot import the certificate", file.getFileName() + ": "
                    + (e instanceof java.nio.charset.MalformedInputException ? "not a PEM certificate"
                    : e.getMessage())));
            return false;
        }
    }

    /** Drops the imported certificate from the form: only the system's authorities are trusted. */
    public void clearCertificate() {
        certificatePem.set(null);
    }

    /** Tests the form's settings (saved or not) with one query, off the JavaFX thread; the result is shown. */
    public void test() {
        PacsServer s;
        try {
            s = formServer();
        } catch (IllegalArgumentException e) {
            testResult.set(e.getMessage());
            return;
        }
        testing.set(true);
        testResult.set("Testing " + s.name() + "...");
        runner.run((p, c) -> {
            try (DicomWebClient client = new DicomWebClient(s)) {
                return client.check();
            }
        }, progress, ok -> {
            testing.set(false);
            testResult.set(ok);
        }, e -> {
            testing.set(false);
            String m = e instanceof PacsException ? e.getMessage()
                    : "the test failed (" + e.getClass().getSimpleName() + "); details are in the log";
            LOG.warn("PACS server test failed: {}", m, e);
            testResult.set(m);
        });
    }

    private static String describe(String pem) {
        if (pem == null) {
            return "System certificate authorities only";
        }
        try {
            List<X509Certificate> certs = PacsTls.parse(pem);
            X509Certificate c = certs.getFirst();
            return "Also trusted: " + c.getSubjectX500Principal().getName() + ", valid until "
                    + c.getNotAfter().toInstant().atZone(ZoneOffset.UTC).toLocalDate()
                    + (certs.size() > 1 ? " (+" + (certs.size() - 1) + " more)" : "");
        } catch (IllegalArgumentException e) {
            return "Imported certificate unreadable: " + e.getMessage();
        }
    }

    public ObservableList<PacsServer> servers() {
        return servers;
    }

    public ObjectProperty<PacsServer> selectedProperty() {
        return selected;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public ObjectProperty<PacsAuth.Kind> authProperty() {
        return auth;
    }

    public StringProperty userProperty() {
        return user;
    }

    /** The password (basic) or token (bearer) being edited. */
    public StringProperty secretProperty() {
        return secret;
    }

    /** The imported certificate's PEM text, or null. */
    public StringProperty certificatePemProperty() {
        return certificatePem;
    }

    /** What the imported certificate is, in words. */
    public StringProperty certificateProperty() {
        return certificate;
    }

    /** The last test's one-line result, or what saving did. */
    public StringProperty testResultProperty() {
        return testResult;
    }

    public BooleanProperty testingProperty() {
        return testing;
    }

    /** The selected server, if any. */
    public Optional<PacsServer> selected() {
        return Optional.ofNullable(selected.get());
    }
}
