package hardy.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The first bytes of a file, decompressed if the file is gzip, so that readers can recognise their format by
 * content rather than by name.
 *
 * @param path       the file
 * @param head       up to {@link #HEAD_BYTES} leading bytes of the (decompressed) content; empty for a folder
 * @param gzip       whether the file is gzip-compressed
 * @param directory  whether the path is a folder
 * @param size       the file's size on disk in bytes (0 for a folder)
 */
public record FileProbe(Path path, byte[] head, boolean gzip, boolean directory, long size) {

    /** How many leading bytes a probe holds: enough for a NIfTI-2 header and a DICOM preamble. */
    public static final int HEAD_BYTES = 1024;

    /** Probes a path. A gzip file that cannot even be started is probed as its raw bytes. */
    public static FileProbe of(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return new FileProbe(path, new byte[0], false, true, 0);
        }
        long size = Files.size(path);
        byte[] raw;
        try (InputStream in = Files.newInputStream(path)) {
            raw = in.readNBytes(HEAD_BYTES);
        }
        boolean gzip = raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B;
        if (gzip) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
                byte[] buffer = new byte[HEAD_BYTES];
                int n = 0;
                try {
                    for (int r; n < HEAD_BYTES && (r = in.read(buffer, n, HEAD_BYTES - n)) > 0; ) {
                        n += r;
                    }
                } catch (IOException truncatedOrCorrupt) {
                    // What was decompressed so far still identifies the format; the reader reports the damage.
                }
                return new FileProbe(path, Arrays.copyOf(buffer, n), true, false, size);
            } catch (IOException notReallyGzip) {
                return new FileProbe(path, raw, false, false, size);
            }
        }
        return new FileProbe(path, raw, false, false, size);
    }

    /** Whether the path's file name ends with {@code suffix}, ignoring case. */
    public boolean nameEndsWith(String suffix) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        return name.regionMatches(true, name.length() - suffix.length(), suffix, 0, suffix.length());
    }
}
