package hardy.bench;

import hardy.io.dicom.codec.CodecException;
import hardy.io.dicom.codec.DecodedImage;
import hardy.io.dicom.codec.JpegDctDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long Hardy's JPEG DCT decoder takes for one 512 x 512 12-bit frame (the test vector
 * {@code extended-phantom12-q90.jpg}, encoded by DCMTK's {@code dcmcjpeg +ee}), to put beside {@code dcmdjpeg} on
 * the same frame: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.args='JpegDctDecodeBenchmark'}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 2)
public class JpegDctDecodeBenchmark {

    private static final String FRAME = "/hardy/io/dicom/codec/jpeg12/extended-phantom12-q90.jpg";

    private byte[] stream;

    /** Loads the frame from the test resources. */
    @Setup
    public void load() throws IOException {
        try (InputStream in = JpegDctDecodeBenchmark.class.getResourceAsStream(FRAME)) {
            if (in == null) {
                throw new IOException("missing test resource " + FRAME);
            }
            stream = in.readAllBytes();
        }
    }

    /** Decodes the whole frame to 16-bit samples. */
    @Benchmark
    public DecodedImage decode512x512Extended12Bit() throws CodecException {
        return JpegDctDecoder.decode(stream, 0, stream.length, 512, 512);
    }
}
