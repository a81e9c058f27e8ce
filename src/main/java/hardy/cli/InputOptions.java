package hardy.cli;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.ReadOptions;
import hardy.io.ReadResult;
import hardy.io.VolumeReaders;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by commands that read one volume. */
final class InputOptions {

    @Option(names = "--volume", paramLabel = "N", defaultValue = "0",
            description = "Which 3-D volume of a 4-D file to read (default: ${DEFAULT-VALUE}).")
    int volumeIndex;

    @Option(names = "--series", paramLabel = "N|UID",
            description = "Which series of a DICOM folder to read: its number in 'hardy info DIR' or its UID.")
    String series;

    /** Reads {@code file} with the installed readers. */
    ReadResult read(Path file) throws IOException {
        if (volumeIndex < 0) {
            throw new IllegalArgumentException("--volume must be 0 or more, got " + volumeIndex);
        }
        return VolumeReaders.installed().read(file, new ReadOptions(volumeIndex, series), ProgressListener.NONE,
                Cancellation.NEVER);
    }
}
