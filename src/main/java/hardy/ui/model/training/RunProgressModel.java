package hardy.ui.model.training;

import hardy.eval.CaseResult;
import hardy.eval.LabelScore;
import hardy.training.Validation;
import hardy.training.session.TrainingCaseRecord;
import hardy.training.session.TrainingSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the training tab shows of a running run: the loss curve, the sampler's bars, the validation Dice curves,
 * the hardest cases, the iteration and the time left. The training thread only {@link #offer offers} its
 * snapshots; {@link #poll} moves them onto the screen on the screen's own clock, at most every
 * {@value #CHART_INTERVAL_NANOS} ns, so a fast run never floods the screen thread.
 */
public final class RunProgressModel {

    /** The least time between two chart updates. */
    static final long CHART_INTERVAL_NANOS = 250_000_000L;
    /** The most points a curve shows. */
    static final int CHART_POINTS = 400;
    /** Cases shown in the sampler's bar chart. */
    static final int MAX_BARS = 40;

    /** One sampler bar: a training case and its sampling probability. */
    public record Bar(String name, double probability) {
    }

    /** A row of the hardest-cases table. NaN where not known yet. */
    public record HardCase(String name, TrainingCaseRecord.Role role, double loss, double probability, double dice) {
    }

    /** The validation Dice of one label over the iterations. */
    public record DiceCurve(String label, List<ChartThrottle.Point> points) {
    }

    private final StringProperty selfCheck = new SimpleStringProperty(this, "selfCheck", "");
    private final StringProperty selfCheckDetails = new SimpleStringProperty(this, "selfCheckDetails", "");
    private final IntegerProperty iteration = new SimpleIntegerProperty(this, "iteration", 0);
    private final IntegerProperty total = new SimpleIntegerProperty(this, "total", 0);
    private final StringProperty eta = new SimpleStringProperty(this, "eta", "");
    private final ObservableList<ChartThrottle.Point> lossCurve = FXCollections.observableArrayList();
    private final ObservableList<Bar> sampler = FXCollections.observableArrayList();
    private final StringProperty samplerSummary = new SimpleStringProperty(this, "samplerSummary",
            "Hardness weighted sampler");
    private final ObservableList<DiceCurve> diceCurves = FXCollections.observableArrayList();
    private final ObservableList<HardCase> hardest = FXCollections.observableArrayList();

    private volatile ChartThrottle lossThrottle = new ChartThrottle(CHART_INTERVAL_NANOS, CHART_POINTS);
    private final AtomicReference<TrainingSession.Snapshot> latest = new AtomicReference<>();
    private final Map<String, Double> diceByCase = new HashMap<>();
    private final Map<String, List<ChartThrottle.Point>> dicePoints = new LinkedHashMap<>();
    private List<TrainingCaseRecord> trainingCases = List.of();
    private List<TrainingCaseRecord> validationCases = List.of();
    private long runStartNanos;
    private int runStartIteration = -1;

    /** Clears everything for a new run of these cases, starting at {@code iterationsDone} of {@code target}. */
    void reset(List<TrainingCaseRecord> training, List<TrainingCaseRecord> validation, int iterationsDone,
            int target) {
        trainingCases = List.copyOf(training);
        validationCases = List.copyOf(validation);
        lossThrottle = new ChartThrottle(CHART_INTERVAL_NANOS, CHART_POINTS);
        latest.set(null);
        selfCheck.set("");
        selfCheckDetails.set("");
        lossCurve.clear();
        sampler.clear();
        hardest.clear();
        diceCurves.clear();
        dicePoints.clear();
        diceByCase.clear();
        total.set(target);
        iteration.set(iterationsDone);
        runStartIteration = -1;
        eta.set("");
    }

    /** Keeps an iteration's snapshot for the next {@link #poll}; called on the training thread. */
    void offer(TrainingSession.Snapshot snapshot) {
        latest.set(snapshot);
        lossThrottle.add(snapshot.iteration(), snapshot.loss());
    }

    /** Shows what the training thread left, if the chart interval has passed; on the screen's thread. */
    void poll(long nowNanos) {
        List<ChartThrottle.Point> curve = lossThrottle.takeIfDue(nowNanos);
        if (curve != null) {
            show(curve, nowNanos);
        }
    }

    /** Shows what the training thread left now (the run paused or stopped, so the screen stops polling). */
    void flush() {
        long now = System.nanoTime();
        show(lossThrottle.takeNow(now), now);
    }

    /** Time paused does not count towards the estimate of the time left. */
    void restartClock() {
        runStartIteration = -1;
    }

    private void show(List<ChartThrottle.Point> curve, long nowNanos) {
        lossCurve.setAll(curve);
        TrainingSession.Snapshot s = latest.get();
        if (s == null) {
            return;
        }
        iteration.set(s.iteration());
        if (runStartIteration < 0) {
            runStartIteration = s.iteration();
            runStartNanos = nowNanos;
        } else if (s.iteration() > runStartIteration) {
            double perIteration = (nowNanos - runStartNanos) / 1e9 / (s.iteration() - runStartIteration);
            eta.set(formatDuration(Math.round(perIteration * (total.get() - s.iteration())))
                    + String.format(Locale.ROOT, " left (%.1f s per iteration)", perIteration));
        }
        updateSampler(s);
    }

    private void updateSampler(TrainingSession.Snapshot s) {
        Integer[] order = new Integer[s.probabilities().length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -s.probabilities()[i]));
        List<Bar> bars = new ArrayList<>();
        for (int r = 0; r < Math.min(MAX_BARS, order.length); r++) {
            bars.add(new Bar(trainingCases.get(order[r]).name(), s.probabilities()[order[r]]));
        }
        sampler.setAll(bars);
        samplerSummary.set(samplerSummary(s.effectiveCases(), s.probabilities().length, s.beta()));
        updateHardest(s);
    }

    /** Training cases by their stale loss, hardest first, then the validation cases by Dice. */
    private void updateHardest(TrainingSession.Snapshot s) {
        List<HardCase> rows = new ArrayList<>();
        for (int i = 0; i < trainingCases.size(); i++) {
            String name = trainingCases.get(i).name();
            double loss = s == null ? Double.NaN : s.staleLosses()[i];
            double p = s == null ? Double.NaN : s.probabilities()[i];
            rows.add(new HardCase(name, TrainingCaseRecord.Role.TRAIN, loss, p, dice(name)));
        }
        rows.sort(Comparator.comparingDouble((HardCase h) -> Double.isNaN(h.loss()) ? Double.MAX_VALUE : -h.loss()));
        List<HardCase> val = new ArrayList<>();
        for (TrainingCaseRecord c : validationCases) {
            val.add(new HardCase(c.name(), TrainingCaseRecord.Role.VALIDATION, Double.NaN, Double.NaN,
                    dice(c.name())));
        }
        val.sort(Comparator.comparingDouble(HardCase::dice));
        rows.addAll(val);
        hardest.setAll(rows);
    }

    private double dice(String name) {
        return diceByCase.getOrDefault(name, Double.NaN);
    }

    /** Shows a validation: each case's Dice and a point per label on the Dice curves. */
    void showScores(TrainingSession.Scores scores) {
        for (CaseResult r : scores.training()) {
            diceByCase.put(r.name(), Validation.meanDice(r));
        }
        for (CaseResult r : scores.validation()) {
            diceByCase.put(r.name(), Validation.meanDice(r));
        }
        if (!scores.validation().isEmpty()) {
            Map<Integer, double[]> sums = new LinkedHashMap<>();
            for (CaseResult r : scores.validation()) {
                for (LabelScore l : r.scores()) {
                    double[] acc = sums.computeIfAbsent(l.label(), k -> new double[2]);
                    acc[0] += l.dice();
                    acc[1]++;
                }
            }
            sums.forEach((label, acc) -> dicePoints.computeIfAbsent(scores.labels().name(label),
                    k -> new ArrayList<>()).add(new ChartThrottle.Point(scores.iteration(), acc[0] / acc[1])));
            List<DiceCurve> curves = new ArrayList<>();
            dicePoints.forEach((label, points) -> curves.add(new DiceCurve(label, List.copyOf(points))));
            diceCurves.setAll(curves);
        }
        updateHardest(latest.get());
    }

    /** E.g. "1h02m" or "3m05s". */
    static String formatDuration(long seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds / 60 % 60);
        }
        return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }

    /**
     * The sampler in one line: how many cases it effectively draws from (exp of the entropy; all of them is
     * standard training) and the β that gives.
     */
    static String samplerSummary(double effectiveCases, int cases, double beta) {
        return String.format(Locale.ROOT, "Sampler: effectively %.1f of %d cases (β %.3g)", effectiveCases, cases,
                beta);
    }

    /** The gradient self-check's plain result for the current run; empty before it. */
    public StringProperty selfCheckProperty() {
        return selfCheck;
    }

    /** The self-check's numbers (network, batch, patch, gradient errors), for a details popup; empty before it. */
    public StringProperty selfCheckDetailsProperty() {
        return selfCheckDetails;
    }

    /** The gradient self-check passed: its plain line and its numbers (screen thread). */
    void selfChecked(String summary, String details) {
        selfCheck.set(summary);
        selfCheckDetails.set(details);
    }

    public IntegerProperty iterationProperty() {
        return iteration;
    }

    public IntegerProperty totalProperty() {
        return total;
    }

    /** The estimated time remaining. */
    public StringProperty etaProperty() {
        return eta;
    }

    public ObservableList<ChartThrottle.Point> lossCurve() {
        return lossCurve;
    }

    public StringProperty samplerSummaryProperty() {
        return samplerSummary;
    }

    /** The sampler's probabilities, highest first (at most {@value #MAX_BARS}). */
    public ObservableList<Bar> sampler() {
        return sampler;
    }

    public ObservableList<DiceCurve> diceCurves() {
        return diceCurves;
    }

    public ObservableList<HardCase> hardest() {
        return hardest;
    }
}
