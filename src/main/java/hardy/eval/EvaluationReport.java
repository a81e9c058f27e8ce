package hardy.eval;

import hardy.core.AtomicFiles;
import hardy.volume.LabelTable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes evaluation results: the per-case CSV file and the summary table. */
public final class EvaluationReport {

    /** Header of the per-case CSV file. */
    public static final String CSV_HEADER = "case,label,dice,hd95_mm,volume_similarity";

    private EvaluationReport() {
    }

    /** Writes one row per case and label, atomically; an undefined value is left empty. */
    public static void writeCsv(List<CaseResult> results, Path csv) throws IOException {
        AtomicFiles.write(csv, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(CSV_HEADER + "\n");
            for (CaseResult r : results) {
                for (LabelScore s : r.scores()) {
                    w.write(r.name() + "," + s.label() + "," + number(s.dice()) + "," + number(s.hd95Mm()) + ","
                            + number(s.volumeSimilarity()) + "\n");
                }
            }
            w.flush();
        });
    }

    /** The summary as a fixed-width text table, one row per group, label and metric. */
    public static String table(List<MetricSummary> summaries, LabelTable names) {
        StringBuilder sb = new StringBuilder();
        String format = "%-18s %-22s %-18s %4s %5s %8s %8s %8s %8s %8s  %s%n";
        sb.append(String.format(Locale.ROOT, format, "group", "label", "metric", "n", "undef", "mean", "median",
                "p5|p95", "p10|p90", "worst", "worst case"));
        for (MetricSummary s : summaries) {
            sb.append(String.format(Locale.ROOT, format, s.group(), names.entry(s.label()).map(e -> s.label() + " " + e.name()).orElse(String.valueOf(s.label())),
                    s.metric(), s.n(), s.undefined(), fixed(s.mean()), fixed(s.median()), fixed(s.tail5()),
                    fixed(s.tail10()), fixed(s.worst()), s.worstCase()));
        }
        sb.append("p5|p95 and p10|p90: the 5th and 10th percentiles for dice and volume_similarity, the 95th and "
                + "90th for hd95_mm (the bad tail); linear interpolation as numpy.percentile; undef: hd95 with the "
                + "label in only one of the two maps.").append(System.lineSeparator());
        return sb.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
