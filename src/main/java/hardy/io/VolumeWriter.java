package hardy.io;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.volume.Volume;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes volumes in one format. Writers replace the target atomically: a failed or cancelled write leaves any
 * earlier file untouched.
 */
public interface VolumeWriter {

    /** A short name of the format, e.g. "NIfTI". */
    String formatName();

    /** Whether this writer handles a file of this name (e.g. ends with ".nii.gz"). */
    boolean supportsName(Path path);

    /** Writes {@code volume} to {@code path}. */
    void write(Volume volume, Path path, ProgressListener progress, Cancellation cancel) throws IOException;
}
