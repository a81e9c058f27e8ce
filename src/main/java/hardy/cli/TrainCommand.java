package hardy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hardy.core.AtomicFiles;
import hardy.core.Cancellation;
import hardy.core.CancelledException;
import hardy.core.ProgressListener;
import hardy.eval.CaseResult;
import hardy.eval.EvaluationReport;
import hardy.eval.MetricSummary;
import hardy.inference.ModelCard;
import hardy.inference.SegmentationModel;
import hardy.io.VolumeReaders;
import hardy.training.LearningRateSchedule;
import hardy.training.TorchEngine;
import hardy.training.Trainer;
import hardy.training.TrainingCase;
import hardy.training.TrainingCases;
import hardy.training.TrainingListener;
import hardy.training.TrainingOptions;
import hardy.training.Validation;
import hardy.training.export.ModelExport;
import hardy.training.export.ModelImport;
import hardy.training.export.TrainedModelCards;
import hardy.training.unet.UNet3dConfig;
import hardy.volume.LabelTable;
import hardy.volume.Volume;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hardy train}: fine-tunes or trains a 3D U-Net with hardness weighted sampling, checkpoints and resumes,
 * exports the model folder after the parity check, and ranks the cases by hardness.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a 3D U-Net with hardness weighted sampling (Fidon et al.) and export it as a model "
                + "folder (model.onnx + model.json).",
            "Cases: NAME_image.nii.gz / NAME_labels.nii.gz pairs in a folder, or a CSV with image,labels columns "
                + "(or the cases.csv of hardy synth). At the end the cases are ranked by hardness (the sampler's "
                + "loss) in OUT-hardness.csv, beside the model folder: the cases worth an expert's review first."})
