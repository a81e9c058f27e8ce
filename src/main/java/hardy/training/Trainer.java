package hardy.training;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import hardy.core.AtomicFiles;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.training.sampler.EffectiveShare;
import hardy.training.sampler.HardnessWeightedSampler;
import hardy.training.sampler.SamplerOptions;
import hardy.training.unet.UNet3d;
import hardy.training.unet.UNet3dConfig;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link UNet3d} on labelled cases with hardness weighted sampling (DESIGN.md, "The method").
 *
 * <p>Each iteration: the sampler draws {@code batchSize} distinct cases; one patch per case is cropped and
 * normalised; the batch runs forward and backward as one pass ({@link SegmentationLoss}: cross-entropy plus batch
 * Dice, or the importance-weighted mean of the per-case losses); the per-case losses of the same pass update the
 * sampler; Adam steps. One pass per batch is several times faster than one per case: at batch 1 libtorch runs its
 * own {@code slow_conv3d}, at batch 2 and more oneDNN. Because libtorch's batched (oneDNN) conv3d gradients were
 * once wrong on an AVX-512 CPU (docs/decisions/0007-pytorch-gradient-self-check.md), the constructor runs
 * {@link GradientSelfCheck} at the run's batch and patch size; if that fails it falls back to one case per pass
 * (checked at batch 1) and says so in the log and {@link #perCasePasses()}, and it refuses to train if that fails
 * too.
 *
 * <p>Native memory: every iteration's arrays live in a sub-manager closed at the end of the iteration; only
 * weights and optimiser state live in the trainer's manager. Not thread-safe; close the trainer to free the
 * network.
 */
public final class Trainer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /** Checkpoint files. */
    static final String NETWORK_FILE = "network.params";
    static final String SAMPLER_FILE = "sampler.bin";
    /** The file every complete checkpoint has: written last, it names the iteration count and the slot. */
    public static final String PROGRESS_FILE = "progress.properties";
    static final String OPTIMIZER_FILE = "optimizer.bin";
    private static final String SLOT_PREFIX = "slot-";

    private final TrainingOptions options;
    private final Engine engine;
    private final NDManager manager;
    private final UNet3d network;
    private final ParameterStore store;
    private final AdamState optimizer;
    private final HardnessWeightedSampler sampler;
    private final PatchSampler patches;
    private final GradientSelfCheck.Result selfCheck;
    /** Whether the batch runs one case per pass because batched gradients failed the self-check. */
    private final boolean perCasePasses;
    private int iterations;

    /**
     * Prepares a run: checks the engine's gradients, initialises the network, the sampler and the optimiser.
     *
     * @throws IllegalStateException    if the engine fails the gradient self-check on this machine
     * @throws IllegalArgumentException if the cases do not fit the options
     */
    public Trainer(TrainingOptions options, List<TrainingCase> cases) {
        this(options, cases, null, GradientSelfCheck.Convolution.ENGINE);
    }

    /**
     * With {@code restoredSampler} null, a fresh sampler is made from the options; {@code checked} is the
     * convolution the self-check probes (the engine's own, or a faulty one in tests of the fallback).
     */
    Trainer(TrainingOptions options, List<TrainingCase> cases, HardnessWeightedSampler restoredSampler,
            GradientSelfCheck.Convolution checked) {
        if (cases.isEmpty() || cases.size() < options.batchSize()) {
            throw new IllegalArgumentException("a batch of " + options.batchSize() + " distinct cases needs at least"
                    + " that many cases, got " + cases.size());
        }
        this.options = options;
        this.patches = new PatchSampler(cases, options);
        this.engine = TorchEngine.get();
        UNet3dConfig config = options.network();
        int[] patch = {options.patchX(), options.patchY(), options.patchZ()};
        GradientSelfCheck.Result batched = GradientSelfCheck.run(engine, config, options.batchSize(), patch,
                options.seed(), checked);
        if (batched.passed() || options.batchSize() == 1) {
            this.selfCheck = batched;
            this.perCasePasses = false;
        } else {
            // The fallback decision 0007 made the default: no convolution sees more than one case.
            this.selfCheck = GradientSelfCheck.run(engine, config, 1, patch, options.seed(), checked);
            this.perCasePasses = true;
            // File only: the CLI and the training tab say this in their own words.
            LOG.warn(org.slf4j.MarkerFactory.getMarker("FILE_ONLY"),
                    "Batched gradients failed the self-check ({}); training one case per pass instead",
                    batched.describe());
        }
        // The numbers go to the log file (INFO stays off the console); the user reads summary().
        LOG.info("{}", selfCheck.describe());
        if (!selfCheck.passed()) {
            throw new IllegalStateException(selfCheck.summary() + ", so training is refused; the numbers are in "
                    + "the log");
        }
        this.manager = engine.newBaseManager(TorchEngine.trainingDevice());
        engine.setRandomSeed((int) options.seed());
        this.network = new UNet3d(config);
        network.initialize(manager, DataType.FLOAT32, patchShape(1));
        this.store = new ParameterStore(manager, false);
        this.optimizer = new AdamState(network.getParameters(), manager);
        this.sampler = restoredSampler != null ? restoredSampler : new HardnessWeightedSampler(cases.size(),
                options.beta(), SamplerOptions.defaults().withSeed(options.seed()).withMomentum(options.momentum())
                        .withInitialLoss(initialLoss(options.network().classes())));
        if (restoredSampler == null && options.effectiveShare() > 0) {
            sampler.setBeta(EffectiveShare.betaFor(sampler.losses(), options.effectiveShare()));
        }
        if (sampler.size() != cases.size()) {
            throw new IllegalArgumentException("the checkpoint's sampler knows " + sampler.size()
                    + " cases, but " + cases.size() + " were given");
        }
    }

    /**
     * The placeholder stale loss of a case not yet visited: above the hardness of an untrained network (about
     * {@code 1 + ln K} for a uniform prediction over {@code K} classes), so that unvisited cases are drawn first.
     * The first visit replaces it ({@link HardnessWeightedSampler#update}).
     */
    static double initialLoss(int classes) {
        return 1 + 2 * Math.log(classes);
    }

    private Shape patchShape(int cases) {
        return new Shape(cases, options.network().inputChannels(), options.patchZ(), options.patchY(),
                options.patchX());
    }

    /**
     * Trains {@code count} more iterations, checking for cancellation before each.
     *
     * @throws hardy.core.CancelledException when cancelled; the iterations done so far are kept
     * @throws IllegalStateException         if a loss becomes NaN or infinite
     */
    public void train(int count, ProgressListener progress, Cancellation cancellation, TrainingListener listener) {
        for (int done = 0; done < count; done++) {
            cancellation.check();
            listener.iterationFinished(iteration());
            progress.progress(done + 1, count, "training");
        }
    }

    private TrainingListener.Iteration iteration() {
        int[] batch = sampler.nextBatch(options.batchSize());
        PatchSampler.Patch[] batchPatches = new PatchSampler.Patch[batch.length];
        for (int b = 0; b < batch.length; b++) {
            batchPatches[b] = patches.sample(batch[b], iterations, b);
        }
        double[] losses = new double[batch.length];
        double[] weights = new double[batch.length];
        double objective;
        try (NDManager scope = manager.newSubManager()) {
            objective = perCasePasses ? backwardPerCase(scope, batch, batchPatches, losses, weights)
                    : backwardBatched(scope, batch, batchPatches, losses, weights);
            // Outside the collector: the optimiser's in-place updates must not be recorded by autograd.
            sampler.update(batch, losses);
            if (options.effectiveShare() > 0) {
                sampler.setBeta(EffectiveShare.betaFor(sampler.losses(), options.effectiveShare()));
            }
            step(scope);
        }
        iterations++;
        return new TrainingListener.Iteration(iterations, batch, losses, weights, objective,
                sampler.effectiveCases(), sampler.beta());
    }

    /**
     * The whole batch in one forward and one backward pass (the fast path): the objective is
     * {@link SegmentationLoss.Terms#objective}, and the per-case losses for the sampler come out of the same pass.
     */
    private double backwardBatched(NDManager scope, int[] batch, PatchSampler.Patch[] batchPatches,
            double[] losses, double[] weights) {
        int voxels = options.patchVoxels();
        float[] image = new float[batch.length * voxels];
        int[][] labels = new int[batch.length][];
        for (int b = 0; b < batch.length; b++) {
            System.arraycopy(batchPatches[b].image(), 0, image, b * voxels, voxels);
            labels[b] = batchPatches[b].labels();
        }
        try (GradientCollector collector = engine.newGradientCollector()) {
            NDArray x = scope.create(image, patchShape(batch.length));
            NDArray logits = network.forward(store, new NDList(x), true).singletonOrThrow();
            SegmentationLoss.Terms terms = SegmentationLoss.of(logits, oneHot(scope, labels));
            float[] hardness = terms.hardness().toFloatArray();
            for (int b = 0; b < batch.length; b++) {
                losses[b] = checkFinite(hardness[b], batch[b]);
            }
            float[] w = importanceWeights(batch, losses, weights);
            NDArray loss = terms.objective(w);
            double value = checkFinite(loss.getFloat(), -1);
            collector.backward(loss);
            return value;
        }
    }

    /**
     * The fallback when the engine's batched gradients failed the self-check: each case forward and backward on
     * its own, gradients accumulated. A batch Dice cannot be split into per-case passes, so this path minimises
     * the mean per-case loss ({@link SegmentationLoss.Terms#hardness}), importance weighted if asked.
     */
    private double backwardPerCase(NDManager scope, int[] batch, PatchSampler.Patch[] batchPatches,
            double[] losses, double[] weights) {
        NDArray[] caseLosses = new NDArray[batch.length];
        double objective = 0;
        try (GradientCollector collector = engine.newGradientCollector()) {
            List<NDManager> caseScopes = new java.util.ArrayList<>();
            try {
                for (int b = 0; b < batch.length; b++) {
                    NDManager caseScope = scope.newSubManager();
                    caseScopes.add(caseScope);
                    NDArray x = caseScope.create(batchPatches[b].image(), patchShape(1));
                    NDArray logits = network.forward(store, new NDList(x), true).singletonOrThrow();
                    caseLosses[b] = SegmentationLoss.of(logits, oneHot(caseScope,
                            new int[][] {batchPatches[b].labels()})).hardness();
                    losses[b] = checkFinite(caseLosses[b].getFloat(0), batch[b]);
                }
                float[] w = importanceWeights(batch, losses, weights);
                for (int b = 0; b < batch.length; b++) {
                    float scale = (w == null ? 1 : w[b]) / batch.length;
                    objective += scale * losses[b];
                    collector.backward(caseLosses[b].mul(scale));
                }
            } finally {
                caseScopes.forEach(NDManager::close);
            }
        }
        return objective;
    }

    /** Fills {@code weights} and returns them as floats, or null (all 1) without importance weights. */
    private float[] importanceWeights(int[] batch, double[] losses, double[] weights) {
        if (!options.importanceWeights()) {
            java.util.Arrays.fill(weights, 1);
            return null;
        }
        double[] w = sampler.importanceWeights(batch, losses);
        float[] out = new float[w.length];
        for (int b = 0; b < w.length; b++) {
            weights[b] = w[b];
            out[b] = (float) w[b];
        }
        return out;
    }

    private double checkFinite(double loss, int caseIndex) {
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("training diverged: the loss" + (caseIndex >= 0 ? " of case "
                    + caseIndex : "") + " is " + loss + " at iteration " + (iterations + 1));
        }
        return loss;
    }

    /** One Adam step at the schedule's rate, then zeroes the accumulated gradients. */
    private void step(NDManager scope) {
        optimizer.step(network.getParameters(), options.schedule().rate(options.learningRate(), iterations,
                options.totalIterations()), scope);
    }

    /** One-hot labels {@code (N, K, D, H, W)} of the patches' labels. */
    private NDArray oneHot(NDManager scope, int[][] labels) {
        int classes = options.network().classes();
        int voxels = options.patchVoxels();
        float[] data = new float[labels.length * classes * voxels];
        for (int b = 0; b < labels.length; b++) {
            int offset = b * classes * voxels;
            for (int v = 0; v < voxels; v++) {
                data[offset + labels[b][v] * voxels + v] = 1;
            }
        }
        return scope.create(data, new Shape(labels.length, classes, options.patchZ(), options.patchY(),
                options.patchX()));
    }

    /**
     * Saves the network weights, Adam's moments and step count, the sampler state and the iteration count into
     * {@code dir}. The three state files go into one of two slot folders ({@code slot-a}, {@code slot-b}), the one
     * the current checkpoint does not use; {@value #PROGRESS_FILE}, written last and atomically, then names the new
     * slot. A crash at any moment therefore leaves the previous complete checkpoint, never a mix of two. Patch
     * positions and augmentations depend only on the seed, the iteration and the case's slot, so a resumed run
     * continues exactly as an uninterrupted one.
     */
    public void saveCheckpoint(Path dir) throws IOException {
        Files.createDirectories(dir);
        String next = "a".equals(currentSlot(dir)) ? "b" : "a";
        Path slot = Files.createDirectories(dir.resolve(SLOT_PREFIX + next));
        AtomicFiles.write(slot.resolve(NETWORK_FILE), out -> {
            DataOutputStream data = new DataOutputStream(out);
            network.saveParameters(data);
            data.flush();
        });
        sampler.save(slot.resolve(SAMPLER_FILE));
        optimizer.save(slot.resolve(OPTIMIZER_FILE));
        AtomicFiles.write(dir.resolve(PROGRESS_FILE), out -> out.write(("iterations=" + iterations + "\nslot=" + next
                + "\n").getBytes(StandardCharsets.US_ASCII)));
    }

    /** The slot the checkpoint in {@code dir} uses ("a" or "b"), or {@code null} if none (or an older layout). */
    private static String currentSlot(Path dir) {
        try {
            return slotOf(readProgress(dir));
        } catch (IOException e) {
            return null;
        }
    }

    private static Properties readProgress(Path dir) throws IOException {
        Properties progress = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(PROGRESS_FILE))) {
            progress.load(in);
        }
        return progress;
    }

    /** Whether {@code dir} holds a complete checkpoint to {@link #resume} from. */
    public static boolean hasCheckpoint(Path dir) {
        return dir != null && Files.isRegularFile(dir.resolve(PROGRESS_FILE));
    }

    /** The iteration count of the checkpoint in {@code dir}; 0 if there is none or its marker cannot be read. */
    public static int checkpointIterations(Path dir) {
        if (!hasCheckpoint(dir)) {
            return 0;
        }
        try {
            return Integer.parseInt(readProgress(dir).getProperty("iterations", "0").strip());
        } catch (IOException | RuntimeException e) { // a damaged marker: nothing to offer for resuming
            return 0;
        }
    }

    private static String slotOf(Properties progress) {
        String slot = progress.getProperty("slot", "").strip();
        return slot.equals("a") || slot.equals("b") ? slot : null;
    }

    /**
     * Where the checkpoint in {@code dir} keeps a state file: its slot folder, or {@code dir} itself for
     * checkpoints written before slots existed.
     */
    static Path stateFile(Path dir, String name) {
        String slot = currentSlot(dir);
        return slot == null ? dir.resolve(name) : dir.resolve(SLOT_PREFIX + slot).resolve(name);
    }

    /**
     * A trainer that continues from a checkpoint written by {@link #saveCheckpoint}: same weights, same sampler
     * (it draws the batches the saved run would have drawn), same iteration count.
     *
     * @throws IOException if the checkpoint is incomplete, unreadable or does not fit the options
     */
    public static Trainer resume(TrainingOptions options, List<TrainingCase> cases, Path dir) throws IOException {
        Properties progress = readProgress(dir);
        String slot = slotOf(progress);
        Path files = slot == null ? dir : dir.resolve(SLOT_PREFIX + slot);
        Trainer trainer = new Trainer(options, cases, HardnessWeightedSampler.restore(files.resolve(SAMPLER_FILE)),
                GradientSelfCheck.Convolution.ENGINE);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(files.resolve(NETWORK_FILE))))) {
            trainer.network.loadParameters(trainer.manager, in);
            // Loaded arrays are new leaves: without this, the next backward pass finds nothing to differentiate.
            for (Pair<String, Parameter> p : trainer.network.getParameters()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
            // Checkpoints written before the optimiser state was saved restart Adam's moments.
            if (Files.isRegularFile(files.resolve(OPTIMIZER_FILE))) {
                trainer.optimizer.load(files.resolve(OPTIMIZER_FILE), trainer.manager);
            }
            trainer.iterations = Integer.parseInt(progress.getProperty("iterations", "").trim());
        } catch (MalformedModelException | IllegalArgumentException e) {
            trainer.close();
            throw new IOException("not a checkpoint of this network: " + dir + " (" + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            trainer.close();
            throw e;
        }
        return trainer;
    }

    /** Iterations trained so far. */
    public int iterations() {
        return iterations;
    }

    /** The sampler, whose stale losses rank the cases by hardness. */
    public HardnessWeightedSampler sampler() {
        return sampler;
    }

    /** The network being trained. */
    public UNet3d network() {
        return network;
    }

    /** The gradient self-check this run passed (at batch 1 when {@link #perCasePasses()}). */
    public GradientSelfCheck.Result selfCheck() {
        return selfCheck;
    }

    /**
     * Whether each case of a batch runs through the network on its own, because the engine's batched gradients
     * failed the self-check on this machine: correct, but several times slower.
     */
    public boolean perCasePasses() {
        return perCasePasses;
    }

    /** Native arrays held by the trainer's manager and its scopes, for memory checks. */
    int nativeArrayCount() {
        return manager.getManagedArrays().size();
    }

    @Override
    public void close() {
        manager.close();
    }
}
