package hardy.io;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import java.io.IOException;

/**
 * Reads one kind of volume file. Implementations are found with {@link java.util.ServiceLoader} and chosen by
 * {@link VolumeReaders} according to how well each recognises a file's content.
 */
public interface VolumeReader {

    /** A short name of the format, e.g. "NIfTI". */
    String formatName();

    /**
     * How well this reader recognises the probed file: 0 if not at all, higher for more certainty (100 for an
     * unmistakable magic number). File names only break ties.
     */
    int supportScore(FileProbe probe);

    /**
     * Reads the file.
     *
     * @throws VolumeFormatException if the file is malformed or unsupported
     * @throws IOException           if it cannot be read at all
     * @throws hardy.core.CancelledException if cancelled
     */
    ReadResult read(FileProbe probe, ReadOptions options, ProgressListener progress, Cancellation cancel)
            throws IOException;
}
