package hardy.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.ReadResult;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.pacs.OrthancServer;
import hardy.pacs.PacsAuth;
import hardy.pacs.PacsServerStore;
import hardy.pacs.SeriesCache;
import hardy.pacs.SeriesHit;
import hardy.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edit > PACS servers and File > Open from PACS, through their view models, against a real Orthanc with basic
 * authentication: configure, test, search, list, retrieve, and open in the viewer as a local folder opens.
 */
class PacsViewModelsTest {

    @TempDir
    static Path tmp;
    static OrthancServer orthanc;

    @TempDir
    Path home;

    private final DirectRunner runner = new DirectRunner();
    private final List<UserMessage> messages = new ArrayList<>();

    @BeforeAll
    static void startOrthanc() throws Exception {
        orthanc = OrthancServer.start(tmp.resolve("orthanc"), true, OrthancServer.interopSeries("axial"),
                OrthancServer.interopSeries("oblique"));
    }

    @AfterAll
    static void stopOrthanc() {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    private PacsServersViewModel configure(PacsServerStore store, String password) {
        PacsServersViewModel servers = new PacsServersViewModel(store, runner);
        servers.setMessageSink(messages::add);
        servers.load();
        servers.newServer();
        servers.nameProperty().set("Orthanc");
        servers.urlProperty().set(orthanc.dicomWeb() + "/");
        servers.authProperty().set(PacsAuth.Kind.BASIC);
        servers.userProperty().set(OrthancServer.USER);
        servers.secretProperty().set(password);
        return servers;
    }

    @Test
    void theServersDialogSavesTestsAndRemovesAServerInAPrivateFile() throws Exception {
        PacsServerStore store = new PacsServerStore(home.resolve("pacs-servers.json"));
        try (LogCapture log = new LogCapture()) {
            PacsServersViewModel servers = configure(store, "wrong-password");
            servers.test();
            assertThat(servers.testResultProperty().get()).isEqualTo("PACS 'Orthanc' refused the credentials "
                    + "(HTTP 401): check the user name and password, or the token, in the server's settings");
            servers.secretProperty().set(OrthancServer.PASSWORD);
            servers.test();
            assertThat(servers.testResultProperty().get()).startsWith("PACS 'Orthanc' answers DICOMweb queries");
            assertThat(servers.testingProperty().get()).isFalse();
            assertThat(servers.save()).isTrue();
            assertThat(messages).isEmpty();
            assertThat(store.get("orthanc").auth()).isEqualTo(new PacsAuth.Basic(OrthancServer.USER,
                    OrthancServer.PASSWORD));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                    .isEqualTo("rw-------");
            assertThat(servers.storeLocation()).isEqualTo("Stored in " + store.file() + " (readable by you only)");
            assertThat(log.text()).doesNotContain(OrthancServer.PASSWORD, "wrong-password");

            servers.urlProperty().set("not a url");
            assertThat(servers.save()).isFalse();
            assertThat(messages).extracting(UserMessage::title).containsExactly("Cannot save the server");
            servers.newServer();
            assertThat(servers.urlProperty().get()).isEmpty();
            servers.selectedProperty().set(servers.servers().getFirst());
            assertThat(servers.urlProperty().get()).isEqualTo(orthanc.dicomWeb().toString());
            servers.remove();
            assertThat(store.list()).isEmpty();
        }
    }

    @Test
    void aSeriesFoundOnThePacsOpensInTheViewerAsTheLocalFolderDoes() throws Exception {
        PacsServerStore store = new PacsServerStore(home.resolve("pacs-servers.json"));
        assertThat(configure(store, OrthancServer.PASSWORD).save()).isTrue();
        ViewerViewModel viewer = new ViewerViewModel(new StudyFiles(VolumeReaders.installed(),
                VolumeWriters.installed()), runner);
        viewer.setMessageSink(messages::add);
        List<Path> opened = new ArrayList<>();
        PacsBrowserViewModel browser = new PacsBrowserViewModel(store, new SeriesCache(home.resolve("cache"),
                1L << 30), runner, dir -> {
                    opened.add(dir);
                    viewer.openUnlisted(dir, null, () -> { });
                });
        browser.setMessageSink(messages::add);
        browser.reloadServers();
        assertThat(browser.serverProperty().get().name()).isEqualTo("Orthanc");
        browser.modalityProperty().set("MR");
        browser.patientNameProperty().set("anon");
        browser.search();
        assertThat(browser.studies()).hasSize(1);
        assertThat(browser.statusProperty().get()).isEqualTo("1 study");
        browser.studyProperty().set(browser.studies().getFirst());
        assertThat(browser.series()).hasSize(2);
        Path local = OrthancServer.interopSeries("oblique");
        String obliqueUid = hardy.io.dicom.DicomSeriesScanner.scan(local, ProgressListener.NONE, Cancellation.NEVER)
                .series().getFirst().seriesUid();
        SeriesHit oblique = browser.series().stream().filter(s -> s.seriesUid().equals(obliqueUid)).findFirst()
                .orElseThrow();
        browser.selectedSeriesProperty().set(oblique);
        browser.retrieve();
        assertThat(messages).isEmpty();
        assertThat(opened).hasSize(1);
        Study shown = viewer.studyProperty().get();
        assertThat(shown).isNotNull();
        ReadResult expected = VolumeReaders.installed().read(local);
        assertThat(shown.image().geometry()).isEqualTo(expected.volume().geometry());
        assertThat(shown.warnings()).isEqualTo(expected.warnings());
        assertThat(shown.grid().oblique()).isTrue();
        assertThat(browser.progress().busyProperty().get()).isFalse();
    }

    @Test
    void aWrongPasswordIsADialogNamingTheServer() throws Exception {
        PacsServerStore store = new PacsServerStore(home.resolve("pacs-servers.json"));
        assertThat(configure(store, "nope").save()).isTrue();
        PacsBrowserViewModel browser = new PacsBrowserViewModel(store, new SeriesCache(home.resolve("cache"),
                1L << 30), runner, dir -> { });
        browser.setMessageSink(messages::add);
        browser.reloadServers();
        browser.search();
        assertThat(messages).containsExactly(new UserMessage("Cannot search studies", "PACS 'Orthanc' refused the "
                + "credentials (HTTP 401): check the user name and password, or the token, in the server's settings"));
        assertThat(browser.studies()).isEmpty();
    }

    @Test
    void withoutServersTheBrowserSaysWhereToAddOne() {
        PacsBrowserViewModel browser = new PacsBrowserViewModel(new PacsServerStore(home.resolve("none.json")),
                new SeriesCache(home.resolve("cache"), 1L << 30), runner, dir -> { });
        browser.reloadServers();
        assertThat(browser.serverProperty().get()).isNull();
        assertThat(browser.statusProperty().get()).isEqualTo("No PACS server is configured: add one with "
                + "Edit > PACS servers...");
        browser.search();
        assertThat(runner.jobs).isZero();
    }
}
