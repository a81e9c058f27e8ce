package hardy.synth;

import hardy.core.AtomicFiles;
import hardy.core.Cancellation;
import hardy.core.CancelledException;
import hardy.core.CaseNaming;
import hardy.core.ProgressListener;
import hardy.io.VolumeWriters;
import hardy.io.labels.LabelTableFiles;
import hardy.volume.FetalLabels;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates a run of cases in parallel and writes {@code caseNNN_image.nii.gz}, {@code caseNNN_labels.nii.gz},
 * {@code labels.txt} (the FeTA names, as an ITK-SNAP label description file) and {@code cases.csv} into a folder,
 * each file atomically. {@code cases.csv} is written last, so a folder with
 * one lists only complete cases. Runs into one folder add up: rows of an existing {@code cases.csv} are kept,
 * except those of the cases written again, so a set can be assembled from several runs (e.g. one per subgroup).
 */
public final class CaseWriter {

    /** Header of {@code cases.csv}. */
    public static final String CSV_HEADER = "case,seed,gestational_age_weeks,subgroup,spacing_mm,acquisition,"
            + "grid_spacing_mm,fov_mm,contrast,surroundings,design_bpd_mm,design_tcd_mm,design_atrial_left_mm,"
            + "design_atrial_right_mm";
    /**
     * Earlier headers, each a prefix of the current one: before the wide domain's columns, and before the design
     * biometry's. Rows of such a file get the later columns empty.
     */
    private static final List<String> OLD_HEADERS = List.of(
            "case,seed,gestational_age_weeks,subgroup,spacing_mm,acquisition",
            "case,seed,gestational_age_weeks,subgroup,spacing_mm,acquisition,grid_spacing_mm,fov_mm,contrast,"
                    + "surroundings");

    private final PhantomGenerator generator;
    private final VolumeWriters writers = VolumeWriters.installed();

    /** A writer of the cases {@code generator} makes. */
    public CaseWriter(PhantomGenerator generator) {
        this.generator = generator;
    }

    /** The case name of index {@code index} in a run of {@code count}: {@code case007}, at least three digits. */
    public static String caseName(int index, int first, int count) {
        int digits = Math.max(3, String.valueOf(first + count - 1).length());
        return String.format(Locale.ROOT, "case%0" + digits + "d", index);
    }

    /**
     * Writes cases {@code first .. first + count - 1} into {@code out} with {@code threads} worker threads.
     *
     * @return the rows of {@code cases.csv}, header excluded
     */
    public List<String> write(Path out, int first, int count, int threads, ProgressListener progress,
                              Cancellation cancel) throws IOException {
        Files.createDirectories(out);
        Path csv = out.resolve("cases.csv");
        TreeMap<String, String> table = new TreeMap<>(earlierRows(csv));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        AtomicInteger done = new AtomicInteger();
        List<Future<String>> rows = new ArrayList<>();
        try {
            for (int c = 0; c < count; c++) {
                int index = first + c;
                rows.add(pool.submit(() -> {
                    cancel.check();
                    SynthCase sc = generator.generate(index, cancel);
                    String name = caseName(index, first, count);
                    Path image = out.resolve(CaseNaming.imageFile(name));
                    Path labels = out.resolve(CaseNaming.labelsFile(name));
                    writers.writerFor(image).write(sc.image(), image, ProgressListener.NONE, cancel);
                    writers.writerFor(labels).write(sc.labels().volume(), labels, ProgressListener.NONE, cancel);
                    progress.progress(done.incrementAndGet(), count, name);
                    return row(name, sc);
                }));
            }
            List<String> lines = new ArrayList<>();
            for (Future<String> f : rows) {
                lines.add(await(f));
            }
            for (String line : lines) {
                table.put(line.substring(0, line.indexOf(',')), line);
            }
            // The names of the labels, where training looks for them (a model trained on these cases is named FeTA).
            LabelTableFiles.write(out.resolve("labels.txt"), FetalLabels.TABLE, LabelTableFiles.Format.ITK_SNAP);
            AtomicFiles.write(csv, stream -> {
                Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                w.write(CSV_HEADER + "\n");
                for (String line : table.values()) {
                    w.write(line + "\n");
                }
                w.flush();
            });
            return lines;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The rows of an earlier run's {@code cases.csv} by case name; none if there is no such file.
     *
     * @throws IOException if the file exists but is not a {@code cases.csv} of this format (it is left alone)
     */
    private static Map<String, String> earlierRows(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            return Map.of();
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        boolean old = !lines.isEmpty() && OLD_HEADERS.contains(lines.get(0));
        if (lines.isEmpty() || !(old || lines.get(0).equals(CSV_HEADER))) {
            throw new IOException(csv + " exists but is not a cases.csv written by hardy synth; not overwriting it");
        }
        String padding = old ? ",".repeat(CSV_HEADER.split(",").length - lines.get(0).split(",").length) : "";
        Map<String, String> rows = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int comma = line.indexOf(',');
            if (comma > 0) {
                rows.put(line.substring(0, comma), line + padding);
            }
        }
        return rows;
    }

    private static String row(String name, SynthCase c) {
        double[] sp = c.image().geometry().spacing();
        DesignBiometry d = c.design();
        return String.format(Locale.ROOT, "%s,%d,%.2f,%s,%sx%sx%s,%s,%s,%s,%s,%b,%.2f,%.2f,%.2f,%.2f", name, c.seed(),
                c.gestationalAge(), c.subgroup().id(), mm(sp[0]), mm(sp[1]), mm(sp[2]), c.acquisition(),
                mm(c.gridSpacing()), mm(c.fovMm()), c.contrast().id(), c.surroundings(), d.bpdMm(), d.tcdMm(),
                d.atrialLeftMm(), d.atrialRightMm());
    }

    private static String mm(double v) {
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String await(Future<String> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }
}
