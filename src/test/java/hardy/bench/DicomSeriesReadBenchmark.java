package hardy.bench;

import hardy.io.ReadResult;
import hardy.io.VolumeReaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long Hardy takes to turn a folder of DICOM files into a volume: scan the headers, group the series, sort
 * the slices and decode every pixel. {@code scripts/bench-dicom-series.sh} makes the folders (200 slices of
 * 256 x 256, uncompressed and JPEG Lossless) and puts the numbers beside dcm2niix converting the same folders.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DicomSeriesReadBenchmark {

    /** A folder holding one series. */
    @Param("target/bench-dicom/plain")
    public String dir;

    private Path path;
    private VolumeReaders readers;

    @Setup
    public void setUp() throws IOException {
        path = Path.of(dir).toAbsolutePath();
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("no such folder: " + path + " (run scripts/bench-dicom-series.sh)");
        }
        readers = VolumeReaders.installed();
    }

    @Benchmark
    public ReadResult readSeries() throws IOException {
        return readers.read(path);
    }
}
