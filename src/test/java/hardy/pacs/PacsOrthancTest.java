package hardy.pacs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.ReadResult;
import hardy.io.VolumeReaders;
import hardy.io.dicom.DicomInstance;
import hardy.io.dicom.DicomTestInstances;
import hardy.testing.InteropData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DICOMweb client against a real Orthanc with its DICOMweb plugin, loaded with two interop series (axial and
 * oblique, one study) through Orthanc's REST API; a second Orthanc has HTTP basic authentication.
 */
class PacsOrthancTest {

    @TempDir
    static Path tmp;
    static OrthancServer open;
    static OrthancServer locked;
    static JsonNode truth;

    @BeforeAll
    static void startOrthanc() throws Exception {
        Path axial = OrthancServer.interopSeries("axial");
        Path oblique = OrthancServer.interopSeries("oblique");
        truth = new ObjectMapper().readTree(InteropData.dir().resolve("series/series.json").toFile());
        open = OrthancServer.start(tmp.resolve("open"), false, axial, oblique);
        locked = OrthancServer.start(tmp.resolve("locked"), true, axial);
    }

    @AfterAll
    static void stopOrthanc() {
        if (open != null) {
            open.close();
        }
        if (locked != null) {
            locked.close();
        }
    }

    private static String studyUid() {
        return truth.get("study_instance_uid").asText();
    }

    private static String seriesUid(String name) {
        return truth.get("series").get(name).get("series_instance_uid").asText();
    }

    private static StudyQuery query(String name, String id, LocalDate from, LocalDate to, String modality) {
        return new StudyQuery(name, id, from, to, modality, null, StudyQuery.DEFAULT_LIMIT);
    }

