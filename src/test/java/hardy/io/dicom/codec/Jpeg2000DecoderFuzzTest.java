package hardy.io.dicom.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fuzzes the JPEG 2000 decoder directly, where the DICOM reader's fuzzing rarely gets a mutation past the DICOM
 * header into the codestream: whatever the bytes, decoding a 64 x 48 frame must return its samples or throw
 * {@link CodecException} with a one-line message; any other exception, an error (JJ2000 throws plain
 * {@code java.lang.Error}s, and may allocate or loop on what a header says) or a decode that does not finish is
 * a finding.
 *
 * <p>Seeds ({@code Jpeg2000DecoderFuzzTestInputs/decode/}): GDCM's codestreams of the codec vectors, lossless 8-bit,
 * lossless signed 12-bit (a signed 16-bit stream) and irreversible 9/7 16-bit. {@code ./mvnw verify} runs
 * {@code fuzz.runs} inputs.
 */
class Jpeg2000DecoderFuzzTest {

    private static final long DECODE_TIMEOUT_SECONDS = 10;
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "j2k-fuzz-decoder");
        t.setDaemon(true);
        return t;
    });

    static {
        // The first decode loads (and Jazzer instruments) a few hundred JJ2000 classes, which on a busy machine
        // takes longer than the timeout that catches endless loops: do it once before any input is timed.
        try (InputStream seed = Jpeg2000DecoderFuzzTest.class.getResourceAsStream(
                "Jpeg2000DecoderFuzzTestInputs/decode/lossless-8bit.j2k")) {
            Jpeg2000Decoder.decode(seed.readAllBytes(), 48, 64);
        } catch (IOException | CodecException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void decode(byte[] data) throws Exception {
        Future<?> decode = WORKER.submit(() -> {
            try {
                int[] samples = Jpeg2000Decoder.decode(data, 48, 64);
                if (samples.length != 48 * 64) {
                    throw new AssertionError(samples.length + " samples for a 64 x 48 frame");
                }
            } catch (CodecException expected) {
                if (expected.getMessage().isBlank() || expected.getMessage().contains("\n")) {
                    throw new AssertionError("error message must be one non-blank line: " + expected.getMessage());
                }
            }
            return null;
        });
        try {
            decode.get(DECODE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            decode.cancel(true);
            throw new AssertionError("decoding did not finish within " + DECODE_TIMEOUT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }
}
