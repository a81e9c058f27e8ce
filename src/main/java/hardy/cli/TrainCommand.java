package hardy.cli;

import hardy.core.CancelledException;
import hardy.eval.EvaluationReport;
import hardy.eval.MetricSummary;
import hardy.inference.ModelRegistry;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.training.TorchEngine;
import hardy.training.TrainingCases;
import hardy.training.export.TrainedModelCards;
import hardy.training.session.CheckpointFolder;
import hardy.training.session.RunMismatchException;
import hardy.training.session.RunSettings;
import hardy.training.session.RunState;
import hardy.training.session.TrainingPlan;
import hardy.training.session.TrainingRun;
import hardy.training.session.TrainingSession;
import hardy.training.session.TrainingWorkspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hardy train}: options → {@link TrainingPlan} → {@link TrainingRun}, printed by a
 * {@link ConsoleRunListener}. The plan and the run are the training tab's too, so either continues what the other
 * stopped.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a 3D U-Net with hardness weighted sampling (Fidon et al.) and export it as a model "
                + "folder (model.onnx + model.json).",
            "Cases: NAME_image.nii.gz / NAME_labels.nii.gz pairs in a folder, or a CSV with image,labels columns "
                + "(or the cases.csv of hardy synth), or the training tab's --workspace. At the end the cases are "
                + "ranked by hardness (the sampler's loss) in OUT-hardness.csv, beside the model folder: the cases "
                + "worth an expert's review first."})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    TrainArguments a;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        RunSettings settings = a.settings();
        TrainingPlan plan = plan(settings);
        Path modelDir = plan.output().modelDir();
        if (Files.isDirectory(modelDir) && !isEmpty(modelDir)) {
            throw new IllegalArgumentException(modelDir + " already exists and is not empty; choose a new --out");
        }
        boolean checkpointed = Files.isRegularFile(plan.checkpoint().resolve(CheckpointFolder.RUN_FILE));
        if (checkpointed && !a.resume) {
            throw new IllegalArgumentException(plan.checkpoint() + " holds a checkpoint of another run; pass --resume "
                    + "to continue it, or choose another --checkpoint");
        }
        if (a.resume && !checkpointed) {
            throw new IllegalArgumentException("--resume: no checkpoint in " + plan.checkpoint());
        }
        if (a.threads != null) {
            TorchEngine.setThreads(a.threads);
        }
        err.println("Loading " + plan.training().size() + " training cases");
        err.println("Training on " + TorchEngine.describeDevice());
        TrainingRun run;
        TrainingSession.Finished f;
        try (ConsoleRunListener console = new ConsoleRunListener(err, plan.caseNames(), a.lossLog)) {
            run = new TrainingRun(plan, console);
            runStoppingOnCtrlC(run);
            console.endLine();
            f = console.result();
        }
        if (run.state() == RunState.CANCELLED) {
            err.println("Cancelled; the checkpoint in " + plan.checkpoint() + " is kept (continue with --resume)");
            throw new CancelledException();
        }
        if (run.state() != RunState.FINISHED) {
            throw run.failure() instanceof RunMismatchException m ? new IllegalArgumentException("--resume: "
                    + m.getMessage() + "; give the first run's options") : run.failure();
        }
        stdout.printf(Locale.ROOT, "Exported %s (%d iterations, parity %.2g, %d KB)%n", modelDir, f.iterations(),
                f.export().maxAbsDifference(), f.export().onnxBytes() / 1024);
        stdout.println("Hardest cases first: " + plan.output().hardnessCsv());
        if (!f.scores().validation().isEmpty()) {
            stdout.print(EvaluationReport.table(MetricSummary.summarise(f.scores().validation()),
                    f.scores().labels()));
        }
        ModelRegistry registry = ModelRegistry.installed();
        if (a.install) {
            Path installed = registry.install(modelDir, TrainedModelCards.safeName(plan.output().name()), null);
            stdout.println("Installed for the viewer: " + installed);
        } else {
            stdout.println("To use it in the viewer: hardy models --install " + modelDir);
        }
        return 0;
    }

    private TrainingPlan plan(RunSettings settings) throws IOException {
        if ((a.cases == null) == (a.workspace == null)) {
            throw new IllegalArgumentException("give the training cases: --cases or --workspace (one of them)");
        }
        Path modelDir = a.out.toAbsolutePath().normalize();
        String name = a.name != null ? a.name : modelDir.getFileName().toString();
        TrainingPlan.Output output = new TrainingPlan.Output(modelDir, name, a.description, commandLine(),
                modelDir.resolveSibling(modelDir.getFileName() + "-hardness.csv"), false);
        if (a.workspace != null) {
            TrainingWorkspace ws = new TrainingWorkspace(a.workspace, VolumeReaders.installed(),
                    VolumeWriters.installed());
            TrainingPlan plan = TrainingPlan.ofWorkspace(ws, ws.cases(), settings, a.init).withOutput(output, false);
            return a.checkpoint == null ? plan : withCheckpoint(plan, a.checkpoint);
        }
        List<TrainingCases.CaseFiles> val = a.val == null ? List.of() : TrainingCases.find(a.val);
        Path ckpt = a.checkpoint != null ? a.checkpoint
                : modelDir.resolveSibling(modelDir.getFileName() + ".checkpoint");
        return new TrainingPlan(TrainingCases.find(a.cases), val, null, settings, a.init, ckpt, output, false);
    }

    private static TrainingPlan withCheckpoint(TrainingPlan p, Path ckpt) {
        return new TrainingPlan(p.training(), p.validation(), p.caseSpacings(), p.settings(), p.startingModel(), ckpt,
                p.output(), p.scoreTrainingCases());
    }

    /** Runs on this thread; Ctrl-C cancels after the current iteration and waits for the checkpoint. */
    private static void runStoppingOnCtrlC(TrainingRun run) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            run.cancel();
            try {
                stopped.await(120, TimeUnit.SECONDS); // let the checkpoint be written
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hardy-train-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            run.runHere();
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of Ctrl-C; the hook is running
            }
        }
    }

    /**
     * The command that made the model, for its card: path arguments are reduced to their last element, because
     * folder names may identify patients or sites.
     */
    private String commandLine() {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        List<String> args = all.subList(all.indexOf(spec.name()) + 1, all.size()); // after "train"
        List<String> paths = List.of("--cases", "--val", "--out", "--init", "--checkpoint", "--loss-log",
                "--workspace");
        StringBuilder text = new StringBuilder("hardy train");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0 && paths.contains(arg.substring(0, equals))) {
                arg = arg.substring(0, equals + 1) + Path.of(arg.substring(equals + 1)).getFileName();
            } else if (i > 0 && paths.contains(args.get(i - 1))) {
                arg = String.valueOf(Path.of(arg).getFileName());
            }
            text.append(' ').append(arg);
        }
        return text.toString();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
