package hardy.pacs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Fuzzes the streaming multipart reader: whatever the bytes and the boundary (the input's bytes before its first zero byte), reading must end with the parts or
 * with a {@link PacsException} whose message is one non-blank line, never another exception, and never write more
 * than the limits allow. Seeds: {@code src/test/resources/hardy/pacs/MultipartReaderFuzzTestInputs/readParts/}.
 */
class MultipartReaderFuzzTest {

    private static final long MAX_TOTAL = 1 << 20;
    private static final long MAX_PART = 64 * 1024;

    @FuzzTest(maxDuration = "5m")
    void readParts(byte[] data) throws IOException {
        // The input is the boundary, a zero byte, then the body.
        int zero = 0;
        while (zero < data.length && data[zero] != 0) {
            zero++;
        }
        String boundary = new String(data, 0, zero, java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] body = java.util.Arrays.copyOfRange(data, Math.min(zero + 1, data.length), data.length);
        long[] written = {0};
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written[0] += len;
            }
        };
        try {
            MultipartReader r = new MultipartReader(new ByteArrayInputStream(body), boundary, MAX_TOTAL);
            Map<String, String> h;
            int parts = 0;
            while ((h = r.nextPart()) != null) {
                long before = written[0];
                long n = r.transferBody(sink, MAX_PART, h);
                if (n != written[0] - before || n > MAX_PART) {
                    throw new AssertionError("part length " + n + " but " + (written[0] - before) + " written");
                }
                if (++parts > body.length + 1) {
                    throw new AssertionError("more parts than bytes");
                }
            }
            if (written[0] > body.length) {
                throw new AssertionError("wrote more than was read");
            }
        } catch (PacsException expected) {
            String m = expected.getMessage();
            if (m == null || m.isBlank() || m.contains("\n") || m.contains("\r")) {
                throw new AssertionError("error message must be one non-blank line: " + m);
            }
        }
    }
}
