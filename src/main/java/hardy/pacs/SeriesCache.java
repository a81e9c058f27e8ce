package hardy.pacs;

import hardy.core.AppDirs;
import hardy.core.Cancellation;
import hardy.core.FileTrees;
import hardy.core.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Series retrieved from DICOMweb servers, kept on disk up to a size limit, least recently used first out.
 *
 * <p>A series is retrieved into a temporary folder beside its final place and moved there in one step only when it
 * is complete and every file was checked (see {@link SeriesDownload}); a failure or a cancellation deletes the
 * temporary folder. A folder under a final name is therefore always a whole series. Final names are a hash of the
 * server's URL and the two UIDs, so paths name no patient.
 */
public final class SeriesCache {

    /** The default size limit: 4 GiB. */
    public static final long DEFAULT_LIMIT_BYTES = 4L << 30;
    private static final Logger LOG = LoggerFactory.getLogger(SeriesCache.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration STALE_INCOMING = Duration.ofDays(1);

    private final Path root;
    private final long limitBytes;

    /** A cache in {@code root} holding at most {@code limitBytes}. */
    public SeriesCache(Path root, long limitBytes) {
        if (limitBytes < 1) {
            throw new IllegalArgumentException("the cache limit must be positive");
        }
        this.root = root.toAbsolutePath();
        this.limitBytes = limitBytes;
    }

    /** The cache in the user's data folder ({@code pacs-cache}), with the default limit. */
    public static SeriesCache installed() {
        return new SeriesCache(AppDirs.dataHome().resolve("pacs-cache"), DEFAULT_LIMIT_BYTES);
    }

    public Path root() {
        return root;
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** The folder of a series already in the cache (and marks it used), if it is there. */
    public Optional<Path> cached(PacsServer server, String studyUid, String seriesUid) throws IOException {
        Path dir = folder(server, studyUid, seriesUid);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now()));
        return Optional.of(dir);
    }

    /**
     * The folder of a series: from the cache if it is there, else retrieved (WADO-RS) with {@code client}, checked,
     * moved into place, and the least recently used series evicted until the cache fits its limit again.
     *
     * @param expectedInstances the instance count the series listing gave (for progress), or -1
     */
    public Path retrieve(DicomWebClient client, String studyUid, String seriesUid, int expectedInstances,
            ProgressListener progress, Cancellation cancel) throws IOException {
        Optional<Path> hit = cached(client.server(), studyUid, seriesUid);
        if (hit.isPresent()) {
            LOG.info("Series found in the PACS cache");
            return hit.get();
        }
        Path target = folder(client.server(), studyUid, seriesUid);
        createPrivately(root);
        removeStaleIncoming();
        Path dir = retrieveTo(client, studyUid, seriesUid, expectedInstances, target, limitBytes, progress, cancel);
        evict(dir);
        return dir;
    }

    /**
     * Retrieves a series into the new folder {@code target} through a temporary sibling folder, moved to
     * {@code target} only once complete and checked; nothing is left under {@code target} otherwise.
     *
     * @throws FileAlreadyExistsException if {@code target} exists
     */
    public static Path retrieveTo(DicomWebClient client, String studyUid, String seriesUid, int expectedInstances,
            Path target, long maxBytes, ProgressListener progress, Cancellation cancel) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute)) {
            throw new FileAlreadyExistsException(absolute.toString(), null, "already exists");
        }
        Files.createDirectories(absolute.getParent());
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".part-"
                + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE));
        boolean moved = false;
        try {
            SeriesDownload.Result r = client.retrieveSeries(studyUid, seriesUid, temp, expectedInstances, maxBytes,
                    progress, cancel);
            cancel.check();
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute);
            }
            moved = true;
            LOG.info("Retrieved a series from PACS '{}': {} instances, {} bytes", client.server().name(),
                    r.instances(), r.bytes());
            return absolute;
        } finally {
            if (!moved && Files.exists(temp)) {
                FileTrees.deleteTree(temp);
            }
        }
    }

    /** Patient images: the cache folder is its owner's only, where POSIX permissions exist. */
    private static void createPrivately(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir.getParent());
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectory(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(dir);
        }
    }

    /** Deletes least recently used series, never {@code keep}, until the cache holds at most its limit. */
    void evict(Path keep) throws IOException {
        Path series = root.resolve("series");
        if (!Files.isDirectory(series)) {
            return;
        }
        record Entry(Path dir, FileTime used, long bytes) {
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(series)) {
            for (Path d : dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                    .toList()) {
                entries.add(new Entry(d, Files.getLastModifiedTime(d), size(d)));
            }
        }
        long total = entries.stream().mapToLong(Entry::bytes).sum();
        entries.sort(Comparator.comparing(Entry::used));
        for (Entry e : entries) {
            if (total <= limitBytes) {
                break;
            }
            if (e.dir().equals(keep)) {
                continue;
            }
            FileTrees.deleteTree(e.dir());
            total -= e.bytes();
            LOG.info("Evicted a series of {} bytes from the PACS cache (limit {} bytes)", e.bytes(), limitBytes);
        }
    }

    /** The total size of the series in the cache. */
    public long size() throws IOException {
        Path series = root.resolve("series");
        return Files.isDirectory(series) ? size(series) : 0;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Temporary folders a crashed retrieval left, older than a day (a running one is younger). */
    private void removeStaleIncoming() {
        Path series = root.resolve("series");
        if (!Files.isDirectory(series)) {
            return;
        }
        Instant cutoff = Instant.now().minus(STALE_INCOMING);
        try (Stream<Path> dirs = Files.list(series)) {
            for (Path d : dirs.filter(d -> d.getFileName().toString().startsWith(".")).toList()) {
                if (Files.getLastModifiedTime(d).toInstant().isBefore(cutoff)) {
                    FileTrees.deleteTree(d);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not clean up the PACS cache's temporary folders", e);
        }
    }

    private Path folder(PacsServer server, String studyUid, String seriesUid) {
        DicomWebClient.checkUid(studyUid, "study");
        DicomWebClient.checkUid(seriesUid, "series");
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((server.baseUrl() + "\n" + studyUid + "\n"
                    + seriesUid).getBytes(StandardCharsets.UTF_8));
            return root.resolve("series").resolve(HexFormat.of().formatHex(h, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
