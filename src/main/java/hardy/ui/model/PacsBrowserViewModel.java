package hardy.ui.model;

import hardy.core.CancelledException;
import hardy.pacs.DicomWebClient;
import hardy.pacs.PacsException;
import hardy.pacs.PacsServer;
import hardy.pacs.PacsServerStore;
import hardy.pacs.SeriesCache;
import hardy.pacs.SeriesHit;
import hardy.pacs.StudyHit;
import hardy.pacs.StudyQuery;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File > Open from PACS: choose a server, search its studies (QIDO-RS), list the series of the study picked, and
 * retrieve one (WADO-RS) into the PACS cache with progress and Cancel. The retrieved folder is then handed to the
 * viewer's ordinary folder opening, so it opens exactly as a local DICOM folder does (same reader, same geometry
 * checks, same series picker). Network work runs through the {@link BackgroundRunner}; failures become one-line
 * {@link UserMessage}s naming the server, with details in the log.
 */
public final class PacsBrowserViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(PacsBrowserViewModel.class);

    private final PacsServerStore store;
    private final SeriesCache cache;
    private final BackgroundRunner runner;
    private final Consumer<Path> open;
    private Consumer<UserMessage> messages = m -> { };

    private final ObservableList<PacsServer> servers = FXCollections.observableArrayList();
    private final ObjectProperty<PacsServer> server = new SimpleObjectProperty<>(this, "server");
    private final StringProperty patientName = new SimpleStringProperty(this, "patientName", "");
    private final StringProperty patientId = new SimpleStringProperty(this, "patientId", "");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>(this, "from");
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>(this, "to");
    private final StringProperty modality = new SimpleStringProperty(this, "modality", "");
    private final StringProperty accession = new SimpleStringProperty(this, "accession", "");
    private final ObservableList<StudyHit> studies = FXCollections.observableArrayList();
    private final ObjectProperty<StudyHit> study = new SimpleObjectProperty<>(this, "study");
    private final ObservableList<SeriesHit> series = FXCollections.observableArrayList();
    private final ObjectProperty<SeriesHit> selectedSeries = new SimpleObjectProperty<>(this, "selectedSeries");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ProgressModel progress = new ProgressModel();

    /**
     * A browser over the servers of {@code store}, retrieving into {@code cache}, that hands a retrieved series'
     * folder to {@code open}.
     */
    public PacsBrowserViewModel(PacsServerStore store, SeriesCache cache, BackgroundRunner runner,
            Consumer<Path> open) {
        this.store = store;
        this.cache = cache;
        this.runner = runner;
        this.open = open;
        study.addListener((o, old, s) -> {
            series.clear();
            selectedSeries.set(null);
            if (s != null) {
                loadSeries(s);
            }
        });
        server.addListener((o, old, s) -> {
            studies.clear();
            study.set(null);
        });
    }

    /** Where failures are reported (a dialog in the app). */
    public void setMessageSink(Consumer<UserMessage> sink) {
        this.messages = sink;
    }

    /** Reads the server list again; keeps the chosen server if it is still there, else takes the first. */
    public void reloadServers() {
        try {
            servers.setAll(store.list());
        } catch (IOException e) {
            LOG.warn("Cannot read the PACS server list", e);
            messages.accept(new UserMessage("Cannot read the PACS servers", e.getMessage()));
            servers.clear();
        }
        PacsServer current = server.get();
        server.set(servers.stream().filter(s -> current != null && s.name().equals(current.name())).findFirst()
                .orElse(servers.isEmpty() ? null : servers.getFirst()));
        status.set(servers.isEmpty() ? "No PACS server is configured: add one with Edit > PACS servers..." : "");
    }

    /** Searches the chosen server's studies with the search fields. */
    public void search() {
        PacsServer s = server.get();
        if (s == null || progress.busyProperty().get()) {
            return;
        }
        StudyQuery q;
        try {
            q = new StudyQuery(patientName.get(), patientId.get(), from.get(), to.get(), modality.get(),
                    accession.get(), StudyQuery.DEFAULT_LIMIT);
        } catch (IllegalArgumentException e) {
            messages.accept(new UserMessage("Cannot search", e.getMessage()));
            return;
        }
        progress.start("Searching " + s.name());
        runner.run((p, c) -> {
            try (DicomWebClient client = new DicomWebClient(s)) {
                return client.findStudies(q);
            }
        }, progress, hits -> {
            progress.finish();
            study.set(null);
            studies.setAll(hits);
            status.set(hits.isEmpty() ? "No study matches." : hits.size() + (hits.size() == 1 ? " study" : " studies")
                    + (hits.size() >= StudyQuery.DEFAULT_LIMIT ? " (only the first " + StudyQuery.DEFAULT_LIMIT
                    + "; narrow the search)" : ""));
        }, failure("Cannot search studies"));
    }

    private void loadSeries(StudyHit s) {
        PacsServer srv = server.get();
        if (srv == null) {
            return;
        }
        progress.start("Listing the series");
        runner.run((p, c) -> {
            try (DicomWebClient client = new DicomWebClient(srv)) {
                return client.listSeries(s.studyUid());
            }
        }, progress, list -> {
            progress.finish();
            if (study.get() == s) {
                series.setAll(list);
                selectedSeries.set(list.isEmpty() ? null : list.getFirst());
            }
        }, failure("Cannot list the series"));
    }

    /** Retrieves the selected series into the cache (or finds it there) and opens it as a local folder. */
    public void retrieve() {
        PacsServer srv = server.get();
        SeriesHit s = selectedSeries.get();
        if (srv == null || s == null || progress.busyProperty().get()) {
            return;
        }
        progress.start("Retrieving from " + srv.name());
        runner.run((p, c) -> {
            try (DicomWebClient client = new DicomWebClient(srv)) {
                return cache.retrieve(client, s.studyUid(), s.seriesUid(), s.instances(), p, c);
            }
        }, progress, dir -> {
            progress.finish();
            status.set("Retrieved " + (s.description().isEmpty() ? "the series" : "\"" + s.description() + "\""));
            open.accept(dir);
        }, failure("Cannot retrieve the series"));
    }

    /** Asks the running search or retrieval to stop; a retrieval leaves nothing in the cache. */
    public void cancel() {
        progress.cancel();
    }

    private Consumer<Throwable> failure(String title) {
        return e -> {
            progress.finish();
            if (e instanceof CancelledException) {
                status.set("Cancelled.");
                return;
            }
            String message = e instanceof PacsException || e instanceof IllegalArgumentException ? e.getMessage()
                    : e instanceof IOException ? "I/O error: " + e.getMessage()
                    : "unexpected error (" + e.getClass().getSimpleName() + "); details are in the log";
            LOG.warn("{}: {}", title, message, e);
            status.set(message);
            messages.accept(new UserMessage(title, message));
        };
    }

    public ObservableList<PacsServer> servers() {
        return servers;
    }

    public ObjectProperty<PacsServer> serverProperty() {
        return server;
    }

    public StringProperty patientNameProperty() {
        return patientName;
    }

    public StringProperty patientIdProperty() {
        return patientId;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public StringProperty modalityProperty() {
        return modality;
    }

    public StringProperty accessionProperty() {
        return accession;
    }

    /** The studies of the last search; patient identifiers for the screen only. */
    public ObservableList<StudyHit> studies() {
        return studies;
    }

    /** The study picked; picking one lists its series. */
    public ObjectProperty<StudyHit> studyProperty() {
        return study;
    }

    public ObservableList<SeriesHit> series() {
        return series;
    }

    public ObjectProperty<SeriesHit> selectedSeriesProperty() {
        return selectedSeries;
    }

    /** What the last action found or why it stopped, for the dialog's status line. */
    public StringProperty statusProperty() {
        return status;
    }

    /** The running search or retrieval, for the progress bar and its Cancel button. */
    public ProgressModel progress() {
        return progress;
    }
}