    @Test
    void findsTheStudyByNameIdDateAndModality() throws Exception {
        try (DicomWebClient c = new DicomWebClient(open.server("orthanc"))) {
            List<StudyHit> all = c.findStudies(query(null, null, null, null, null));
            assertThat(all).extracting(StudyHit::studyUid).containsExactly(studyUid());
            StudyHit hit = all.getFirst();
            assertThat(hit.patientName()).isEqualTo("ANON^HARDY");
            assertThat(hit.series()).isEqualTo(2);
            assertThat(hit.instances()).isEqualTo(160);
            assertThat(c.findStudies(query("ANON", null, null, null, null))).hasSize(1);
            assertThat(c.findStudies(query("SOMEONE", null, null, null, null))).isEmpty();
            assertThat(c.findStudies(query(null, hit.patientId(), null, null, null))).hasSize(1);
            assertThat(c.findStudies(query(null, "NO-SUCH-ID", null, null, null))).isEmpty();
            LocalDate date = LocalDate.parse(hit.date(), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            assertThat(c.findStudies(query(null, null, date.minusDays(1), date.plusDays(1), null))).hasSize(1);
            assertThat(c.findStudies(query(null, null, date.plusDays(1), null, null))).isEmpty();
            assertThat(c.findStudies(query(null, null, null, null, "MR"))).hasSize(1);
            assertThat(c.findStudies(query(null, null, null, null, "CT"))).isEmpty();
        }
    }

    @Test
    void listsTheSeriesOfTheStudyWithDescriptionsAndImageCounts() throws Exception {
        try (DicomWebClient c = new DicomWebClient(open.server("orthanc"))) {
            List<SeriesHit> series = c.listSeries(studyUid());
            assertThat(series).extracting(SeriesHit::seriesUid)
                    .containsExactlyInAnyOrder(seriesUid("axial"), seriesUid("oblique"));
            for (SeriesHit s : series) {
                String name = s.seriesUid().equals(seriesUid("axial")) ? "axial" : "oblique";
                String local = hardy.io.dicom.DicomSeriesScanner.scan(OrthancServer.interopSeries(name),
                        ProgressListener.NONE, Cancellation.NEVER).series().getFirst().key().description();
                assertThat(s.description()).isNotEmpty().isEqualTo(local);
                assertThat(s.instances()).isEqualTo(80);
                assertThat(s.modality()).isEqualTo("MR");
            }
        }
    }

    @Test
    void retrievesTheSeriesByteForByteAndItReadsAsTheLocalFolderDoes() throws Exception {
        Path local = OrthancServer.interopSeries("oblique");
        SeriesCache cache = new SeriesCache(tmp.resolve("cache-retrieve"), 1L << 30);
        long[] last = {0, 0};
        ProgressListener progress = (done, total, message) -> {
            last[0] = done;
            last[1] = total;
        };
        Path dir;
        try (DicomWebClient c = new DicomWebClient(open.server("orthanc"))) {
            dir = cache.retrieve(c, studyUid(), seriesUid("oblique"), 80, progress, Cancellation.NEVER);
            assertThat(cache.retrieve(c, studyUid(), seriesUid("oblique"), 80, ProgressListener.NONE,
                    Cancellation.NEVER)).as("the second time from the cache").isEqualTo(dir);
        }
        assertThat(last).containsExactly(80, 80);
        Map<String, Path> uploaded = bySopInstance(local);
        Map<String, Path> retrieved = bySopInstance(dir);
        assertThat(retrieved.keySet()).isEqualTo(uploaded.keySet());
        for (var e : uploaded.entrySet()) {
            assertThat(Files.readAllBytes(retrieved.get(e.getKey()))).as(e.getKey())
                    .isEqualTo(Files.readAllBytes(e.getValue()));
        }
        ReadResult a = VolumeReaders.installed().read(local);
        ReadResult b = VolumeReaders.installed().read(dir);
        assertThat(b.volume().geometry()).isEqualTo(a.volume().geometry());
        assertThat(b.volume().type()).isEqualTo(a.volume().type());
        for (int i = 0; i < a.volume().data().length(); i++) {
            assertThat(b.volume().value(i)).isEqualTo(a.volume().value(i));
        }
        assertThat(b.warnings()).isEqualTo(a.warnings());
    }

    @Test
    void storesInstancesThatOrthancThenListsInTheStudy() throws Exception {
        String series = "2.25.1" + System.nanoTime();
        Path in = Files.createDirectories(tmp.resolve("to-store"));
        List<Path> files = List.of(
                DicomTestInstances.mrSlice(in.resolve("a.dcm"), studyUid(), series, series + ".1", 1, 0),
                DicomTestInstances.mrSlice(in.resolve("b.dcm"), studyUid(), series, series + ".2", 2, 2));
        try (DicomWebClient c = new DicomWebClient(open.server("orthanc"))) {
            StoreResult r = c.store(files);
            assertThat(r.httpStatus()).isEqualTo(200);
            assertThat(r.allStored()).as(r.summary()).isTrue();
            assertThat(r.stored()).extracting(StoreResult.Stored::sopInstanceUid)
                    .containsExactlyInAnyOrder(series + ".1", series + ".2");
            assertThat(r.summary()).isEqualTo("2 of 2 instances stored");
            assertThat(c.listSeries(studyUid())).filteredOn(s -> s.seriesUid().equals(series))
                    .singleElement().satisfies(s -> assertThat(s.instances()).isEqualTo(2));
        }
    }

    @Test
    void basicAuthenticationWorksWithTheRightPasswordAndSays401WithAWrongOne() throws Exception {
        try (DicomWebClient c = new DicomWebClient(locked.server("locked"))) {
            assertThat(c.findStudies(query(null, null, null, null, null))).hasSize(1);
            assertThat(c.check()).startsWith("PACS 'locked' answers DICOMweb queries");
        }
        PacsServer wrong = locked.server("locked").withAuth(new PacsAuth.Basic(OrthancServer.USER, "wrong-pw"));
        try (DicomWebClient c = new DicomWebClient(wrong)) {
            assertThatThrownBy(() -> c.findStudies(query(null, null, null, null, null)))
                    .isInstanceOfSatisfying(PacsException.class, e -> {
                        assertThat(e.kind()).isEqualTo(PacsException.Kind.UNAUTHORIZED);
                        assertThat(e.getMessage()).isEqualTo("PACS 'locked' refused the credentials (HTTP 401): "
                                + "check the user name and password, or the token, in the server's settings");
                    });
        }
        try (DicomWebClient c = new DicomWebClient(locked.server("locked").withAuth(PacsAuth.NONE))) {
            assertThatThrownBy(c::check).isInstanceOfSatisfying(PacsException.class,
                    e -> assertThat(e.kind()).isEqualTo(PacsException.Kind.UNAUTHORIZED));
        }
    }

    @Test
    void anUnknownSeriesIs404() throws Exception {
        try (DicomWebClient c = new DicomWebClient(open.server("orthanc"))) {
            Path target = tmp.resolve("missing");
            assertThatThrownBy(() -> SeriesCache.retrieveTo(c, studyUid(), "1.2.3.4.5", -1, target, 1L << 30,
                    ProgressListener.NONE, Cancellation.NEVER)).isInstanceOfSatisfying(PacsException.class,
                    e -> assertThat(e.kind()).isEqualTo(PacsException.Kind.NOT_FOUND));
            assertThat(target).doesNotExist();
        }
    }

    static Map<String, Path> bySopInstance(Path dir) throws Exception {
        Map<String, Path> out = new HashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(DicomInstance.read(f).sopInstanceUid(), f);
            }
        }
        return out;
    }

}
