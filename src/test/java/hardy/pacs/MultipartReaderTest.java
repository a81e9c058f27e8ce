package hardy.pacs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** All part bodies, reading from a stream that hands out at most {@code chunk} bytes per read. */
    private static List<byte[]> bodies(byte[] body, String boundary, int chunk) throws IOException {
        InputStream in = new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        MultipartReader r = new MultipartReader(in, boundary, Long.MAX_VALUE);
        List<byte[]> out = new ArrayList<>();
        Map<String, String> h;
        while ((h = r.nextPart()) != null) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            r.transferBody(b, Long.MAX_VALUE, h);
            out.add(b.toByteArray());
        }
        return out;
    }

    @Test
    void readsPartsWithPreambleEpilogueAndPaddingWhateverTheReadSizes() throws Exception {
        byte[] body = ascii("preamble\r\n--xyz  \r\nContent-Type: application/dicom\r\n\r\nfirst\r\n"
                + "--xyz\r\n\r\nsecond has --xyz inside a line and \r\n--xy too\r\n--xyz--\r\nepilogue");
        for (int chunk : new int[] {1, 2, 3, 7, 1 << 16}) {
            assertThat(bodies(body, "xyz", chunk)).as("reads of %d bytes", chunk)
                    .containsExactly(ascii("first"), ascii("second has --xyz inside a line and \r\n--xy too"));
        }
    }

    @Test
    void largeBinaryPartsCrossTheWindowIntact() throws Exception {
        Random random = new Random(17);
        byte[] a = new byte[1_000_003];
        byte[] b = new byte[200_000];
        random.nextBytes(a);
        random.nextBytes(b);
        byte[] body = FakeHttpServer.multipart("b0undary", true, a, b);
        for (int chunk : new int[] {997, 65536, 1 << 20}) {
            List<byte[]> parts = bodies(body, "b0undary", chunk);
            assertThat(parts).hasSize(2);
            assertThat(parts.get(0)).isEqualTo(a);
            assertThat(parts.get(1)).isEqualTo(b);
        }
    }

    @Test
    void headersArePassedOnInLowerCase() throws Exception {
        MultipartReader r = new MultipartReader(new ByteArrayInputStream(ascii(
                "--q\r\nContent-Type: application/dicom; transfer-syntax=1.2.840.10008.1.2.1\r\nContent-Length: 3"
                        + "\r\n\r\nabc\r\n--q--")), "q", 1000);
        Map<String, String> h = r.nextPart();
        assertThat(h).containsEntry("content-type", "application/dicom; transfer-syntax=1.2.840.10008.1.2.1")
                .containsEntry("content-length", "3");
        assertThat(r.transferBody(new ByteArrayOutputStream(), 10, h)).isEqualTo(3);
        assertThat(r.nextPart()).isNull();
    }

    @Test
    void theBoundaryIsTakenFromTheContentTypeQuotedOrNot() throws Exception {
        assertThat(MultipartReader.boundaryOf("multipart/related; type=\"application/dicom\"; boundary=abc"))
                .isEqualTo("abc");
        assertThat(MultipartReader.boundaryOf("Multipart/Related;boundary=\"a b;c\";type=application/dicom"))
                .isEqualTo("a b;c");
        assertThatThrownBy(() -> MultipartReader.boundaryOf("text/html")).isInstanceOf(PacsException.class);
        assertThatThrownBy(() -> MultipartReader.boundaryOf(null)).isInstanceOf(PacsException.class);
    }

    @Test
    void malformedBodiesGiveOneLineErrors() {
        assertThat(error("--abc\r\n\r\npart", 1000)).isEqualTo("the multipart answer is truncated: part 1 has no "
                + "closing boundary");
        assertThat(error("--abcX\r\n\r\npart\r\n--abc--", 1000)).isEqualTo("malformed multipart boundary line after "
                + "part 0");
        assertThat(error("--abc\r\nContent-Type application/dicom\r\n\r\nx\r\n--abc--", 1000))
                .isEqualTo("malformed header line in part 1");
        assertThat(error("--abc\r\nX: " + "y".repeat(20_000), 100_000)).isEqualTo("the headers of part 1 are "
                + "longer than 16384 bytes");
        assertThat(error("--abc\r\nX: y", 1000)).isEqualTo("the multipart answer is truncated in the headers of "
                + "part 1");
        assertThat(error("nothing here", 1000)).isEqualTo("the multipart answer holds no part (its boundary never "
                + "appears)");
        assertThat(error("--abc", 1000)).isEqualTo("the multipart answer ends after a boundary (truncated)");
        assertThat(error("--abc\r\n\r\n" + "z".repeat(5000) + "\r\n--abc--", 1000))
                .isEqualTo("the answer is larger than 1000 bytes, the most Hardy accepts for it");
    }

    private static String error(String body, long max) {
        try {
            bodies(body, max);
            throw new AssertionError("no error for: " + body);
        } catch (PacsException e) {
            assertThat(e.kind()).isEqualTo(PacsException.Kind.BAD_RESPONSE);
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void bodies(String body, long max) throws IOException {
        MultipartReader r = new MultipartReader(new ByteArrayInputStream(ascii(body)), "abc", max);
        Map<String, String> h;
        while ((h = r.nextPart()) != null) {
            r.transferBody(new ByteArrayOutputStream(), Long.MAX_VALUE, h);
        }
    }

    @Test
    void anInvalidBoundaryIsRefused() {
        assertThatThrownBy(() -> new MultipartReader(InputStream.nullInputStream(), "", 10))
                .hasMessage("the multipart boundary is missing or invalid");
        assertThatThrownBy(() -> new MultipartReader(InputStream.nullInputStream(), "x".repeat(71), 10))
                .hasMessage("the multipart boundary is missing or invalid");
    }
}
