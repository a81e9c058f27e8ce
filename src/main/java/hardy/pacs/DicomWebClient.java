package hardy.pacs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DICOMweb client for one {@link PacsServer}: QIDO-RS study search and series listing, WADO-RS retrieval of one
 * series streamed to disk, and STOW-RS of DICOM files. Built on the JDK's HTTP client (HTTP/1.1, no redirects
 * followed, TLS always verified through {@link PacsTls}). Every failure is a {@link PacsException} with one line for
 * the user; responses are read in bounded memory. Log lines name the server, never credentials or patients.
 */
public final class DicomWebClient implements AutoCloseable {

    /**
     * How long to wait.
     *
     * @param connect for the connection to be accepted
     * @param answer  for the headers of an answer
     * @param stall   for the next bytes of an answer's body while retrieving
     */
    public record Timeouts(Duration connect, Duration answer, Duration stall) {
    }

    /** 10 s to connect, 60 s for an answer, 60 s without a byte in a retrieval. */
    public static final Timeouts DEFAULT_TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofSeconds(60));

    /** The largest JSON answer (QIDO-RS, STOW-RS) read. */
    static final int MAX_JSON_BYTES = 32 * 1024 * 1024;
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final String DICOM_JSON = "application/dicom+json";
    private static final Logger LOG = LoggerFactory.getLogger(DicomWebClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PacsServer server;
    private final Timeouts timeouts;
    private final HttpClient http;

    /** A client with the default timeouts. */
    public DicomWebClient(PacsServer server) throws PacsException {
        this(server, DEFAULT_TIMEOUTS);
    }

    /**
     * A client for {@code server}.
     *
     * @throws PacsException if the server's imported certificate cannot be used
     */
    public DicomWebClient(PacsServer server, Timeouts timeouts) throws PacsException {
        this.server = server;
        this.timeouts = timeouts;
        try {
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(timeouts.connect()).followRedirects(HttpClient.Redirect.NEVER)
                    .sslContext(PacsTls.context(server.certificatePem())).build();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new PacsException(PacsException.Kind.TLS, 0, "the certificate imported for PACS '" + server.name()
                    + "' cannot be used: " + e.getMessage(), e);
        }
    }

    public PacsServer server() {
        return server;
    }

    /** Searches studies (QIDO-RS {@code GET /studies}). */
    public List<StudyHit> findStudies(StudyQuery query) throws IOException {
        StringBuilder q = new StringBuilder();
        query.parameters().forEach((k, v) -> append(q, k, v));
        for (String field : List.of("00081030", "00080061", "00201206", "00201208", "00080050")) {
            append(q, "includefield", field);
        }
        append(q, "limit", String.valueOf(query.limit()));
        JsonNode answer = getJson("/studies?" + q, "searching studies",
                "no DICOMweb service at " + server.baseUrl() + "; check the server's URL");
        List<StudyHit> hits = new ArrayList<>();
        for (JsonNode s : answer) {
            String uid = DicomJson.string(s, "0020000D");
            if (!uid.isEmpty()) {
                hits.add(new StudyHit(uid, DicomJson.string(s, "00100010"), DicomJson.string(s, "00100020"),
                        DicomJson.string(s, "00080020"), DicomJson.string(s, "00081030"),
                        DicomJson.string(s, "00080050"), DicomJson.strings(s, "00080061"),
                        DicomJson.integer(s, "00201206"), DicomJson.integer(s, "00201208")));
            }
        }
        LOG.info("QIDO-RS study search on PACS '{}': {} stud{}", server.name(), hits.size(),
                hits.size() == 1 ? "y" : "ies");
        return hits;
    }

    /** Lists the series of a study (QIDO-RS {@code GET /studies/{uid}/series}), in series-number order. */
    public List<SeriesHit> listSeries(String studyUid) throws IOException {
        checkUid(studyUid, "study");
        StringBuilder q = new StringBuilder();
        for (String field : List.of("0008103E", "00200011", "00201209", "00080060")) {
            append(q, "includefield", field);
        }
        JsonNode answer = getJson("/studies/" + studyUid + "/series?" + q, "listing the series of a study",
                "the study is not on PACS '" + server.name() + "' (or the server's URL is wrong)");
        List<SeriesHit> hits = new ArrayList<>();
        for (JsonNode s : answer) {
            String uid = DicomJson.string(s, "0020000E");
            if (!uid.isEmpty()) {
                hits.add(new SeriesHit(studyUid, uid, DicomJson.integer(s, "00200011"),
                        DicomJson.string(s, "00080060"), DicomJson.string(s, "0008103E"),
                        DicomJson.integer(s, "00201209")));
            }
        }
        hits.sort(java.util.Comparator.comparingInt(SeriesHit::number).thenComparing(SeriesHit::seriesUid));
        LOG.info("QIDO-RS series listing on PACS '{}': {} series", server.name(), hits.size());
        return hits;
    }

    /**
     * Checks that the server answers DICOMweb queries with these settings: one study search limited to one result.
     *
     * @return one line for the user saying so
     */
    public String check() throws IOException {
        long t0 = System.nanoTime();
        getJson("/studies?limit=1", "answering a test query",
                "no DICOMweb service at " + server.baseUrl() + "; check the server's URL");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return "PACS '" + server.name() + "' answers DICOMweb queries (" + ms + " ms)";
    }

    /**
     * Retrieves one series (WADO-RS {@code GET /studies/{study}/series/{series}}, multipart/related
     * application/dicom) into {@code dir}, one file per instance, each checked to be a DICOM object of exactly this
     * study and series. See {@link SeriesDownload}.
     *
     * @param expectedInstances the number of instances the listing announced (for progress), or -1
     * @param maxBytes          the largest answer accepted
     * @return how many instances and bytes arrived
     * @throws hardy.core.CancelledException when cancelled (the partial files stay in {@code dir} for the caller)
     */
    public SeriesDownload.Result retrieveSeries(String studyUid, String seriesUid, Path dir, int expectedInstances,
            long maxBytes, ProgressListener progress, Cancellation cancel) throws IOException {
        checkUid(studyUid, "study");
        checkUid(seriesUid, "series");
        HttpRequest request = request("/studies/" + studyUid + "/series/" + seriesUid)
                .header("Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*").GET().build();
        LOG.debug("WADO-RS retrieve of series {} from PACS '{}'", seriesUid, server.name());
        HttpResponse<InputStream> response = send(request, "retrieving a series");
        try (InputStream body = response.body()) {
            checkStatus(response, "retrieving a series", "the series is not on PACS '" + server.name() + "'");
            String type = response.headers().firstValue("Content-Type").orElse(null);
            String boundary;
            try {
                boundary = MultipartReader.boundaryOf(type);
            } catch (PacsException e) {
                throw PacsErrors.badAnswer(server, e.getMessage());
            }
            SeriesDownload download = new SeriesDownload(server, studyUid, seriesUid, timeouts.stall());
            return download.run(body, boundary, dir, expectedInstances, maxBytes, progress, cancel);
        }
    }

    /**
     * Stores DICOM files (STOW-RS {@code POST /studies[/{study}]}, one multipart/related request); the files are
     * streamed from disk. When all belong to one study the request goes to that study's URL.
     *
     * @return the server's answer, instance by instance
     * @throws IllegalArgumentException if a file is not a DICOM object
     */
    public StoreResult store(List<Path> files) throws IOException {
        StowRequest stow = StowRequest.of(files);
        HttpRequest request = request(stow.path()).header("Accept", DICOM_JSON)
                .header("Content-Type", stow.contentType()).POST(stow.body()).build();
        HttpResponse<InputStream> response = send(request, "storing");
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            byte[] bytes = readBounded(body);
            // 409 (none stored) and 202 (some) carry the per-instance reasons; other errors do not.
            if (status != 200 && status != 202 && status != 409) {
                LOG.warn("STOW-RS to PACS '{}' answered HTTP {}", server.name(), status);
                throw PacsErrors.status(server, status, "storing", "no DICOMweb service at " + server.baseUrl()
                        + " to store to; check the server's URL");
            }
            StoreResult result = stow.parse(server, status, bytes);
            LOG.info("STOW-RS to PACS '{}': HTTP {}, {}", server.name(), status, result.summary());
            return result;
        }
    }

    private JsonNode getJson(String pathAndQuery, String what, String notFound) throws IOException {
        HttpRequest request = request(pathAndQuery).header("Accept", DICOM_JSON).GET().build();
        HttpResponse<InputStream> response = send(request, what);
        try (InputStream body = response.body()) {
            checkStatus(response, what, notFound);
            if (response.statusCode() == 204) {
                return JSON.createArrayNode();
            }
            byte[] bytes = readBounded(body);
            if (bytes.length == 0) {
                return JSON.createArrayNode();
            }
            JsonNode node;
            try {
                node = JSON.readTree(bytes);
            } catch (IOException e) {
                throw PacsErrors.badAnswer(server, "its answer to a query is not DICOM JSON");
            }
            if (node == null || !node.isArray()) {
                throw PacsErrors.badAnswer(server, "its answer to a query is not a list of DICOM JSON datasets");
            }
            return node;
        }
    }

    private byte[] readBounded(InputStream body) throws IOException {
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_JSON_BYTES + 1);
        } catch (IOException e) {
            throw PacsErrors.transport(server, e, timeouts.connect(), timeouts.answer(), "reading its answer");
        }
        if (bytes.length > MAX_JSON_BYTES) {
            throw PacsErrors.badAnswer(server, "its answer is larger than " + MAX_JSON_BYTES + " bytes");
        }
        return bytes;
    }

    private void checkStatus(HttpResponse<InputStream> response, String what, String notFound) throws IOException {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        LOG.warn("PACS '{}' answered HTTP {} ({})", server.name(), status, what);
        throw PacsErrors.status(server, status, what, notFound);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery))
                .timeout(timeouts.answer()).header("User-Agent", "Hardy");
        String auth = server.auth().header();
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return b;
    }

    private HttpResponse<InputStream> send(HttpRequest request, String what) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while " + what);
        } catch (IOException e) {
            PacsException p = PacsErrors.transport(server, e, timeouts.connect(), timeouts.answer(), what);
            LOG.warn("{}", p.getMessage(), e);
            throw p;
        }
    }

    private static void append(StringBuilder q, String key, String value) {
        if (!q.isEmpty()) {
            q.append('&');
        }
        q.append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** Refuses anything but a DICOM UID where a UID goes into a URL path. */
    static void checkUid(String uid, String what) {
        if (uid == null || uid.length() > 64 || !UID.matcher(uid).matches()) {
            throw new IllegalArgumentException("not a DICOM " + what + " UID: '" + (uid == null ? ""
                    : MultipartReader.sanitize(uid)) + "' (digits and dots, at most 64 characters)");
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
