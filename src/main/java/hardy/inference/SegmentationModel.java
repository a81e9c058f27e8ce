package hardy.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A verified model folder: {@code model.onnx} and its card {@code model.json}. {@link #load} refuses, with a
 * one-line reason, a folder without either file, a card that is not valid, an ONNX file whose SHA-256 differs from
 * the card's, a file ONNX Runtime cannot read as ONNX, and a graph whose input or output does not fit the card.
 *
 * @param dir       the folder
 * @param card      the validated card
 * @param onnx      the ONNX file
 * @param signature the graph's first input and output
 */
public record SegmentationModel(Path dir, ModelCard card, Path onnx, OnnxSignature signature) {

    /** The card's file name inside a model folder. */
    public static final String CARD_FILE = "model.json";
    /** The network's file name inside a model folder. */
    public static final String ONNX_FILE = "model.onnx";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /**
     * Reads and verifies a model folder.
     *
     * @throws InvalidModelException naming what is wrong
     * @throws IOException           if a file cannot be read
     */
    public static SegmentationModel load(Path dir) throws IOException {
        ModelCard card = readCard(dir);
        Path onnx = dir.resolve(ONNX_FILE);
        if (!Files.isRegularFile(onnx)) {
            throw new InvalidModelException(dir, "no " + ONNX_FILE + " beside the card");
        }
        String actual = sha256(onnx);
        if (!actual.equals(card.sha256())) {
            throw new InvalidModelException(dir, "SHA-256 of " + ONNX_FILE + " is " + actual + " but the card says "
                    + card.sha256() + " (file changed or card stale)");
        }
        if (!looksLikeOnnx(onnx)) {
            throw new InvalidModelException(dir, ONNX_FILE + " is not an ONNX model (not an ONNX protobuf)");
        }
        OnnxSignature signature = OnnxSignature.read(dir, onnx);
        checkFits(dir, card, signature);
        return new SegmentationModel(dir, card, onnx, signature);
    }

    /**
     * Reads and validates the card alone (cheap: for listing models).
     *
     * @throws InvalidModelException if it is missing, not JSON of the schema, or inconsistent
     */
    public static ModelCard readCard(Path dir) throws IOException {
        Path file = dir.resolve(CARD_FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidModelException(dir, "no model card " + CARD_FILE);
        }
        ModelCard card;
        try {
            card = JSON.readValue(file.toFile(), ModelCard.class);
        } catch (JsonProcessingException e) {
            throw new InvalidModelException(dir, "model card " + CARD_FILE + " is not valid: "
                    + e.getOriginalMessage(), e);
        }
        try {
            card.validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(dir, "model card " + CARD_FILE + ": " + e.getMessage(), e);
        }
        return card;
    }

    /** SHA-256 of a file, lowercase hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /**
     * A cheap first check before ONNX Runtime sees the file: a serialised ModelProto starts with field 1
     * ({@code ir_version}, varint, tag 0x08) in every exporter we know of (PyTorch, onnx, tf2onnx, Hardy).
     */
    private static boolean looksLikeOnnx(Path onnx) throws IOException {
        try (InputStream in = Files.newInputStream(onnx)) {
            return in.read() == 0x08;
        }
    }

    private static void checkFits(Path dir, ModelCard card, OnnxSignature sig) {
        if (sig.inputs() != 1) {
            throw new InvalidModelException(dir, "the ONNX graph has " + sig.inputs() + " inputs; Hardy feeds one "
                    + "image tensor [N, C, D, H, W]");
        }
        long[] in = sig.inputShape();
        long[] out = sig.outputShape();
        if (in.length != 5 || out.length != 5) {
            throw new InvalidModelException(dir, "ONNX input " + sig + " is not 5-D [N, C, D, H, W] as a 3-D "
                    + "segmentation network's must be");
        }
        if (in[1] >= 0 && in[1] != card.inputChannels()) {
            throw new InvalidModelException(dir, "ONNX input has " + in[1] + " channels but the card says inputChannels "
                    + card.inputChannels());
        }
        if (out[1] >= 0 && out[1] != card.numClasses()) {
            throw new InvalidModelException(dir, "ONNX output has " + out[1] + " channels but the card says numClasses "
                    + card.numClasses());
        }
        int[] patch = tensorOrder(card);
        for (int d = 0; d < 3; d++) {
            if (in[2 + d] >= 0 && in[2 + d] != patch[d]) {
                throw new InvalidModelException(dir, "ONNX input " + sig + " has a fixed spatial size that differs "
                        + "from the card's patchSize " + java.util.Arrays.toString(card.patchSize()));
            }
        }
    }

    /** The patch size in the tensor's dimension order (D, H, W). */
    static int[] tensorOrder(ModelCard card) {
        int[] p = card.patchSize();
        return card.effectiveTensorAxes() == ModelCard.TensorAxes.KJI
                ? new int[] {p[2], p[1], p[0]} : new int[] {p[0], p[1], p[2]};
    }
}
