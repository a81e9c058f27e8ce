package hardy.io.dicom;

import com.code_intelligence.jazzer.junit.FuzzTest;
import hardy.io.ReadResult;
import hardy.testing.FuzzRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/**
 * Fuzzes the DICOM Segmentation reader onto a fixed series (the 7 x 5 x 4 axial series of {@link SegTestSeries}):
 * whatever the bytes, reading must give labels or throw {@link hardy.io.VolumeFormatException} with a one-line message; any
 * other exception, an error such as OutOfMemoryError, or a read that does not finish is a finding.
 *
 * <p>Seeds ({@code DicomSegReaderFuzzTestInputs/readSeg/}): a SEG Hardy wrote of that series, and binary
 * (implicit VR) and fractional SEGs that {@code scripts/make_seg_pydicom.py} wrote of it. {@code ./mvnw verify}
 * runs {@code fuzz.runs} inputs (surefire execution {@code fuzz}).
 */
class DicomSegReaderFuzzTest {

    private static final long READ_TIMEOUT_SECONDS = 10;
    private static final Path DIR = scratch();
    private static final ReadResult SERIES = series();
    private static final ExecutorService WORKER = FuzzRuns.worker("seg-fuzz-reader");

    private static Path scratch() {
        try {
            Path dir = Files.createTempDirectory("hardy-seg-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ReadResult series() {
        try {
            return SegTestSeries.read(SegTestSeries.singleFrame(DIR.resolve("series"), SegTestSeries.AXIAL, 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void readSeg(byte[] data) throws Exception {
        Path file = Files.write(DIR.resolve("fuzz-seg.dcm"), data);
        try {
            FuzzRuns.readsOrRefusesInOneLine(WORKER, READ_TIMEOUT_SECONDS, () -> DicomSegReader.read(file, SERIES.volume().geometry(),
                    SERIES.dicom().orElseThrow()));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
