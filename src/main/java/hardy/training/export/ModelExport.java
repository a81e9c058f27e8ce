package hardy.training.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hardy.core.AtomicFiles;
import hardy.core.FileTrees;
import hardy.eval.MetricSummary;
import hardy.inference.Engines;
import hardy.inference.ModelCard;
import hardy.inference.SegmentationModel;
import hardy.training.unet.UNet3d;
import hardy.training.unet.UNet3dConfig;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Exports a trained {@link UNet3d} as a Hardy model folder ({@code model.onnx} + {@code model.json}), but only
 * after ONNX Runtime, running the written graph, agrees with the PyTorch forward of the network on fixed inputs
 * to {@link #PARITY_TOLERANCE}.
 */
public final class ModelExport {

    /**
     * Largest difference accepted between PyTorch's and ONNX Runtime's outputs: for the probabilities an absolute
     * one; for the logits relative to their largest magnitude (at least 1), because float32 kernels that sum in a
     * different order differ in proportion to the values (a trained network's logits reach tens).
     */
    public static final double PARITY_TOLERANCE = 1e-4;

    /** The {@code provenance.network.type} of a Hardy U-Net. */
    public static final String NETWORK_TYPE = "hardy-unet3d";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelExport() {
    }

    /**
     * What an export wrote and measured.
     *
     * @param modelDir          the model folder
     * @param maxAbsDifference  largest |PyTorch - ONNX Runtime| over logits and probabilities of the parity inputs
     * @param sha256            SHA-256 of {@code model.onnx}, as recorded in the card
     * @param onnxBytes         size of {@code model.onnx}
     */
    public record ExportReport(Path modelDir, double maxAbsDifference, String sha256, long onnxBytes) {
    }

    /** The parity check failed: the graph does not compute what the network computes. */
    public static final class ParityException extends IllegalStateException {
        ParityException(String message) {
            super(message);
        }
    }

    /** {@link #export(UNet3d, ModelCard, Path, boolean)} that refuses to replace an existing non-empty folder. */
    public static ExportReport export(UNet3d network, ModelCard card, Path modelDir) throws IOException {
        return export(network, card, modelDir, false);
    }

    /**
     * Writes {@code modelDir} with the network's graph and the card, completed: {@code sha256} of the written
     * graph, {@code provenance.network} (type and shape, for {@link ModelImport}), tensor axes {@code kji} and
     * output activation {@code softmax}. The folder appears complete or not at all: it is assembled in a
     * temporary sibling, checked with {@link SegmentationModel#load}, then moved into place.
     *
     * @param network  an initialised network
     * @param card     the card to write; its {@code sha256} is replaced
     * @param modelDir where the model folder goes
     * @param replace  whether an existing model folder there may be replaced
     * @throws ParityException          if ONNX Runtime's output differs from PyTorch's by more than the tolerance
     * @throws IllegalArgumentException if the card does not fit the network
     * @throws IOException              if the folder exists (and {@code replace} is false) or cannot be written
     */
    public static ExportReport export(UNet3d network, ModelCard card, Path modelDir, boolean replace)
            throws IOException {
        UNet3dConfig config = network.config();
        checkCardFits(card, config);
        Path target = modelDir.toAbsolutePath().normalize();
        if (!replace && Files.isDirectory(target) && !isEmpty(target)) {
            throw new IOException(target + " already exists and is not empty; choose a new folder");
        }
        byte[] onnx = UNetOnnxWriter.write(network, card.name() + " " + card.version());
        double difference = parity(network, onnx);
        if (!(difference <= PARITY_TOLERANCE)) {
            throw new ParityException(String.format(Locale.ROOT, "export refused: ONNX Runtime differs from PyTorch"
                    + " by %.3g (tolerance %.0e)", difference, PARITY_TOLERANCE));
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".export-");
        try {
            Path onnxFile = staging.resolve(SegmentationModel.ONNX_FILE);
            Files.write(onnxFile, onnx);
            String sha = SegmentationModel.sha256(onnxFile);
            Files.write(staging.resolve(SegmentationModel.CARD_FILE), JSON.writeValueAsBytes(complete(card, config,
                    sha)));
            SegmentationModel.load(staging); // the inference pipeline's own checks, before anything is replaced
            FileTrees.readableByAll(staging);
            install(staging, target);
            return new ExportReport(target, difference, sha, onnx.length);
        } finally {
            FileTrees.deleteTree(staging);
        }
    }

    /**
     * Adds a validation summary (mean and worst Dice and HD95 per label over all cases) to the card of an exported
     * model, rewriting the card atomically; the model is then checked again with {@link SegmentationModel#load}.
     */
    public static void addEvaluation(Path modelDir, List<MetricSummary> summary, int cases) throws IOException {
        ObjectNode evaluation = JsonNodeFactory.instance.objectNode();
        evaluation.put("validationCases", cases);
        for (MetricSummary m : summary) {
            if (m.group().equals(MetricSummary.ALL) && !m.metric().equals("volume_similarity")) {
                evaluation.with(m.metric()).putObject(String.valueOf(m.label())).put("mean", m.mean())
                        .put("worst", m.worst());
            }
        }
        Path cardFile = modelDir.resolve(SegmentationModel.CARD_FILE);
        ObjectNode card = (ObjectNode) JSON.readTree(cardFile.toFile());
        card.set("evaluation", evaluation);
        byte[] cardJson = JSON.writeValueAsBytes(card);
        AtomicFiles.write(cardFile, o -> o.write(cardJson));
        SegmentationModel.load(modelDir);
    }

    private static void checkCardFits(ModelCard card, UNet3dConfig config) {
        if (card.inputChannels() != config.inputChannels() || card.numClasses() != config.classes()) {
            throw new IllegalArgumentException("the card says " + card.inputChannels() + " input channels and "
                    + card.numClasses() + " classes, the network has " + config.inputChannels() + " and "
                    + config.classes());
        }
        for (int side : card.patchSize()) {
            if (side % config.sizeMultiple() != 0) {
                throw new IllegalArgumentException("the card's patch sides must be multiples of "
                        + config.sizeMultiple() + " for this network");
            }
        }
    }

    private static ModelCard complete(ModelCard card, UNet3dConfig config, String sha) {
        ObjectNode provenance = card.provenance() instanceof ObjectNode o ? o.deepCopy()
                : JsonNodeFactory.instance.objectNode();
        provenance.putObject("network").put("type", NETWORK_TYPE).put("inputChannels", config.inputChannels())
                .put("classes", config.classes()).put("baseChannels", config.baseChannels())
                .put("depth", config.depth());
        return new ModelCard(card.schemaVersion(), card.name(), card.version(), card.description(), card.labels(),
                card.inputChannels(), card.numClasses(), card.spacing(), card.orientation(),
                ModelCard.TensorAxes.KJI, card.normalization(), card.patchSize(), ModelCard.Activation.SOFTMAX,
                card.largestComponentLabels(), card.largestForegroundComponent(), provenance, card.evaluation(), sha);
    }

    /**
     * The worst {@link #difference} between PyTorch and ONNX Runtime over two fixed inputs: a cube and a box with
     * three different sides, both of random normal intensities.
     */
    static double parity(UNet3d network, byte[] onnx) {
        UNet3dConfig config = network.config();
        int m = config.sizeMultiple();
        long[][] shapes = {{1, config.inputChannels(), 2L * m, 2L * m, 2L * m},
                           {1, config.inputChannels(), m, 2L * m, 3L * m}};
        OrtEnvironment env = Engines.onnxRuntime();
        double worst = 0;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(onnx, options)) {
            SplittableRandom random = new SplittableRandom(20260);
            for (long[] shape : shapes) {
                float[] input = new float[Math.toIntExact(shape[1] * shape[2] * shape[3] * shape[4])];
                for (int i = 0; i < input.length; i++) {
                    input[i] = (float) gaussian(random);
                }
                float[][] torch = torchForward(network, input, shape);
                try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                     OrtSession.Result result = session.run(Map.of(UNetOnnxWriter.INPUT, tensor))) {
                    worst = Math.max(worst, difference(torch, new float[][] {
                        toArray((OnnxTensor) result.get(0)), toArray((OnnxTensor) result.get(1))}));
                }
            }
        } catch (OrtException e) {
            throw new ParityException("export refused: ONNX Runtime cannot run the written graph: " + e.getMessage());
        }
        return worst;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Logits and their softmax over the class axis, from the DJL network in inference mode. */
    private static float[][] torchForward(UNet3d network, float[] input, long[] shape) {
        NDArray weight = network.getParameters().valueAt(0).getArray();
        try (NDManager scope = weight.getManager().newSubManager()) {
            NDArray x = scope.create(input, new Shape(shape));
            NDArray logits = network.forward(new ParameterStore(scope, false), new NDList(x), false)
                    .singletonOrThrow();
            logits.attach(scope);
            return new float[][] {logits.toFloatArray(), logits.softmax(1).toFloatArray()};
        }
    }

    private static float[] toArray(OnnxTensor tensor) {
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    /**
     * The parity measure of one input: the largest logit difference divided by the largest logit magnitude (at
     * least 1), or the largest probability difference, whichever is larger.
     *
     * @param torch PyTorch's logits and probabilities
     * @param ort   ONNX Runtime's
     */
    static double difference(float[][] torch, float[][] ort) {
        double scale = 1;
        for (float v : torch[0]) {
            scale = Math.max(scale, Math.abs(v)); // a NaN logit of PyTorch's makes the difference NaN below
        }
        return Math.max(maxAbsDifference(torch[0], ort[0]) / scale, maxAbsDifference(torch[1], ort[1]));
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (Double.isNaN(d)) {
                return Double.NaN; // a failure, whatever the other values
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }

    /** Moves a complete staging folder to {@code target}, replacing an existing folder there. */
    private static void install(Path staging, Path target) throws IOException {
        if (!Files.exists(target)) {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
        Files.delete(old);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        FileTrees.deleteTree(old);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
