package hardy.cli;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.eval.CaseFiles;
import hardy.eval.CaseGroups;
import hardy.eval.CaseResult;
import hardy.eval.EvaluationReport;
import hardy.eval.Evaluator;
import hardy.eval.MetricSummary;
import hardy.io.VolumeReaders;
import hardy.volume.FetalLabels;
import hardy.volume.LabelTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hardy evaluate --pred DIR --truth DIR}: Dice, HD95 and volume similarity per case and label. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Compare predicted label maps with the truth: Dice, HD95 (mm) and volume similarity per case "
                + "and label, and mean, median, tail percentiles and worst case per label, overall and per subgroup.",
            "Files pair up by case name: the file name without .nii[.gz] and a trailing _labels, _seg or _pred "
                + "(files ending in _image are skipped)."})
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--pred", required = true, paramLabel = "DIR", description = "Folder of predicted label maps.")
    Path pred;

    @Option(names = "--truth", required = true, paramLabel = "DIR", description = "Folder of true label maps.")
    Path truth;

    @Option(names = "--groups", paramLabel = "CSV",
            description = "A CSV with 'case' and 'subgroup' columns (the cases.csv of hardy synth).")
    Path groups;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Write case,label,dice,hd95_mm,volume_similarity rows here.")
    Path csv;

    @Option(names = "--labels", split = ",", paramLabel = "L",
            description = "Labels to score (default: every non-zero label that occurs).")
    int[] labels;

    @Option(names = "--feta-names", description = "Name labels 1-7 as FeTA does in the table.")
    boolean fetaNames;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (labels != null) {
            for (int l : labels) {
                if (l < 1 || l > 65535) {
                    throw new IllegalArgumentException("--labels takes label values 1..65535, got " + l);
                }
            }
        }
        List<CaseFiles.CasePair> pairs = CaseFiles.match(CaseFiles.scan(pred), CaseFiles.scan(truth));
        Map<String, String> groupOf = groups == null ? Map.of() : CaseGroups.read(groups);
        if (groups != null) {
            List<String> missing = pairs.stream().map(CaseFiles.CasePair::name)
                    .filter(n -> !groupOf.containsKey(n)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(groups + ": no subgroup for case " + missing.get(0)
                        + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : ""));
            }
        }
        List<CaseResult> results = new Evaluator(VolumeReaders.installed()).evaluate(pairs, labels, groupOf,
                ProgressListener.NONE, Cancellation.NEVER);
        if (csv != null) {
            EvaluationReport.writeCsv(results, csv);
        }
        LabelTable names = fetaNames ? FetalLabels.TABLE : LabelTable.of(List.of());
        spec.commandLine().getOut().print(EvaluationReport.table(MetricSummary.summarise(results), names));
        if (csv != null) {
            spec.commandLine().getOut().println("Wrote " + csv);
        }
        return 0;
    }
}
