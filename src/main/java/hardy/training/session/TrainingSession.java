package hardy.training.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hardy.core.AtomicFiles;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.eval.CaseResult;
import hardy.eval.MetricSummary;
import hardy.inference.ModelCard;
import hardy.inference.SegmentationModel;
import hardy.training.Trainer;
import hardy.training.TrainingCases;
import hardy.training.TrainingListener;
import hardy.training.Validation;
import hardy.training.export.ModelExport;
import hardy.training.export.TrainedModelCards;
import hardy.volume.LabelTable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An opened run ({@link TrainingPlan#open}): iterates, checkpoints, validates and exports. {@link TrainingRun}
 * drives it for both {@code hardy train} and the training tab; everything it reports is a plain value.
 */
public final class TrainingSession implements AutoCloseable {

    /**
     * The state after one iteration, copied off the trainer.
     *
     * @param iteration      iterations done
     * @param loss           the value minimised in this iteration
     * @param probabilities  the sampler's probability of every training case
     * @param staleLosses    the sampler's stale loss of every training case (its hardness)
     * @param effectiveCases exp of the sampling distribution's entropy
     * @param beta           the sampler's beta after this iteration
     * @param batch          the cases drawn in this iteration
     * @param caseLosses     their losses, in batch order
     * @param weights        their importance weights
     */
    public record Snapshot(int iteration, double loss, double[] probabilities, double[] staleLosses,
            double effectiveCases, double beta, int[] batch, double[] caseLosses, double[] weights) {
    }

    /**
     * Scores of the model at an iteration.
     *
     * @param iteration  the iteration the model was taken at
     * @param validation scores of the validation cases
     * @param training   scores of the training cases (empty unless the plan asks for them)
     * @param labels     the model's labels
     */
    public record Scores(int iteration, List<CaseResult> validation, List<CaseResult> training, LabelTable labels) {
    }

    /**
     * The finished model next to the starting model on the same validation cases.
     *
     * @param trained   the new model's scores per validation case (empty without validation cases)
     * @param start     the starting model's scores on the same cases (empty when trained from scratch)
     * @param startName the starting model's name and version, or {@code null}
     * @param labels    the labels
     */
    public record Comparison(List<CaseResult> trained, List<CaseResult> start, String startName,
            LabelTable labels) {
        /** Copies the lists. */
        public Comparison {
            trained = List.copyOf(trained);
            start = List.copyOf(start);
        }
    }

    /** The finished run: the exported model, its scores and its comparison with the starting model. */
    public record Finished(ModelExport.ExportReport export, int iterations, Scores scores, Comparison comparison) {
    }

    private final Trainer trainer;
    private final TrainingPlan plan;
    private final ModelCard startCard;
    private final double[] spacing;
    private final ObjectNode run;
    private final LabelTable caseLabels;

    TrainingSession(Trainer trainer, TrainingPlan plan, ModelCard startCard, double[] spacing, ObjectNode run,
            LabelTable caseLabels) {
        this.caseLabels = caseLabels;
        this.trainer = trainer;
        this.plan = plan;
        this.startCard = startCard;
        this.spacing = spacing;
        this.run = run;
    }

    /** The plan. */
    public TrainingPlan plan() {
        return plan;
    }

    /**
     * The gradient self-check's result in one plain line ("Gradient check passed"), and what the trainer does about
     * a failed batched check.
     */
    public String selfCheckText() {
        return trainer.selfCheck().summary() + (trainer.perCasePasses() ? "; PyTorch's batched gradients failed "
                + "the check on this machine, so the trainer runs one case per pass (correct, but slower)" : "");
    }

    /** The self-check's numbers (network, batch, patch, gradient errors), for a details popup and the log. */
    public String selfCheckDetails() {
        return trainer.selfCheck().details();
    }

    /** Whether the self-check made the trainer run one case per pass (correct, but slower). */
    public boolean perCasePasses() {
        return trainer.perCasePasses();
    }

    /** The starting model's name and version, or {@code null} when trained from scratch. */
    public String startingModelName() {
        return startCard == null ? null : startCard.name() + " " + startCard.version();
    }

    /** Iterations done so far, including those of a resumed checkpoint. */
    public int iterations() {
        return trainer.iterations();
    }

    /** Runs one iteration. */
    public Snapshot iterate(Cancellation cancel) {
        TrainingListener.Iteration[] last = new TrainingListener.Iteration[1];
        trainer.train(1, ProgressListener.NONE, cancel, r -> last[0] = r);
        TrainingListener.Iteration it = last[0];
        return new Snapshot(trainer.iterations(), it.loss(), trainer.sampler().probabilities(),
                trainer.sampler().losses(), it.effectiveCases(), it.beta(), it.batch().clone(),
                it.caseLosses().clone(), it.weights().clone());
    }

    /** Writes a checkpoint into the plan's checkpoint folder (each file atomic). */
    public void saveCheckpoint() throws IOException {
        trainer.saveCheckpoint(plan.checkpoint());
    }

    /** Whether a validation has anything to score. */
    public boolean validates() {
        return !plan.validation().isEmpty() || plan.scoreTrainingCases();
    }

    /**
     * Exports the current network to the interim model folder (after the parity check) and scores it on the
     * validation cases (and the training cases, if the plan asks).
     */
    public Scores validate(ProgressListener progress, Cancellation cancel) throws IOException {
        Path interim = plan.checkpoint().resolve(CheckpointFolder.INTERIM_MODEL);
        ModelExport.export(trainer.network(), card("validation", null), interim, true);
        return score(interim, progress, cancel);
    }

    private Scores score(Path model, ProgressListener progress, Cancellation cancel) throws IOException {
        List<CaseResult> validation = Validation.score(model, plan.validation(), progress, cancel);
        List<CaseResult> training = plan.scoreTrainingCases()
                ? Validation.score(model, plan.training(), progress, cancel) : List.of();
        return new Scores(trainer.iterations(), validation, training, SegmentationModel.readCard(model).labelTable());
    }

    /**
     * Exports the finished network to the plan's output (parity-checked, with its full card: settings, the SHA-256
     * of every training case's files, the command), writes the hardness ranking, scores the model and adds the
     * validation summary to its card, and scores the starting model on the same validation cases.
     */
    public Finished finish(ProgressListener progress, Cancellation cancel) throws IOException {
        TrainingPlan.Output out = plan.output();
        ModelCard card = card(out.name(), out.description());
        ObjectNode provenance = (ObjectNode) card.provenance();
        ArrayNode hashes = provenance.putArray("caseFilesSha256");
        for (TrainingCases.CaseFiles c : plan.training()) {
            cancel.check();
            hashes.addObject().put("image", SegmentationModel.sha256(c.image()))
                    .put("labels", SegmentationModel.sha256(c.labels()));
        }
        if (out.command() != null) {
            provenance.put("command", out.command());
        }
        ModelExport.ExportReport report = ModelExport.export(trainer.network(), card, out.modelDir(), out.replace());
        if (out.hardnessCsv() != null) {
            writeHardness(out.hardnessCsv());
        }
        Scores scores = score(report.modelDir(), progress, cancel);
        if (!scores.validation().isEmpty()) {
            ModelExport.addEvaluation(report.modelDir(), MetricSummary.summarise(scores.validation()),
                    scores.validation().size());
        }
        List<CaseResult> before = List.of();
        if (startCard != null && !plan.validation().isEmpty()) {
            before = Validation.score(plan.startingModel(), plan.validation(), progress, cancel);
        }
        return new Finished(report, trainer.iterations(), scores, new Comparison(scores.validation(), before,
                startingModelName(), scores.labels()));
    }

    /** The training cases ranked by the sampler's loss, hardest first: the cases worth an expert's review. */
    private void writeHardness(Path file) throws IOException {
        double[] losses = trainer.sampler().losses();
        Integer[] order = new Integer[losses.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(losses[b], losses[a]));
        List<String> names = plan.caseNames();
        AtomicFiles.write(file, o -> {
            Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
            w.write("rank,case,loss,probability\n");
            for (int r = 0; r < order.length; r++) {
                int i = order[r];
                w.write(String.format(Locale.ROOT, "%d,%s,%.6f,%.6g%n", r + 1, names.get(i), losses[i],
                        trainer.sampler().probability(i)));
            }
            w.flush();
        });
    }

    private ModelCard card(String name, String description) {
        int caseCount = plan.training().size();
        double beta = plan.settings().beta();
        String text = description != null ? description : "3D U-Net trained by Hardy on " + caseCount + " cases"
                + (startCard != null ? ", fine-tuned from " + startCard.name() + " " + startCard.version() : "")
                + (beta > 0 || plan.settings().effectiveShare() > 0 ? ", with hardness weighted sampling"
                    + (beta > 0 ? " (beta " + fmt(beta) + ")" : "") : ", with uniform sampling") + ".";
        return TrainedModelCards.trained(name, text, spacing, trainer.network().config().classes(),
                plan.settings().patch(), startCard, run.deepCopy(), caseCount, caseLabels);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The cases' names, for listeners that show them. */
    public List<String> caseNames() {
        return new ArrayList<>(plan.caseNames());
    }

    @Override
    public void close() {
        trainer.close();
    }
}
