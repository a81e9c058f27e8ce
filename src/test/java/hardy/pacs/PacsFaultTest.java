package hardy.pacs;

import static hardy.pacs.FakeHttpServer.head;
import static hardy.pacs.FakeHttpServer.multipart;
import static hardy.pacs.FakeHttpServer.multipartType;
import static hardy.pacs.FakeHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hardy.core.Cancellation;
import hardy.core.CancelledException;
import hardy.core.ProgressListener;
import hardy.io.dicom.DicomTestInstances;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad networks and bad servers: each failure is one clear line, and nothing half-retrieved keeps a final name. */
class PacsFaultTest {

    static final String STUDY = "1.2.826.0.1.3680043.10.9";
    static final String SERIES = STUDY + ".1";
    static final DicomWebClient.Timeouts SHORT = new DicomWebClient.Timeouts(Duration.ofSeconds(2),
            Duration.ofSeconds(1), Duration.ofSeconds(1));

    @TempDir
    Path tmp;

    private byte[] instance(String series, int n) throws IOException {
        return Files.readAllBytes(DicomTestInstances.mrSlice(tmp.resolve("i" + series + "-" + n + ".dcm"), STUDY,
                series, series + "." + n, n, n));
    }

    /** Retrieves into tmp/out, expecting failure: returns the exception, having checked nothing is left behind. */
    private PacsException retrieveFails(FakeHttpServer.Handler handler) throws Exception {
        try (FakeHttpServer fake = new FakeHttpServer(handler);
             DicomWebClient c = new DicomWebClient(fake.server(), SHORT)) {
            Path target = tmp.resolve("out");
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> SeriesCache.retrieveTo(c, STUDY,
                    SERIES, -1, target, 1 << 20, ProgressListener.NONE, Cancellation.NEVER));
            assertThat(target).doesNotExist();
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left.filter(p -> p.getFileName().toString().startsWith(".out"))).isEmpty();
            }
            assertThat(t).isInstanceOf(PacsException.class);
            assertThat(t.getMessage()).doesNotContain("\n").startsWith("PACS 'fake'");
            return (PacsException) t;
        }
    }

    @Test
    void aRefusedConnectionSaysSo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PacsServer nobody = new PacsServer("nobody", java.net.URI.create("http://127.0.0.1:" + port + "/dicom-web"),
                PacsAuth.NONE, null);
        try (DicomWebClient c = new DicomWebClient(nobody, SHORT)) {
            assertThatThrownBy(c::check).isInstanceOfSatisfying(PacsException.class, e -> {
                assertThat(e.kind()).isEqualTo(PacsException.Kind.UNREACHABLE);
                assertThat(e.getMessage()).isEqualTo("cannot connect to PACS 'nobody' at 127.0.0.1:" + port
                        + ": connection refused (is the server running and the URL right?)");
            });
        }
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    Thread.sleep(10_000);
                } catch (IOException | InterruptedException e) {
                    // the test is over
                }
            });
            t.setDaemon(true);
            t.start();
            PacsServer mute = new PacsServer("mute", java.net.URI.create("http://127.0.0.1:" + silent.getLocalPort()
                    + "/dicom-web"), PacsAuth.NONE, null);
            try (DicomWebClient c = new DicomWebClient(mute, SHORT)) {
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> c.findStudies(new StudyQuery(null, null, null, null, null, null, 10)))
                        .isInstanceOfSatisfying(PacsException.class, e -> {
                            assertThat(e.kind()).isEqualTo(PacsException.Kind.TIMEOUT);
                            assertThat(e.getMessage()).isEqualTo("PACS 'mute' did not answer within 1 s while "
                                    + "searching studies");
                        });
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "401, UNAUTHORIZED, 'PACS ''fake'' refused the credentials (HTTP 401): check the user name and password, or the token, in the server''s settings'",
        "403, FORBIDDEN, PACS 'fake' does not allow this account access (HTTP 403) while searching studies",
        "404, NOT_FOUND, no DICOMweb service at BASE; check the server's URL (HTTP 404 from PACS 'fake')",
        "413, TOO_LARGE, PACS 'fake' refused the request as too large (HTTP 413) while searching studies",
        "500, SERVER_ERROR, PACS 'fake' failed with a server error (HTTP 500) while searching studies; try again later or ask its administrator",
        "503, SERVER_ERROR, PACS 'fake' failed with a server error (HTTP 503) while searching studies; try again later or ask its administrator",
        "302, HTTP, PACS 'fake' redirects elsewhere (HTTP 302); give the final address as the server's URL",
    })
    void eachHttpErrorHasItsOwnMessage(int status, PacsException.Kind kind, String message) throws Exception {
        try (FakeHttpServer fake = new FakeHttpServer((r, out) -> respond(out, status, "text/plain",
                "nope".getBytes(StandardCharsets.US_ASCII)));
             DicomWebClient c = new DicomWebClient(fake.server(), SHORT)) {
            assertThatThrownBy(() -> c.findStudies(new StudyQuery("X", null, null, null, null, null, 10)))
                    .isInstanceOfSatisfying(PacsException.class, e -> {
                        assertThat(e.kind()).isEqualTo(kind);
                        assertThat(e.status()).isEqualTo(status);
                        assertThat(e.getMessage()).isEqualTo(message.replace("BASE", fake.base().toString()));
                    });
        }
    }

    @Test
    void aStoreRefusedAsTooLargeIs413() throws Exception {
        Path f = DicomTestInstances.mrSlice(tmp.resolve("s.dcm"), STUDY, SERIES, SERIES + ".1", 1, 0);
        try (FakeHttpServer fake = new FakeHttpServer((r, out) -> respond(out, 413, "text/plain", new byte[0]));
             DicomWebClient c = new DicomWebClient(fake.server(), SHORT)) {
            assertThatThrownBy(() -> c.store(List.of(f))).isInstanceOfSatisfying(PacsException.class,
                    e -> assertThat(e.getMessage()).isEqualTo(
                            "PACS 'fake' refused the request as too large (HTTP 413) while storing"));
        }
    }

    @Test
    void aStoreAnswerWithWarningsAndFailuresIsReadInstanceByInstance() throws Exception {
        Path a = DicomTestInstances.mrSlice(tmp.resolve("a.dcm"), STUDY, SERIES, SERIES + ".1", 1, 0);
        Path b = DicomTestInstances.mrSlice(tmp.resolve("b.dcm"), STUDY, SERIES, SERIES + ".2", 2, 1);
        String answer = """
                {"00081199": {"vr": "SQ", "Value": [{"00081155": {"vr": "UI", "Value": ["%s.1"]},
                   "00081196": {"vr": "US", "Value": [45056]}}]},
                 "00081198": {"vr": "SQ", "Value": [{"00081155": {"vr": "UI", "Value": ["%s.2"]},
                   "00081197": {"vr": "US", "Value": [290]}}]}}""".formatted(SERIES, SERIES);
        try (FakeHttpServer fake = new FakeHttpServer((r, out) -> respond(out, 202, "application/dicom+json",
                answer.getBytes(StandardCharsets.UTF_8)));
             DicomWebClient c = new DicomWebClient(fake.server(), SHORT)) {
            StoreResult r = c.store(List.of(a, b));
            assertThat(r.summary()).isEqualTo("1 of 2 instances stored, 1 with a warning (coercion of data "
                    + "elements), 1 failed (SOP class not supported)");
            assertThat(r.allStored()).isFalse();
            FakeHttpServer.Request sent = fake.requests.getFirst();
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.target()).isEqualTo("/dicom-web/studies/" + STUDY);
            String boundary = MultipartReader.boundaryOf(sent.headers().get("content-type"));
            MultipartReader parts = new MultipartReader(new java.io.ByteArrayInputStream(sent.body()), boundary,
                    1 << 20);
            for (Path f : List.of(a, b)) {
                var h = parts.nextPart();
                assertThat(h).containsEntry("content-type", "application/dicom");
                java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
                parts.transferBody(body, 1 << 20, h);
                assertThat(body.toByteArray()).isEqualTo(Files.readAllBytes(f));
            }
            assertThat(parts.nextPart()).isNull();
        }
    }

    @Test
    void anAnswerThatIsNotMultipartIsRefused() throws Exception {
        PacsException e = retrieveFails((r, out) -> respond(out, 200, "application/json", "[]".getBytes()));
        assertThat(e.getMessage()).isEqualTo("PACS 'fake' sent a bad answer: the server did not answer with "
                + "multipart data (Content-Type application/json)");
    }

    @Test
    void aMultipartAnswerWithoutBoundaryIsRefused() throws Exception {
        PacsException e = retrieveFails((r, out) -> respond(out, 200, "multipart/related; type=\"application/dicom\"",
                instance(SERIES, 1)));
        assertThat(e.getMessage()).isEqualTo("PACS 'fake' sent a bad answer: the multipart answer names no boundary");
    }

    @Test
    void aBodyWhoseBoundaryNeverAppearsIsRefused() throws Exception {
        PacsException e = retrieveFails((r, out) -> respond(out, 200, multipartType("abc"), instance(SERIES, 1)));
        assertThat(e.getMessage()).isEqualTo("PACS 'fake' sent a bad answer: the multipart answer holds no part "
                + "(its boundary never appears)");
    }

    @Test
    void aTruncatedBodyIsRefused() throws Exception {
        PacsException e = retrieveFails((r, out) -> {
            byte[] whole = multipart("abc", true, instance(SERIES, 1), instance(SERIES, 2));
            head(out, 200, multipartType("abc"));
            out.write(whole, 0, whole.length - 300);
        });
        assertThat(e.getMessage()).isEqualTo("PACS 'fake' sent a bad answer: the multipart answer is truncated: "
                + "part 2 has no closing boundary");
    }

    @Test
    void aBodyFarLargerThanItsAnnouncedLengthIsCutAtTheLengthAndRefused() throws Exception {
        PacsException e = retrieveFails((r, out) -> {
            byte[] whole = multipart("abc", true, instance(SERIES, 1), instance(SERIES, 2));
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + multipartType("abc") + "\r\nContent-Length: 400\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(whole);
            out.write(new byte[4 << 20]);
        });
        assertThat(e.getMessage()).isEqualTo("PACS 'fake' sent a bad answer: the multipart answer is truncated: "
                + "part 1 has no closing boundary");
    }

    @Test
    void aPartLargerThanItsContentLengthIsRefused() throws Exception {
        PacsException e = retrieveFails((r, out) -> {
            byte[] dicom = instance(SERIES, 1);
            byte[] body = ("--abc\r\nContent-Type: application/dicom\r\nContent-Length: 100\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            head(out, 200, multipartType("abc"));
            out.write(body);
            out.write(dicom);
            out.write("\r\n--abc--\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        assertThat(e.getMessage()).startsWith("PACS 'fake' sent a bad answer: part 1 holds ")
                .endsWith(" bytes but announces 100");
    }

    @Test
    void anAnswerLargerThanTheLimitIsRefusedWithoutReadingItAll() throws Exception {
        PacsException e = retrieveFails((r, out) -> {
            head(out, 200, multipartType("abc"));
            out.write("--abc\r\nContent-Type: application/dicom\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] junk = new byte[64 * 1024];
            for (int i = 0; i < 64; i++) {
                out.write(junk);
            }
        });
        assertThat(e.getMessage()).isEqualTo("PACS 'fake' sent a bad answer: the answer is larger than 1048576 "
                + "bytes, the most Hardy accepts for it");
    }

    @Test
    void aServerThatSendsAnotherSeriesFailsTheRetrieval() throws Exception {
        PacsException e = retrieveFails((r, out) -> respond(out, 200, multipartType("abc"),
                multipart("abc", true, instance(SERIES, 1), instance(STUDY + ".2", 1))));
        assertThat(e.getMessage()).isEqualTo("PACS 'fake' sent a bad answer: part 2 belongs to another series than "
                + "the one asked for");
    }

    @Test
    void aPartThatIsNotDicomFailsTheRetrieval() throws Exception {
        PacsException e = retrieveFails((r, out) -> respond(out, 200, multipartType("abc"),
                multipart("abc", true, instance(SERIES, 1), "hello".getBytes(StandardCharsets.US_ASCII))));
        assertThat(e.getMessage()).startsWith("PACS 'fake' sent a bad answer: part 2 is not a valid DICOM object (");
    }

    @Test
    void aServerThatStopsSendingMidwayTimesOut() throws Exception {
        PacsException e = retrieveFails((r, out) -> {
            byte[] whole = multipart("abc", true, instance(SERIES, 1), instance(SERIES, 2));
            head(out, 200, multipartType("abc"));
            out.write(whole, 0, whole.length / 2);
            out.flush();
            Thread.sleep(10_000);
        });
        assertThat(e.kind()).isEqualTo(PacsException.Kind.TIMEOUT);
        assertThat(e.getMessage()).isEqualTo("PACS 'fake' stopped sending the series (nothing for 1 s)");
    }

    @Test
    void cancellingLeavesNothingBehind() throws Exception {
        Cancellation cancel = new Cancellation();
        try (FakeHttpServer fake = new FakeHttpServer((r, out) -> {
            byte[] whole = multipart("abc", true, instance(SERIES, 1), instance(SERIES, 2));
            head(out, 200, multipartType("abc"));
            out.write(whole, 0, whole.length / 2 + 100);
            out.flush();
            Thread.sleep(10_000);
        });
             DicomWebClient c = new DicomWebClient(fake.server(), DicomWebClient.DEFAULT_TIMEOUTS)) {
            Path target = tmp.resolve("out");
            ProgressListener cancelOnFirst = (done, total, message) -> {
                if (done >= 1) {
                    cancel.cancel();
                }
            };
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> SeriesCache.retrieveTo(c, STUDY, SERIES, 2, target, 1 << 20, cancelOnFirst,
                    cancel)).isInstanceOf(CancelledException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(target).doesNotExist();
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left.filter(p -> p.getFileName().toString().startsWith(".out"))).isEmpty();
            }
        }
    }

    @Test
    void theCacheEvictsTheLeastRecentlyUsedSeries() throws Exception {
        byte[][] series = new byte[4][];
        for (int s = 1; s <= 3; s++) {
            series[s] = multipart("abc", true, instance(STUDY + "." + s, 1), instance(STUDY + "." + s, 2));
        }
        try (FakeHttpServer fake = new FakeHttpServer((r, out) -> {
            int s = r.target().charAt(r.target().length() - 1) - '0';
            respond(out, 200, multipartType("abc"), series[s]);
        });
             DicomWebClient c = new DicomWebClient(fake.server(), SHORT)) {
            long one = 2L * instance(STUDY + ".1", 1).length;
            SeriesCache cache = new SeriesCache(tmp.resolve("cache"), 2 * one + one / 2);
            Path a = cache.retrieve(c, STUDY, STUDY + ".1", 2, ProgressListener.NONE, Cancellation.NEVER);
            Path b = cache.retrieve(c, STUDY, STUDY + ".2", 2, ProgressListener.NONE, Cancellation.NEVER);
            Files.setLastModifiedTime(b, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                    - 60_000));
            Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                    - 120_000));
            assertThat(cache.cached(c.server(), STUDY, STUDY + ".1")).contains(a); // a is now the most recent
            Path d = cache.retrieve(c, STUDY, STUDY + ".3", 2, ProgressListener.NONE, Cancellation.NEVER);
            assertThat(a).isDirectory();
            assertThat(b).doesNotExist();
            assertThat(d).isDirectory();
            assertThat(cache.size()).isLessThanOrEqualTo(cache.limitBytes());
            assertThat(fake.requests).hasSize(3);
        }
    }
}
