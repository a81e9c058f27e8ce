package hardy.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Distribution of one metric of one label over a set of cases: mean, median, the two tail percentiles on the
 * bad side (5th and 10th for Dice and volume similarity, where low is bad; 95th and 90th for HD95, where high is
 * bad) and the worst case. Percentiles interpolate linearly (NumPy's default). Undefined values (HD95 with the
 * label in one map only) are counted apart and left out of the statistics.
 *
 * @param group      subgroup, or {@code "all"}
 * @param label      label value
 * @param metric     {@code dice}, {@code hd95_mm} or {@code volume_similarity}
 * @param n          cases with a defined value
 * @param undefined  cases where the value is undefined
 * @param mean       mean
 * @param median     median
 * @param tail5      5th percentile (95th for HD95)
 * @param tail10     10th percentile (90th for HD95)
 * @param worst      the worst value (minimum; maximum for HD95)
 * @param worstCase  the case with the worst value
 */
public record MetricSummary(String group, int label, String metric, int n, int undefined, double mean,
                            double median, double tail5, double tail10, double worst, String worstCase) {

    /** The group name used for all cases together. */
    public static final String ALL = "all";

    /** Metric names, in report order. */
    public static final List<String> METRICS = List.of("dice", "hd95_mm", "volume_similarity");

    /** Summaries for all cases, then for each subgroup (sorted); per label and metric. */
    public static List<MetricSummary> summarise(List<CaseResult> results) {
        Map<String, List<CaseResult>> groups = new LinkedHashMap<>();
        groups.put(ALL, results);
        TreeSet<String> names = new TreeSet<>();
        for (CaseResult r : results) {
            if (r.group() != null) {
                names.add(r.group());
            }
        }
        for (String g : names) {
            groups.put(g, results.stream().filter(r -> g.equals(r.group())).toList());
        }
        TreeSet<Integer> labels = new TreeSet<>();
        results.forEach(r -> r.scores().forEach(s -> labels.add(s.label())));
        List<MetricSummary> out = new ArrayList<>();
        for (Map.Entry<String, List<CaseResult>> g : groups.entrySet()) {
            for (int label : labels) {
                out.add(of(g.getKey(), label, "dice", g.getValue(), LabelScore::dice, false));
                out.add(of(g.getKey(), label, "hd95_mm", g.getValue(), LabelScore::hd95Mm, true));
                out.add(of(g.getKey(), label, "volume_similarity", g.getValue(), LabelScore::volumeSimilarity,
                        false));
            }
        }
        return out;
    }

    private static MetricSummary of(String group, int label, String metric, List<CaseResult> cases,
                                    ToDoubleFunction<LabelScore> value, boolean highIsBad) {
        double[] v = new double[cases.size()];
        int n = 0;
        int undefined = 0;
        double sum = 0;
        double worst = Double.NaN;
        String worstCase = "";
        for (CaseResult c : cases) {
            for (LabelScore s : c.scores()) {
                if (s.label() != label) {
                    continue;
                }
                double x = value.applyAsDouble(s);
                if (Double.isNaN(x)) {
                    undefined++;
                    continue;
                }
                v[n++] = x;
                sum += x;
                if (Double.isNaN(worst) || (highIsBad ? x > worst : x < worst)) {
                    worst = x;
                    worstCase = c.name();
                }
            }
        }
        Arrays.sort(v, 0, n);
        double mean = n == 0 ? Double.NaN : sum / n;
        return new MetricSummary(group, label, metric, n, undefined, mean, Percentiles.ofSorted(v, n, 50),
                Percentiles.ofSorted(v, n, highIsBad ? 95 : 5), Percentiles.ofSorted(v, n, highIsBad ? 90 : 10),
                worst, worstCase);
    }
}
