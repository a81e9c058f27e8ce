package hardy.ui.model.training;

import hardy.eval.CaseResult;
import hardy.eval.LabelScore;
import hardy.training.Validation;
import hardy.training.session.TrainingSession;
import java.util.List;
import java.util.Locale;

/** The finished model against the starting model, as the small fixed-width table the training tab shows. */
public final class ComparisonText {

    private ComparisonText() {
    }

    /**
     * Dice of the new and the starting model on the validation cases, averaged over labels (mean over cases, and
     * the worst case), then per label (mean over cases); empty for {@code null}.
     */
    public static String of(TrainingSession.Comparison c) {
        if (c == null) {
            return "";
        }
        if (c.trained().isEmpty()) {
            return "No validation cases: mark some cases \"Validation\" to compare the new model with the "
                    + "starting model on cases it was not trained on.";
        }
        boolean both = !c.start().isEmpty();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Dice on %d validation case%s%n", c.trained().size(),
                c.trained().size() == 1 ? "" : "s"));
        sb.append(String.format(Locale.ROOT, "%-22s %8s %8s%n", "", "new", both ? "start" : ""));
        row(sb, "mean (all labels)", mean(c.trained()), both ? mean(c.start()) : Double.NaN);
        row(sb, "worst case", worst(c.trained()), both ? worst(c.start()) : Double.NaN);
        for (LabelScore l : c.trained().getFirst().scores()) {
            row(sb, c.labels().name(l.label()), labelMean(c.trained(), l.label()),
                    both ? labelMean(c.start(), l.label()) : Double.NaN);
        }
        if (both) {
            sb.append("start: ").append(c.startName());
        } else if (c.startName() == null) {
            sb.append("Trained from scratch: no starting model to compare with.");
        }
        return sb.toString().stripTrailing();
    }

    private static void row(StringBuilder sb, String name, double a, double b) {
        String shortName = name.length() > 22 ? name.substring(0, 21) + "…" : name;
        sb.append(String.format(Locale.ROOT, "%-22s %8s %8s%n", shortName, num(a), num(b)));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static double mean(List<CaseResult> cases) {
        return cases.stream().mapToDouble(Validation::meanDice).filter(d -> !Double.isNaN(d)).average()
                .orElse(Double.NaN);
    }

    private static double worst(List<CaseResult> cases) {
        return cases.stream().mapToDouble(Validation::meanDice).filter(d -> !Double.isNaN(d)).min()
                .orElse(Double.NaN);
    }

    private static double labelMean(List<CaseResult> cases, int label) {
        return cases.stream().flatMap(r -> r.scores().stream()).filter(s -> s.label() == label)
                .mapToDouble(LabelScore::dice).average().orElse(Double.NaN);
    }
}
