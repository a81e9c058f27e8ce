package hardy.eval;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.VolumeReaders;
import hardy.volume.LabelMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads each case's truth and prediction and scores them. Unless the labels are given, every non-zero label that
 * occurs in any truth or prediction is scored in every case; a label absent from both maps of a case then scores
 * as agreeing perfectly (Dice 1, HD95 0, volume similarity 1).
 */
public final class Evaluator {

    private final VolumeReaders readers;

    /** An evaluator reading files with {@code readers}. */
    public Evaluator(VolumeReaders readers) {
        this.readers = readers;
    }

    /**
     * Scores all pairs.
     *
     * @param labels labels to score, or null for all that occur
     * @param groups case → subgroup, or an empty map
     * @throws IllegalArgumentException if a file is not a label map or a pair's grids differ (naming the case)
     */
    public List<CaseResult> evaluate(List<CaseFiles.CasePair> pairs, int[] labels, Map<String, String> groups,
                                     ProgressListener progress, Cancellation cancel) throws IOException {
        List<String> names = new ArrayList<>();
        List<List<LabelScore>> perCase = new ArrayList<>();
        TreeSet<Integer> seen = new TreeSet<>();
        for (int c = 0; c < pairs.size(); c++) {
            cancel.check();
            CaseFiles.CasePair pair = pairs.get(c);
            progress.progress(c, pairs.size(), "case " + pair.name());
            LabelMap truth = labels(pair.truth().toString(), pair);
            LabelMap pred = labels(pair.prediction().toString(), pair);
            if (!truth.geometry().sameGrid(pred.geometry())) {
                throw new IllegalArgumentException("case " + pair.name() + ": prediction " + pair.prediction()
                        .getFileName() + " is not on the grid of truth " + pair.truth().getFileName()
                        + " (dims or affine differ)");
            }
            int[] these = labels != null ? labels : present(truth, pred);
            for (int l : these) {
                seen.add(l);
            }
            names.add(pair.name());
            perCase.add(SegmentationMetrics.compare(truth, pred, these, cancel));
        }
        progress.progress(pairs.size(), pairs.size(), "done");
        List<CaseResult> results = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            List<LabelScore> all = new ArrayList<>();
            for (int label : seen) {
                all.add(perCase.get(c).stream().filter(s -> s.label() == label).findFirst()
                        .orElse(new LabelScore(label, 1, 0, 1, 0, 0)));
            }
            results.add(new CaseResult(names.get(c), groups.get(names.get(c)), all));
        }
        return results;
    }

    private LabelMap labels(String file, CaseFiles.CasePair pair) throws IOException {
        try {
            return LabelMap.fromImage(readers.read(java.nio.file.Path.of(file)).volume());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("case " + pair.name() + ": " + file + ": " + e.getMessage(), e);
        }
    }

    private static int[] present(LabelMap a, LabelMap b) {
        long[] ca = a.counts();
        long[] cb = b.counts();
        TreeSet<Integer> set = new TreeSet<>();
        for (int l = 1; l < Math.max(ca.length, cb.length); l++) {
            if ((l < ca.length && ca[l] > 0) || (l < cb.length && cb[l] > 0)) {
                set.add(l);
            }
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }
}