final class TrainCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN_FILE = "run.json";

    @Option(names = "--cases", required = true, paramLabel = "DIR|CSV", description = "Training cases.")
    Path cases;

    @Option(names = "--val", paramLabel = "DIR|CSV",
            description = "Held-back cases, segmented with the exported model at the end (Dice, HD95).")
    Path val;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR",
            description = "Model folder to write (must not exist yet, or be empty).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "Model name (default: the folder's name).")
    String name;

    @Option(names = "--description", paramLabel = "TEXT",
            description = "One paragraph for the model picker: what the model is for and what it was trained on.")
    String description;

    @Option(names = "--beta", defaultValue = "0", paramLabel = "B",
            description = "Robustness in the paper's form: 0 (default) is standard training (ERM); the paper uses "
                    + "100. Hardy's experiments (docs/experiments/erm-vs-hws.md) found no gain from hardness "
                    + "weighted sampling yet, so it is off by default; see also --ess-share.")
    double beta;

    @Option(names = "--ess-share", paramLabel = "S",
            description = "Robustness as the share of cases the sampler effectively draws from, in (0, 1]: beta is "
                    + "then set from the current losses after every iteration so that exp(entropy) of the sampling "
                    + "distribution is S times the number of cases (a KL ball of radius -ln S). 1 is standard "
                    + "training. Replaces --beta; the progress line shows the effective number either way.")
    Double essShare;

    @Option(names = "--importance-weights", description = "Weight each case's loss by the sampler's importance "
            + "weight, clipped to [0.1, 10].")
    boolean importanceWeights;

    @Option(names = "--momentum", defaultValue = "0", paramLabel = "M",
            description = "Momentum of the sampler's loss updates in [0, 1) (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--iterations", defaultValue = "1000", paramLabel = "N",
            description = "Total iterations of the run (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--patch", defaultValue = "32", paramLabel = "VOXELS",
            description = "Cubic patch side, a multiple of 2^depth (default: ${DEFAULT-VALUE}).")
    int patch;

    @Option(names = "--batch", defaultValue = "2", paramLabel = "B",
            description = "Distinct cases per iteration (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "RATE",
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--schedule", defaultValue = "poly", paramLabel = "constant|poly|cosine",
            description = "Learning-rate schedule over --iterations (default: ${DEFAULT-VALUE}, as nnU-Net).")
    String schedule;

    @Option(names = "--augment", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Augment patches on the fly: small rotations and scaling, mirroring, gamma, intensity "
                    + "scale, noise, bias field (default: on; --no-augment turns it off).")
    boolean augment;

    @Option(names = "--foreground-share", defaultValue = "0.5", paramLabel = "F",
            description = "Share of patches centred on a labelled class, each class present equally often "
                    + "(default: ${DEFAULT-VALUE}).")
    double foregroundShare;

    @Option(names = "--base-channels", defaultValue = "8", paramLabel = "C",
            description = "Feature channels at full resolution (default: ${DEFAULT-VALUE}).")
    int baseChannels;

    @Option(names = "--depth", defaultValue = "3", paramLabel = "D",
            description = "Number of downsamplings (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--spacing", paramLabel = "MM", split = ",",
            description = "Model voxel spacing: one value or three (default: --init's, else the cases' median).")
    double[] spacing;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of weights, sampler and patches.")
    long seed;

    @Option(names = "--init", paramLabel = "MODEL_DIR",
            description = "Fine-tune this Hardy model (its network shape, spacing and labels are kept).")
    Path init;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "Checkpoint folder (default: OUT.checkpoint beside the model folder).")
    Path checkpoint;

    @Option(names = "--checkpoint-every", defaultValue = "100", paramLabel = "N",
            description = "Iterations between checkpoints (default: ${DEFAULT-VALUE}); also written on Ctrl-C.")
    int checkpointEvery;

    @Option(names = "--val-every", defaultValue = "0", paramLabel = "N",
            description = "Also score the --val cases every N iterations (0: only at the end).")
    int valEvery;

    @Option(names = "--loss-log", paramLabel = "CSV",
            description = "Append every iteration's per-case losses to this CSV (iteration, case, loss, weight, "
                    + "effective cases, beta), for studying the hardness signal.")
    Path lossLog;

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads for PyTorch (default: all cores).")
    Integer threads;

    @Option(names = "--resume", description = "Continue the run in the checkpoint folder up to --iterations.")
    boolean resume;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        checkArguments();
        Path modelDir = out.toAbsolutePath().normalize();
        Path ckpt = checkpoint != null ? checkpoint : modelDir.resolveSibling(modelDir.getFileName() + ".checkpoint");
        if (Files.isDirectory(modelDir) && !isEmpty(modelDir)) {
            throw new IllegalArgumentException(modelDir + " already exists and is not empty; choose a new --out");
        }
        boolean checkpointed = Files.isRegularFile(ckpt.resolve(RUN_FILE));
        if (checkpointed && !resume) {
            throw new IllegalArgumentException(ckpt + " holds a checkpoint of another run; pass --resume to continue "
                    + "it, or choose another --checkpoint");
        }
        if (resume && !checkpointed) {
            throw new IllegalArgumentException("--resume: no checkpoint in " + ckpt);
        }

        List<TrainingCases.CaseFiles> trainFiles = TrainingCases.find(cases);
        List<TrainingCases.CaseFiles> valFiles = val == null ? List.of() : TrainingCases.find(val);
        ModelCard initCard = init == null ? null : SegmentationModel.readCard(init);
        LabelTable caseLabels = TrainedModelCards.caseLabels(cases); // read now: a bad file fails before training
        UNet3dConfig initConfig = init == null ? null : ModelImport.readConfig(init);
        double[] modelSpacing = modelSpacing(initCard, trainFiles);
        ModelCard gridCard = TrainedModelCards.grid(modelName(modelDir), modelSpacing, patch);

        err.println("Loading " + trainFiles.size() + " training cases at " + mm(modelSpacing) + " mm");
        List<TrainingCase> train = new ArrayList<>();
        int maxLabel = 0;
        for (TrainingCases.CaseFiles c : trainFiles) {
            TrainingCase tc = TrainingCases.load(c, gridCard, Cancellation.NEVER);
            checkFits(c.name(), tc);
            train.add(tc);
            maxLabel = Math.max(maxLabel, tc.labels().maxLabel());
        }
        UNet3dConfig config = initConfig != null ? initConfig
                : new UNet3dConfig(1, Math.max(2, maxLabel + 1), baseChannels, depth);
        if (maxLabel >= config.classes()) {
            throw new IllegalArgumentException("the cases have label " + maxLabel + " but the --init model has only "
                    + (config.classes() - 1) + " foreground classes");
        }
        if (patch % config.sizeMultiple() != 0) {
            throw new IllegalArgumentException("--patch " + patch + " must be a multiple of " + config.sizeMultiple()
                    + " for a U-Net of depth " + config.depth());
        }
        TrainingOptions options = new TrainingOptions(config, patch, patch, patch, batch, learningRate, beta,
                foregroundShare, importanceWeights, seed, momentum, augment, learningRateSchedule(), iterations,
                essShare == null ? 0 : essShare);
        ObjectNode run = TrainedModelCards.settings(options, iterations, modelSpacing,
                trainFiles.stream().map(TrainingCases.CaseFiles::name).toList());
        if (resume) {
            ObjectNode saved = (ObjectNode) JSON.readTree(ckpt.resolve(RUN_FILE).toFile());
            List<String> differing = TrainedModelCards.differences(saved, run);
            if (!differing.isEmpty()) {
                throw new IllegalArgumentException("--resume: the checkpoint in " + ckpt + " was made with other "
                        + "settings or cases (" + String.join(", ", differing) + "); give the first run's options");
            }
        }
        Cancellation cancel = new Cancellation();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.cancel();
            try {
                stopped.await(120, TimeUnit.SECONDS); // let the checkpoint be written
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hardy-train-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        if (threads != null) {
            TorchEngine.setThreads(threads);
        }
        err.println("Training on " + TorchEngine.describeDevice());
        try (Trainer trainer = resume ? Trainer.resume(options, train, ckpt) : new Trainer(options, train)) {
            err.println(trainer.selfCheck().summary());
            if (trainer.perCasePasses()) {
                err.println("PyTorch's batched gradients failed the check on this machine: training one case per "
                        + "pass instead (correct, but slower)");
            }
            if (init != null && !resume) {
                ModelImport.loadWeights(init, trainer.network());
                err.println("Fine-tuning " + initCard.name() + " " + initCard.version());
            }
            byte[] runJson = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(run);
            AtomicFiles.write(ckpt.resolve(RUN_FILE), o -> o.write(runJson));
            long start = System.nanoTime();
            int first = trainer.iterations();
            PrintWriter log = lossLog == null ? null : new PrintWriter(Files.newBufferedWriter(lossLog,
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND));
            if (log != null && Files.size(lossLog) == 0) {
                log.println("iteration,case,loss,weight,effective_cases,beta");
            }
            try {
                while (trainer.iterations() < iterations) {
                    int chunk = Math.min(checkpointEvery - trainer.iterations() % checkpointEvery,
                            iterations - trainer.iterations());
                    if (valEvery > 0 && !valFiles.isEmpty()) {
                        chunk = Math.min(chunk, valEvery - trainer.iterations() % valEvery);
                    }
                    trainer.train(chunk, ProgressListener.NONE, cancel, it -> {
                        line(err, it, train.size(), start, first);
                        logLosses(log, it, trainFiles);
                    });
                    if (log != null) {
                        log.flush();
                    }
                    if (trainer.iterations() % checkpointEvery == 0 || trainer.iterations() == iterations) {
                        trainer.saveCheckpoint(ckpt);
                    }
                    if (valEvery > 0 && !valFiles.isEmpty() && trainer.iterations() % valEvery == 0
                            && trainer.iterations() < iterations) {
                        err.println();
                        Path interim = ckpt.resolve("validation-model");
                        ModelExport.export(trainer.network(), card(interim, modelSpacing, config.classes(),
                                trainFiles.size(), initCard, run, caseLabels), interim, true);
                        err.println("Validation at iteration " + trainer.iterations() + ":");
                        validate(interim, valFiles, err, err);
                    }
                }
            } catch (CancelledException e) {
                if (log != null) {
                    log.close();
                }
                trainer.saveCheckpoint(ckpt);
                err.println();
                err.println("Cancelled at iteration " + trainer.iterations() + "; checkpoint in " + ckpt
                        + " (continue with --resume)");
                throw e;
            }
            if (log != null) {
                log.close();
            }
            err.println();
            Path hardness = modelDir.resolveSibling(modelDir.getFileName() + "-hardness.csv");
            writeHardness(hardness, trainFiles, trainer);
            ModelCard card = card(modelDir, modelSpacing, config.classes(), trainFiles.size(), initCard, run, caseLabels);
            ((ObjectNode) card.provenance()).put("command", commandLine());
            ModelExport.ExportReport report = ModelExport.export(trainer.network(), card, modelDir);
            stdout.printf(Locale.ROOT, "Exported %s (%d iterations, parity %.2g, %d KB)%n", modelDir,
                    trainer.iterations(), report.maxAbsDifference(), report.onnxBytes() / 1024);
            stdout.println("Hardest cases first: " + hardness);
            if (!valFiles.isEmpty()) {
                validate(modelDir, valFiles, stdout, err);
            }
            return 0;
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of Ctrl-C; the hook is running
            }
        }
    }

    private void checkArguments() {
        if (iterations < 1 || batch < 1 || patch < 4 || checkpointEvery < 1 || valEvery < 0 || baseChannels < 1
                || depth < 1 || depth > 6) {
            throw new IllegalArgumentException("--iterations, --batch, --checkpoint-every, --base-channels must be "
                    + "positive, --patch at least 4 and --depth in 1..6");
        }
        if (!(beta >= 0) || Double.isInfinite(beta) || !(learningRate > 0) || !(momentum >= 0 && momentum < 1)
                || !(foregroundShare >= 0 && foregroundShare <= 1)) {
            throw new IllegalArgumentException("--beta must be >= 0, --lr > 0, --momentum in [0, 1) and "
                    + "--foreground-share in [0, 1]");
        }
        if (essShare != null && !(essShare > 0 && essShare <= 1)) {
            throw new IllegalArgumentException("--ess-share must be in (0, 1], not " + essShare);
        }
        if (spacing != null && (spacing.length != 1 && spacing.length != 3
                || Arrays.stream(spacing).anyMatch(s -> !(s > 0) || Double.isInfinite(s)))) {
            throw new IllegalArgumentException("--spacing takes one or three positive values in mm");
        }
    }

    /**
     * The command that made the model, for its card: path arguments are reduced to their last element, because
     * folder names may identify patients or sites.
     */
    private String commandLine() {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        List<String> args = all.subList(all.indexOf(spec.name()) + 1, all.size()); // after "train"
        List<String> paths = List.of("--cases", "--val", "--out", "--init", "--checkpoint", "--loss-log");
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

    private LearningRateSchedule learningRateSchedule() {
        try {
            return LearningRateSchedule.valueOf(schedule.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--schedule takes constant, poly or cosine, not " + schedule);
        }
    }

    private double[] modelSpacing(ModelCard initCard, List<TrainingCases.CaseFiles> files) throws IOException {
        if (spacing != null) {
            return spacing.length == 1 ? new double[] {spacing[0], spacing[0], spacing[0]} : spacing.clone();
        }
        if (initCard != null) {
            return initCard.spacing().clone();
        }
        List<Volume> images = new ArrayList<>();
        for (TrainingCases.CaseFiles c : files) {
            images.add(VolumeReaders.installed().read(c.image()).volume());
        }
        return TrainingCases.medianSpacing(images);
    }

    private void checkFits(String caseName, TrainingCase c) {
        Volume v = c.image();
        if (v.nx() < patch || v.ny() < patch || v.nz() < patch) {
            throw new IllegalArgumentException("case " + caseName + " is " + v.nx() + "x" + v.ny() + "x" + v.nz()
                    + " on the model grid, smaller than the " + patch + "^3 patch");
        }
    }

    /** The card of the model this run produces (the hash is filled in by the export). */
    private ModelCard card(Path modelDir, double[] modelSpacing, int classes, int caseCount, ModelCard initCard,
            ObjectNode run, LabelTable caseLabels) {
        return TrainedModelCards.trained(modelName(modelDir), description, modelSpacing, classes, patch, initCard, run,
                caseCount, caseLabels);
    }

    private String modelName(Path modelDir) {
        return name != null ? name : modelDir.getFileName().toString();
    }

    /** The progress line; the effective number of cases says how concentrated the sampler is (n = uniform). */
    private void line(PrintWriter err, TrainingListener.Iteration it, int cases, long start, int first) {
        double perIteration = (System.nanoTime() - start) / 1e9 / Math.max(1, it.iteration() - first);
        long eta = Math.round(perIteration * (iterations - it.iteration()));
        err.printf(Locale.ROOT, "\riteration %d/%d  loss %.4f  sampler: %.1f of %d cases (beta %.3g)  %.2f s/it  ETA"
                + " %dh%02dm%02ds\u001b[K", it.iteration(), iterations, it.loss(), it.effectiveCases(), cases, it.beta(),
                perIteration, eta / 3600, eta / 60 % 60, eta % 60);
        err.flush();
    }

    private static void logLosses(PrintWriter log, TrainingListener.Iteration it, List<TrainingCases.CaseFiles> files) {
        if (log == null) {
            return;
        }
        for (int b = 0; b < it.batch().length; b++) {
            log.printf(Locale.ROOT, "%d,%s,%.6f,%.4f,%.3f,%.6g%n", it.iteration(), files.get(it.batch()[b]).name(),
                    it.caseLosses()[b], it.weights()[b], it.effectiveCases(), it.beta());
        }
    }

    /** Cases ranked by the sampler's loss, hardest first. */
    private static void writeHardness(Path file, List<TrainingCases.CaseFiles> files, Trainer trainer)
            throws IOException {
        double[] losses = trainer.sampler().losses();
        Integer[] order = new Integer[losses.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(losses[b], losses[a]));
        AtomicFiles.write(file, o -> {
            Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
            w.write("rank,case,loss,probability\n");
            for (int r = 0; r < order.length; r++) {
                int i = order[r];
                w.write(String.format(Locale.ROOT, "%d,%s,%.6f,%.6g%n", r + 1, files.get(i).name(), losses[i],
                        trainer.sampler().probability(i)));
            }
            w.flush();
        });
    }

    /** Segments the held-back cases with the exported model and adds the summary to its card. */
    private void validate(Path modelDir, List<TrainingCases.CaseFiles> files, PrintWriter stdout, PrintWriter err)
            throws IOException {
        List<CaseResult> results = Validation.score(modelDir, files, (done, total, message) -> {
            err.print("\r" + message + "\u001b[K");
            err.flush();
        }, Cancellation.NEVER);
        err.println();
        SegmentationModel model = SegmentationModel.load(modelDir);
        List<MetricSummary> summary = MetricSummary.summarise(results);
        stdout.print(EvaluationReport.table(summary, model.card().labelTable()));
        ModelExport.addEvaluation(modelDir, summary, files.size());
    }

    private static String mm(double[] s) {
        return String.format(Locale.ROOT, "%.3gx%.3gx%.3g", s[0], s[1], s[2]);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
