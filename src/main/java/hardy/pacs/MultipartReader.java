package hardy.pacs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a MIME multipart body (RFC 2046; DICOMweb's {@code multipart/related}) from a stream, part by part, in
 * bounded memory: a 64 KiB window, whatever the size of the parts. The body is framed by the boundary alone:
 * {@code Content-Length} of the response or of a part is never used to size or cut anything (a part that announces
 * a length is checked against it afterwards). Every malformation — no boundary, a malformed boundary line, headers
 * without end, a body cut short before the closing boundary, more bytes than the caller allows — ends reading with a
 * {@link PacsException} of kind {@link PacsException.Kind#BAD_RESPONSE} and a one-line message.
 *
 * <p>Use: {@code while ((headers = r.nextPart()) != null) r.transferBody(out, limit);}.
 */
public final class MultipartReader {

    /** Longest header block of one part. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int WINDOW = 64 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final int[] skip = new int[256];
    private final long maxBytes;
    private final byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    private long total;
    private int parts;
    private boolean inBody;
    private boolean closed;

    /**
     * A reader of the parts of {@code in}, separated by {@code boundary}, that refuses to read more than
     * {@code maxBytes} bytes in all.
     *
     * @throws PacsException if the boundary is not a valid MIME boundary
     */
    public MultipartReader(InputStream in, String boundary, long maxBytes) throws PacsException {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70
                || !boundary.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw bad("the multipart boundary is missing or invalid");
        }
        this.in = in;
        this.maxBytes = maxBytes;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        java.util.Arrays.fill(skip, delimiter.length);
        for (int i = 0; i < delimiter.length - 1; i++) {
            skip[delimiter[i] & 0xFF] = delimiter.length - 1 - i;
        }
        this.buf = new byte[WINDOW + delimiter.length];
        // The first boundary has no CRLF before it when there is no preamble: pretend there was one.
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
    }

    /**
     * The boundary parameter of a {@code multipart/...} content type.
     *
     * @throws PacsException if the type is not multipart or names no boundary
     */
    public static String boundaryOf(String contentType) throws PacsException {
        if (contentType == null || !contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw bad("the server did not answer with multipart data (Content-Type "
                    + (contentType == null ? "missing" : sanitize(contentType)) + ")");
        }
        String b = MediaTypes.parameter(contentType, "boundary");
        if (b == null || b.isEmpty()) {
            throw bad("the multipart answer names no boundary");
        }
        return b;
    }

    /**
     * Moves to the next part and returns its headers (names in lower case), or null after the closing boundary.
     * The previous part's body must have been transferred.
     */
    public Map<String, String> nextPart() throws IOException {
        if (inBody) {
            throw new IllegalStateException("transfer the body of part " + parts + " first");
        }
        if (closed) {
            return null;
        }
        if (parts == 0) {
            skipPreamble();
        }
        // Right after a delimiter: "--" closes, else optional padding and CRLF.
        ensure(2);
        if (lim - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            pos += 2;
            closed = true;
            return null;
        }
        while (true) {
            ensure(1);
            if (lim - pos < 1) {
                throw bad("the multipart answer ends after a boundary (truncated)");
            }
            if (buf[pos] != ' ' && buf[pos] != '\t') {
                break;
            }
            pos++;
            if (lim - pos == 0 && eof) {
                throw bad("the multipart answer ends after a boundary (truncated)");
            }
        }
        ensure(2);
        if (lim - pos < 2 || buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw bad("malformed multipart boundary line after part " + parts);
        }
        pos += 2;
        Map<String, String> headers = readHeaders();
        parts++;
        inBody = true;
        return headers;
    }

    /**
     * Writes the body of the current part to {@code out} and returns its length.
     *
     * @param maxPartBytes the largest body accepted for one part
     * @throws PacsException if the body is cut short, exceeds a limit, or differs from its announced length
     */
    public long transferBody(OutputStream out, long maxPartBytes, Map<String, String> headers) throws IOException {
        if (!inBody) {
            throw new IllegalStateException("no part to read: call nextPart() first");
        }
        long written = 0;
        while (true) {
            int i = indexOf(pos, lim);
            int end = i >= 0 ? i : Math.max(pos, lim - (delimiter.length - 1));
            int n = end - pos;
            if (written + n > maxPartBytes) {
                throw bad("part " + parts + " of the answer is larger than " + maxPartBytes + " bytes");
            }
            if (n > 0) {
                out.write(buf, pos, n);
                written += n;
            }
            pos = end;
            if (i >= 0) {
                pos += delimiter.length;
                break;
            }
            if (eof) {
                throw bad("the multipart answer is truncated: part " + parts + " has no closing boundary");
            }
            fill();
        }
        inBody = false;
        String announced = headers == null ? null : headers.get("content-length");
        if (announced != null) {
            long expected;
            try {
                expected = Long.parseLong(announced.strip());
            } catch (NumberFormatException e) {
                throw bad("part " + parts + " announces an invalid Content-Length");
            }
            if (expected != written) {
                throw bad("part " + parts + " holds " + written + " bytes but announces " + expected);
            }
        }
        return written;
    }

    /** How many bytes were read from the stream so far. */
    public long bytesRead() {
        return total;
    }

    private void skipPreamble() throws IOException {
        while (true) {
            int i = indexOf(pos, lim);
            if (i >= 0) {
                pos = i + delimiter.length;
                return;
            }
            pos = Math.max(pos, lim - (delimiter.length - 1));
            if (eof) {
                throw bad("the multipart answer holds no part (its boundary never appears)");
            }
            fill();
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        ensure(2);
        Map<String, String> headers = new LinkedHashMap<>();
        if (lim - pos >= 2 && buf[pos] == '\r' && buf[pos + 1] == '\n') {
            pos += 2;
            return headers;
        }
        int end;
        while (true) {
            end = find(new byte[] {'\r', '\n', '\r', '\n'}, pos, lim);
            if (end >= 0) {
                break;
            }
            if (lim - pos >= MAX_HEADER_BYTES) {
                throw bad("the headers of part " + (parts + 1) + " are longer than " + MAX_HEADER_BYTES + " bytes");
            }
            if (eof) {
                throw bad("the multipart answer is truncated in the headers of part " + (parts + 1));
            }
            fill();
        }
        if (end - pos > MAX_HEADER_BYTES) {
            throw bad("the headers of part " + (parts + 1) + " are longer than " + MAX_HEADER_BYTES + " bytes");
        }
        String block = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
        pos = end + 4;
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw bad("malformed header line in part " + (parts + 1));
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return headers;
    }

    /** Makes at least {@code n} bytes available after {@code pos}, unless the stream ends first. */
    private void ensure(int n) throws IOException {
        while (lim - pos < n && !eof) {
            fill();
        }
    }

    /** Moves the unread bytes to the front of the window and reads more; sets {@link #eof} at the end. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) {
            throw new IllegalStateException("window full");
        }
        int r = in.read(buf, lim, buf.length - lim);
        if (r < 0) {
            eof = true;
            return;
        }
        total += r;
        if (total > maxBytes) {
            throw bad("the answer is larger than " + maxBytes + " bytes, the most Hardy accepts for it");
        }
        lim += r;
    }

    /** Boyer-Moore-Horspool search for the delimiter in {@code buf[from, to)}. */
    private int indexOf(int from, int to) {
        int m = delimiter.length;
        int i = from;
        while (i + m <= to) {
            int j = m - 1;
            while (j >= 0 && buf[i + j] == delimiter[j]) {
                j--;
            }
            if (j < 0) {
                return i;
            }
            i += skip[buf[i + m - 1] & 0xFF];
        }
        return -1;
    }

    private int find(byte[] pattern, int from, int to) {
        outer:
        for (int i = from; i + pattern.length <= to; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buf[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static PacsException bad(String message) {
        return new PacsException(PacsException.Kind.BAD_RESPONSE, message);
    }

    /** A header value fit for a one-line message: printable, at most 80 characters. */
    static String sanitize(String s) {
        String t = s.replaceAll("[^\\x20-\\x7e]", "?");
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }
}
