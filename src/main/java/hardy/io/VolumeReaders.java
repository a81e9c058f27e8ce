package hardy.io;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The registry of {@link VolumeReader}s: picks the reader that recognises a file's content best, so that callers
 * never need to know which formats exist.
 */
public final class VolumeReaders {

    private final List<VolumeReader> readers;

    /** A registry of the given readers. */
    public VolumeReaders(List<VolumeReader> readers) {
        this.readers = List.copyOf(readers);
    }

    /** All readers on the class path (declared in {@code META-INF/services/hardy.io.VolumeReader}). */
    public static VolumeReaders installed() {
        return new VolumeReaders(ServiceLoader.load(VolumeReader.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(VolumeReader::formatName))
                .toList());
    }

    /** The readers, in a stable order. */
    public List<VolumeReader> readers() {
        return readers;
    }

    /**
     * The reader that recognises the file best.
     *
     * @throws VolumeFormatException if none does
     */
    public VolumeReader readerFor(FileProbe probe) throws VolumeFormatException {
        VolumeReader best = null;
        int bestScore = 0;
        for (VolumeReader reader : readers) {
            int score = reader.supportScore(probe);
            if (score > bestScore) {
                best = reader;
                bestScore = score;
            }
        }
        if (best == null) {
            throw new VolumeFormatException(probe.path(), probe.directory()
                    ? "no readable volume in this folder"
                    : "not a recognised volume file (supported: " + String.join(", ",
                            readers.stream().map(VolumeReader::formatName).toList()) + ")");
        }
        return best;
    }

    /**
     * Reads a volume with the best reader.
     *
     * @throws NoSuchFileException   if the path does not exist
     * @throws VolumeFormatException if the file is not readable as a volume
     */
    public ReadResult read(Path path, ReadOptions options, ProgressListener progress, Cancellation cancel)
            throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        FileProbe probe = FileProbe.of(path);
        return readerFor(probe).read(probe, options, progress, cancel);
    }

    /** Reads the first volume of a file without progress or cancellation. */
    public ReadResult read(Path path) throws IOException {
        return read(path, ReadOptions.DEFAULT, ProgressListener.NONE, Cancellation.NEVER);
    }
}
