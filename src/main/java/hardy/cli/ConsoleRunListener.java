package hardy.cli;

import hardy.eval.EvaluationReport;
import hardy.eval.MetricSummary;
import hardy.training.session.RunListener;
import hardy.training.session.RunState;
import hardy.training.session.TrainingSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * {@code hardy train}'s view of a run: the self-check, one progress line rewritten in place, the validation
 * tables, and (with {@code --loss-log}) every iteration's per-case losses appended to a CSV.
 */
final class ConsoleRunListener implements RunListener, AutoCloseable {

    private final PrintWriter err;
    private final List<String> caseNames;
    private final PrintWriter log;
    private long start;
    private int first = -1;
    private boolean lineOpen;
    private TrainingSession.Finished result;

    /**
     * @param lossLog the CSV to append to, or {@code null}
     */
    ConsoleRunListener(PrintWriter err, List<String> caseNames, Path lossLog) throws IOException {
        this.err = err;
        this.caseNames = List.copyOf(caseNames);
        if (lossLog == null) {
            this.log = null;
        } else {
            this.log = new PrintWriter(Files.newBufferedWriter(lossLog, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
            if (Files.size(lossLog) == 0) {
                log.println("iteration,case,loss,weight,effective_cases,beta");
            }
        }
    }

    @Override
    public void stateChanged(RunState state, String message) {
        if (state == RunState.RUNNING) {
            start = System.nanoTime(); // after the self-check, or after a pause
            first = -1;
            if (!message.isEmpty()) {
                err.println(message);
            }
        }
    }

    @Override
    public void iteration(TrainingSession.Snapshot it, int total) {
        long now = System.nanoTime();
        if (first < 0) {
            first = it.iteration() - 1;
        }
        double perIteration = (now - start) / 1e9 / Math.max(1, it.iteration() - first);
        long eta = Math.round(perIteration * (total - it.iteration()));
        // The effective number of cases says how concentrated the sampler is (all of them = uniform).
        err.printf(Locale.ROOT, "\riteration %d/%d  loss %.4f  sampler: %.1f of %d cases (beta %.3g)  %.2f s/it  ETA"
                + " %dh%02dm%02ds\u001b[K", it.iteration(), total, it.loss(), it.effectiveCases(),
                it.probabilities().length, it.beta(), perIteration, eta / 3600, eta / 60 % 60, eta % 60);
        err.flush();
        lineOpen = true;
        if (log != null) {
            for (int b = 0; b < it.batch().length; b++) {
                log.printf(Locale.ROOT, "%d,%s,%.6f,%.4f,%.3f,%.6g%n", it.iteration(), caseNames.get(it.batch()[b]),
                        it.caseLosses()[b], it.weights()[b], it.effectiveCases(), it.beta());
            }
            log.flush();
            if (log.checkError()) {
                throw new UncheckedIOException(new IOException("cannot write the loss log"));
            }
        }
    }

    @Override
    public void validated(TrainingSession.Scores scores) {
        endLine();
        if (!scores.validation().isEmpty()) {
            err.println("Validation at iteration " + scores.iteration() + ":");
            err.print(EvaluationReport.table(MetricSummary.summarise(scores.validation()), scores.labels()));
        }
    }

    @Override
    public void status(String message) {
        if (!message.isEmpty()) {
            endLine();
        }
    }

    @Override
    public void finished(TrainingSession.Finished finished) {
        endLine();
        result = finished;
    }

    /** The finished run, or {@code null} if it did not finish. */
    TrainingSession.Finished result() {
        return result;
    }

    /** Ends the progress line, so that what follows starts on its own line. */
    void endLine() {
        if (lineOpen) {
            err.println();
            lineOpen = false;
        }
    }

    @Override
    public void close() {
        if (log != null) {
            log.close();
        }
    }
}
