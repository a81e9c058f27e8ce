package hardy.io.dicom;

import com.code_intelligence.jazzer.junit.FuzzTest;
import hardy.io.VolumeReaders;
import hardy.testing.FuzzRuns;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/**
 * Fuzzes the DICOM reader through {@link VolumeReaders}: whatever the bytes of a file, reading it must succeed
 * or throw {@link hardy.io.VolumeFormatException}; any other exception, an error such as OutOfMemoryError, or a read that
 * does not finish is a finding.
 *
 * <p>The seeds in {@code src/test/resources/hardy/io/dicom/DicomReaderFuzzTestInputs/readDicom/} are small valid
 * files in each uncompressed syntax, a raw implicit dataset, an enhanced multi-frame object with nested
 * functional groups, and RLE, JPEG (baseline, extended 12-bit, lossless) and JPEG-LS files; Jazzer mutates them.
 * {@code ./mvnw verify} runs {@code fuzz.runs} inputs (surefire execution {@code fuzz});
 * {@code ./mvnw test-compile surefire:test@fuzz -Dtest=DicomReaderFuzzTest -Dfuzz.runs=1000000
 * -Djazzer.max_duration=1h} runs longer.
 */
class DicomReaderFuzzTest {

    private static final long READ_TIMEOUT_SECONDS = 10;
    private static final VolumeReaders READERS = VolumeReaders.installed();
    private static final Path DIR = scratch();
    private static final ExecutorService WORKER = FuzzRuns.worker("dicom-fuzz-reader");

    static {
        // Reading the JPEG 2000 seed loads (and Jazzer instruments) a few hundred JJ2000 classes, which on a busy
        // machine takes longer than the timeout that catches endless loops: do it once before any input is timed.
        try (InputStream seed = DicomReaderFuzzTest.class.getResourceAsStream(
                "DicomReaderFuzzTestInputs/readDicom/j2k-lossless")) {
            Path file = Files.write(DIR.resolve("warm-up.dcm"), seed.readAllBytes());
            READERS.read(file);
            Files.delete(file);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Path scratch() {
        try {
            Path dir = Files.createTempDirectory("hardy-dicom-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void readDicom(byte[] data) throws Exception {
        Path file = Files.write(DIR.resolve("fuzz.dcm"), data);
        try {
            FuzzRuns.readsOrRefusesInOneLine(WORKER, READ_TIMEOUT_SECONDS, () -> READERS.read(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
