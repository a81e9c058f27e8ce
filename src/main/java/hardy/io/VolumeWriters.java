package hardy.io;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/** The registry of {@link VolumeWriter}s, chosen by the output file's name. */
public final class VolumeWriters {

    private final List<VolumeWriter> writers;

    /** A registry of the given writers. */
    public VolumeWriters(List<VolumeWriter> writers) {
        this.writers = List.copyOf(writers);
    }

    /** All writers on the class path (declared in {@code META-INF/services/hardy.io.VolumeWriter}). */
    public static VolumeWriters installed() {
        return new VolumeWriters(ServiceLoader.load(VolumeWriter.class).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    /**
     * The writer for a file name.
     *
     * @throws IllegalArgumentException naming the supported endings if none fits
     */
    public VolumeWriter writerFor(Path path) {
        return writers.stream().filter(w -> w.supportsName(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("cannot write '" + path.getFileName()
                        + "': the output must end in .nii, .nii.gz or .hdr"));
    }
}
