package hardy.io.nifti;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** File-name rules of NIfTI: single files, header/image pairs, and their gzipped forms. */
final class NiftiFiles {

    /** Input buffer of the gzip inflater: large enough that the JNI call overhead does not show. */
    static final int GZIP_BUFFER = 1 << 16;

    private NiftiFiles() {
    }

    static String lowerName(Path p) {
        return p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    static boolean isGzipName(Path p) {
        return lowerName(p).endsWith(".gz");
    }

    /** The name without ".gz" and without the last extension, e.g. "brain" for "brain.hdr.gz". */
    private static String stem(Path p) {
        String name = p.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Whether the name is the header of a pair (.hdr or .hdr.gz). */
    static boolean isHeaderName(Path p) {
        String n = lowerName(p);
        return n.endsWith(".hdr") || n.endsWith(".hdr.gz");
    }

    /** Whether the name is the image of a pair (.img or .img.gz). */
    static boolean isImageName(Path p) {
        String n = lowerName(p);
        return n.endsWith(".img") || n.endsWith(".img.gz");
    }

    /** The existing partner of a pair file (.hdr for .img and vice versa), gzipped or not, same case first. */
    static Optional<Path> partner(Path p) {
        boolean header = isHeaderName(p);
        String stem = stem(p);
        boolean upper = p.getFileName().toString().contains(header ? ".HDR" : ".IMG");
        String ext = header ? ".img" : ".hdr";
        String[] candidates = upper
                ? new String[] {ext.toUpperCase(Locale.ROOT), ext, ext.toUpperCase(Locale.ROOT) + ".gz", ext + ".gz"}
                : new String[] {ext, ext.toUpperCase(Locale.ROOT), ext + ".gz", ext.toUpperCase(Locale.ROOT) + ".gz"};
        if (isGzipName(p)) {
            candidates = new String[] {candidates[2], candidates[3], candidates[0], candidates[1]};
        }
        for (String c : candidates) {
            Path q = p.resolveSibling(stem + c);
            if (Files.isRegularFile(q)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    /** Opens a file for reading, decompressing when its content starts with the gzip magic. */
    static InputStream open(Path p) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(p), GZIP_BUFFER);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1F && b1 == 0x8B) {
            return new GZIPInputStream(raw, GZIP_BUFFER);
        }
        return raw;
    }

    /** Whether the file's content is gzip. */
    static boolean isGzipContent(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.read() == 0x1F && in.read() == 0x8B;
        }
    }
}
