package hardy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hardy.io.dicom.DicomTestInstances;
import hardy.pacs.OrthancServer;
import hardy.pacs.PacsServerStore;
import hardy.testing.InteropData;
import hardy.testing.LogCapture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hardy pacs} against a real Orthanc with basic authentication, configured through the command line. */
class PacsCommandTest {

    @TempDir
    static Path tmp;
    static OrthancServer orthanc;
    static String study;
    static String series;

    @TempDir
    Path home;
    private String previousHome;
    private LogCapture log;

    @BeforeAll
    static void startOrthanc() throws Exception {
        Path axial = OrthancServer.interopSeries("axial");
        JsonNode truth = new ObjectMapper().readTree(InteropData.dir().resolve("series/series.json").toFile());
        study = truth.get("study_instance_uid").asText();
        series = truth.get("series").get("axial").get("series_instance_uid").asText();
        orthanc = OrthancServer.start(tmp.resolve("orthanc"), true, axial);
    }

    @AfterAll
    static void stopOrthanc() {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    @BeforeEach
    void useTempHome() {
        previousHome = System.getProperty("hardy.home");
        System.setProperty("hardy.home", home.toString());
        log = new LogCapture();
    }

    @AfterEach
    void restoreHome() throws Exception {
        log.close();
        if (previousHome == null) {
            System.clearProperty("hardy.home");
        } else {
            System.setProperty("hardy.home", previousHome);
        }
    }

    private CliRunner addServer(String name, String password) {
        PacsServersCommand.stdin = new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            return CliRunner.run("pacs", "servers", "add", name, orthanc.dicomWeb().toString(), "--auth", "basic",
                    "--user", OrthancServer.USER, "--secret-stdin");
        } finally {
            PacsServersCommand.stdin = System.in;
        }
    }

    @Test
    void configuresFindsListsRetrievesAndStoresAndNoSecretLeaks() throws Exception {
        CliRunner add = addServer("orthanc", OrthancServer.PASSWORD);
        assertThat(add.exitCode()).as(add.err()).isZero();
        Path settings = home.resolve(PacsServerStore.FILE_NAME);
        assertThat(add.out()).contains(settings.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings))).isEqualTo("rw-------");

        CliRunner list = CliRunner.run("pacs", "servers", "list");
        assertThat(list.out()).contains("orthanc", "basic (" + OrthancServer.USER + ")", settings.toString());
        assertThat(CliRunner.run("pacs", "servers", "test", "orthanc").out()).startsWith("PACS 'orthanc' answers");

        CliRunner find = CliRunner.run("pacs", "find", "--server", "orthanc", "--modality", "MR", "--json");
        assertThat(find.exitCode()).as(find.err()).isZero();
        JsonNode studies = new ObjectMapper().readTree(find.out());
        assertThat(studies.get("schema").asText()).isEqualTo("hardy-pacs-studies/1");
        assertThat(studies.get("studies")).hasSize(1);
        assertThat(studies.get("studies").get(0).get("studyUid").asText()).isEqualTo(study);
        CliRunner table = CliRunner.run("pacs", "find", "--server", "orthanc", "--patient", "anon",
                "--from", "2000-01-01", "--to", "20991231");
        assertThat(table.out().lines()).hasSize(2).first().asString().startsWith("STUDY UID");
        assertThat(CliRunner.run("pacs", "find", "--server", "orthanc", "--patient-id", "nobody").out())
                .isEqualTo("No study matches.\n");

        CliRunner seriesList = CliRunner.run("pacs", "series", "--server", "orthanc", study);
        assertThat(seriesList.out()).contains(series).contains("80");

        Path out = home.resolve("retrieved");
        CliRunner get = CliRunner.run("pacs", "get", "--server", "orthanc", study, series, "-o", out.toString());
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out().strip()).isEqualTo(out.toAbsolutePath().toString());
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).hasSize(80);
        }
        CliRunner again = CliRunner.run("pacs", "get", "--server", "orthanc", study, series, "-o", out.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err().lines()).containsExactly("hardy: error: " + out.toAbsolutePath() + ": already exists");
        CliRunner cached = CliRunner.run("pacs", "get", "--server", "orthanc", study, series);
        assertThat(cached.exitCode()).as(cached.err()).isZero();
        assertThat(Path.of(cached.out().strip())).startsWith(home.resolve("pacs-cache"));

        String newSeries = "2.25.2" + System.nanoTime();
        Path file = DicomTestInstances.mrSlice(home.resolve("new.dcm"), study, newSeries, newSeries + ".1", 1, 0);
        CliRunner store = CliRunner.run("pacs", "store", "--server", "orthanc", file.toString());
        assertThat(store.exitCode()).as(store.err()).isZero();
        assertThat(store.out()).contains("stored  " + newSeries + ".1", "1 of 1 instance stored (HTTP 200)");
        assertThat(CliRunner.run("pacs", "series", "--server", "orthanc", study).out()).contains(newSeries);

        assertNoSecretOutside(settings, List.of(add, list, find, table, seriesList, get, again, cached, store));
    }

    @Test
    void aWrongPasswordIsOneLineAndExit2() throws Exception {
        assertThat(addServer("wrong", "not-the-password").exitCode()).isZero();
        CliRunner find = CliRunner.run("pacs", "find", "--server", "wrong");
        assertThat(find.exitCode()).isEqualTo(2);
        assertThat(find.err().lines()).containsExactly("hardy: error: PACS 'wrong' refused the credentials (HTTP 401):"
                + " check the user name and password, or the token, in the server's settings");
        assertThat(log.text()).doesNotContain("not-the-password");
    }

    @Test
    void badInputIsExit2() {
        assertThat(CliRunner.run("pacs", "find", "--server", "none").err()).isEqualTo(
                "hardy: error: no PACS server named 'none'; none is configured (" + home.resolve(
                        PacsServerStore.FILE_NAME) + ")\n");
        assertThat(CliRunner.run("pacs", "servers", "add", "x", "http://h/dicom-web", "--auth", "basic", "--user",
                "u", "--secret-env", "HARDY_NO_SUCH_VARIABLE").err()).isEqualTo("hardy: error: --secret-env "
                + "HARDY_NO_SUCH_VARIABLE: that environment variable is not set\n");
        assertThat(CliRunner.run("pacs", "find", "--server", "x", "--from", "yesterday").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("pacs", "series", "--server", "x", "1.2/../3").err())
                .startsWith("hardy: error: no PACS server named 'x'");
    }

    /** The password (and its basic-auth encoding) is in the settings file only: not in logs, output or other files. */
    private void assertNoSecretOutside(Path settings, List<CliRunner> runs) throws Exception {
        String encoded = Base64.getEncoder().encodeToString((OrthancServer.USER + ":" + OrthancServer.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(log.size()).isPositive();
        assertThat(log.text()).doesNotContain(OrthancServer.PASSWORD, encoded);
        for (CliRunner r : runs) {
            assertThat(r.out() + r.err()).doesNotContain(OrthancServer.PASSWORD, encoded);
        }
        assertThat(Files.readString(settings)).contains(OrthancServer.PASSWORD);
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.equals(settings)).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain(OrthancServer.PASSWORD, encoded);
            }
        }
    }
}
