package hardy.io.dicom;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the DICOM series in a folder tree: reads every file's header (not its pixels) in parallel, skips what is
 * not a DICOM image, and groups images by SeriesInstanceUID, then by orientation and size. DICOM Segmentation
 * objects are not images: they are listed apart, for the viewer to offer as labels of the series they reference.
 */
public final class DicomSeriesScanner {

    private static final Logger LOG = LoggerFactory.getLogger(DicomSeriesScanner.class);

    /**
     * The series found, how many files were passed over, and the DICOM Segmentation files found beside them.
     */
    public record Scan(List<DicomSeries> series, int skippedFiles, List<Path> segmentations) {
    }

    private DicomSeriesScanner() {
    }

    /** Scans {@code dir} and its subfolders. */
    public static Scan scan(Path dir, ProgressListener progress, Cancellation cancel) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        AtomicLong done = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        List<DicomFileInfo> infos = files.parallelStream().map(p -> {
            cancel.check();
            try {
                return readInfo(p);
            } catch (DicomFormatException e) {
                skipped.incrementAndGet();
                LOG.debug("Skipped a file while scanning: {}", e.getMessage());
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                progress.progress(done.incrementAndGet(), files.size(), "Scanning DICOM files");
            }
        }).filter(Objects::nonNull).toList();
        Map<String, List<DicomFileInfo>> groups = new LinkedHashMap<>();
        List<Path> segmentations = new ArrayList<>();
        for (DicomFileInfo info : infos) {
            if (info.isSegmentation()) {
                segmentations.add(info.path());
                continue;
            }
            groups.computeIfAbsent(stackKey(info), k -> new ArrayList<>()).add(info);
        }
        List<List<DicomFileInfo>> stacks = new ArrayList<>(groups.values());
        stacks.sort(Comparator.comparingInt((List<DicomFileInfo> s) -> s.get(0).series().seriesNumber())
                .thenComparing(s -> s.get(0).series().seriesUid()).thenComparing(s -> s.get(0).path()));
        List<DicomSeries> series = new ArrayList<>();
        for (List<DicomFileInfo> stack : stacks) {
            DicomFileInfo f = stack.get(0);
            series.add(new DicomSeries(series.size() + 1, f.series(), List.copyOf(stack), f.rows(), f.columns()));
        }
        return new Scan(series, (int) skipped.get(), List.copyOf(segmentations));
    }

    /** Reads one file's image attributes, or throws if it is not a DICOM image. */
    static DicomFileInfo readInfo(Path p) throws IOException, DicomFormatException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(132);
            if (!DicomParser.looksLikeDicom(head)) {
                throw new DicomFormatException("not DICOM");
            }
        }
        return DicomFileInfo.of(p, DicomParser.parseHeader(p));
    }

    private static String stackKey(DicomFileInfo info) {
        double[] o = info.frames().get(0).orientation();
        StringBuilder sb = new StringBuilder(info.series().seriesUid()).append('|').append(info.rows()).append('x')
                .append(info.columns());
        if (o != null) {
            for (double v : o) {
                sb.append('|').append(Math.round(v * 1000));
            }
        }
        return sb.toString();
    }
}
