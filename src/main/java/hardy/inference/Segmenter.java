package hardy.inference;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.Resampler;
import hardy.volume.Volume;
import hardy.volume.VoxelArray;
import hardy.volume.VoxelType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segments images with one verified model: resample to the card's spacing (trilinear) -> normalise per the card
 * -> Gaussian-weighted sliding window (optionally with mirroring TTA) -> class probabilities resampled back to the
 * image's grid (trilinear) -> argmax -> optional largest-component clean-up (foreground, then per label) -> a {@link LabelMap} on the image's
 * exact geometry.
 *
 * <p>The network is loaded once by {@link #open} and reused for every image (batch runs, the viewer's repeated
 * runs). {@link #segment} is a plain blocking method for a worker thread: it reports progress after every patch
 * and honours cancellation before every patch, so a cancel takes effect within one forward pass. One segmentation
 * at a time per instance; it is not thread-safe.
 *
 * <p>Example (the viewer's Segment action):
 * <pre>{@code
 * try (Segmenter s = Segmenter.open(SegmentationModel.load(dir), SegmentOptions.DEFAULT.withEntropy(true))) {
 *     SegmentationResult r = s.segment(image, progress, cancel);
 *     overlay(r.labels(), r.labelTable()); heat(r.entropy()); status(r.device().summary());
 * }
 * }</pre>
 */
public final class Segmenter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Segmenter.class);

    private final SegmentationModel model;
    private final SegmentOptions options;
    private final InferenceSession session;

    private Segmenter(SegmentationModel model, SegmentOptions options, InferenceSession session) {
        this.model = model;
        this.options = options;
        this.session = session;
    }

    /**
     * Loads the model's network on the requested device (falling back to the CPU when the GPU is unavailable).
     *
     * @throws InvalidModelException if ONNX Runtime cannot load it
     */
    public static Segmenter open(SegmentationModel model, SegmentOptions options) throws IOException {
        InferenceSession session = InferenceSession.open(model.dir(), model.onnx(), options.device(),
                Engines.threads(options.threads()));
        return new Segmenter(model, options, session);
    }

    /** The model. */
    public SegmentationModel model() {
        return model;
    }

    /** The device the network runs on, with the reason for any fallback. */
    public DeviceReport device() {
        return session.device();
    }

    /** Segments a one-channel image. */
    public SegmentationResult segment(Volume image, ProgressListener progress, Cancellation cancel) {
        return segment(List.of(image), progress, cancel);
    }

    /**
     * Segments an image of one or more channels (all on the first channel's grid).
     *
     * @throws IllegalArgumentException if the channel count differs from the card's or the grids differ
     * @throws hardy.core.CancelledException when cancelled
     */
    public SegmentationResult segment(List<Volume> channels, ProgressListener progress, Cancellation cancel) {
        long t0 = System.nanoTime();
        ModelCard card = model.card();
        if (channels.size() != card.inputChannels()) {
            throw new IllegalArgumentException("model " + card.name() + " takes " + card.inputChannels()
                    + " input channel(s), got " + channels.size());
        }
        Geometry imageGrid = channels.getFirst().geometry();
        for (Volume c : channels) {
            if (!c.geometry().sameGrid(imageGrid)) {
                throw new IllegalArgumentException("all input channels must be on the same grid");
            }
        }
        Geometry grid = ModelGrid.of(imageGrid, card);
        boolean resample = grid != imageGrid && !grid.sameGrid(imageGrid);
        progress.progress(0, -1, resample ? "Resampling to the model's spacing" : "Preparing");
        float[][] input = new float[channels.size()][];
        for (int c = 0; c < input.length; c++) {
            Volume v = resample ? Resampler.resample(channels.get(c), grid, Resampler.Interpolation.LINEAR, 0, cancel)
                    : channels.get(c);
            input[c] = toFloats(v);
            IntensityNormalizer.apply(input[c], card.normalization());
        }
        cancel.check();
        SlidingWindow window = new SlidingWindow(card, options.step(), options.tta());
        int passes = window.passes(grid.dims());
        float[][] probs = window.run(input, grid.dims(), session, progress, cancel);
        input = null;
        progress.progress(0, -1, resample ? "Resampling probabilities to the image" : "Labelling");
        Back back = toImageGrid(probs, grid, imageGrid, resample, cancel);
        LabelMap labels = LabelMap.empty(imageGrid, card.numClasses() - 1);
        VoxelArray data = labels.volume().data();
        for (int v = 0; v < back.argmax.length; v++) {
            data.set(v, back.argmax[v]);
        }
        if (options.postprocess() && card.keepsLargestForegroundComponent()) {
            cancel.check();
            long removed = ConnectedComponents.keepLargestForeground(labels);
            LOG.info("Removed {} foreground voxels outside the largest connected component", removed);
        }
        if (options.postprocess() && card.largestComponentLabels() != null) {
            for (int label : card.largestComponentLabels()) {
                cancel.check();
                ConnectedComponents.keepLargest(labels, label);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        LOG.info("Segmented {}x{}x{} with {} on {} in {} ms ({} passes)", imageGrid.nx(), imageGrid.ny(),
                imageGrid.nz(), card.name(), device().describe(), elapsed.toMillis(), passes);
        return new SegmentationResult(labels, card.labelTable(), back.probabilities, back.entropy, device(), grid,
                passes, elapsed);
    }

    /** What comes back onto the image grid. */
    private record Back(int[] argmax, List<Volume> probabilities, Volume entropy) {
    }

    /**
     * Brings class probabilities to the image grid one class at a time, keeping a running maximum, so memory
     * stays at the model-grid accumulators plus two image-sized arrays unless the caller wants probabilities.
     * Outside the model grid's field of view the probability is background, which keeps them summing to one.
     */
    private Back toImageGrid(float[][] probs, Geometry grid, Geometry image, boolean resample, Cancellation cancel) {
        int n = Math.toIntExact(image.voxelCount());
        int[] argmax = new int[n];
        float[] max = new float[n];
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        float[] entropy = options.entropy() ? new float[n] : null;
        List<Volume> kept = new ArrayList<>();
        for (int c = 0; c < probs.length; c++) {
            float[] p;
            if (resample) {
                Volume onModel = new Volume(grid, new VoxelArray.Float32(probs[c]));
                p = ((VoxelArray.Float32) Resampler.resample(onModel, image, Resampler.Interpolation.LINEAR,
                        c == 0 ? 1 : 0, cancel).data()).data();
            } else {
                p = probs[c];
            }
            probs[c] = null;
            for (int v = 0; v < n; v++) {
                if (p[v] > max[v]) {
                    max[v] = p[v];
                    argmax[v] = c;
                }
                if (entropy != null && p[v] > 0) {
                    entropy[v] -= (float) (p[v] * Math.log(p[v]));
                }
            }
            if (options.probabilities()) {
                kept.add(new Volume(image, new VoxelArray.Float32(p)));
            }
        }
        return new Back(argmax, kept, entropy == null ? null : new Volume(image, new VoxelArray.Float32(entropy)));
    }

    private static float[] toFloats(Volume v) {
        if (v.type() == VoxelType.FLOAT32 && v.rescale().isIdentity()) {
            return ((VoxelArray.Float32) v.data()).data().clone();
        }
        int n = v.data().length();
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) v.value(i);
        }
        return f;
    }

    @Override
    public void close() {
        session.close();
    }
}
