package hardy.training.export;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import hardy.inference.InvalidModelException;
import hardy.inference.ModelCard;
import hardy.inference.SegmentationModel;
import hardy.training.TorchEngine;
import hardy.training.unet.UNet3d;
import hardy.training.unet.UNet3dConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a model folder written by {@link ModelExport} back into a {@link UNet3d}, to fine-tune it ({@code hardy
 * train --init}). Only Hardy U-Nets can be read back: other ONNX graphs have no DJL counterpart to train.
 */
public final class ModelImport {

    /** Largest {@code model.onnx} read back (a base-32, depth-5 U-Net is about 90 MB). */
    static final long MAX_ONNX_BYTES = 1L << 30;

    private ModelImport() {
    }

    /**
     * The network shape recorded in the card's {@code provenance.network}.
     *
     * @throws InvalidModelException if the card is invalid or the model is not a Hardy U-Net
     */
    public static UNet3dConfig readConfig(Path modelDir) throws IOException {
        ModelCard card = SegmentationModel.readCard(modelDir);
        JsonNode network = card.provenance() == null ? null : card.provenance().get("network");
        if (network == null || !ModelExport.NETWORK_TYPE.equals(network.path("type").asText())) {
            throw new InvalidModelException(modelDir, "not a Hardy U-Net (the card has no provenance.network of type "
                    + ModelExport.NETWORK_TYPE + "), so it cannot be fine-tuned");
        }
        try {
            return new UNet3dConfig(integer(modelDir, network, "inputChannels"), integer(modelDir, network, "classes"),
                    integer(modelDir, network, "baseChannels"), integer(modelDir, network, "depth"));
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(modelDir, "provenance.network: " + e.getMessage(), e);
        }
    }

    private static int integer(Path dir, JsonNode network, String field) {
        JsonNode value = network.get(field);
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            throw new InvalidModelException(dir, "provenance.network." + field + " is missing or not an integer");
        }
        return value.intValue();
    }

    /**
     * Copies the weights of {@code modelDir}'s graph into an initialised network of the card's shape.
     *
     * @throws InvalidModelException if the hash does not match the card, the file is not ONNX, or a parameter of
     *                               the network is missing or has another size
     */
    public static void loadWeights(Path modelDir, UNet3d network) throws IOException {
        UNet3dConfig config = readConfig(modelDir);
        if (!config.equals(network.config())) {
            throw new InvalidModelException(modelDir, "the model is a " + config + ", the network to fill is a "
                    + network.config());
        }
        ModelCard card = SegmentationModel.readCard(modelDir);
        Path onnx = modelDir.resolve(SegmentationModel.ONNX_FILE);
        long size = Files.size(onnx);
        if (size > MAX_ONNX_BYTES) {
            throw new InvalidModelException(modelDir, SegmentationModel.ONNX_FILE + " is " + size + " bytes, more than"
                    + " a Hardy U-Net can be");
        }
        byte[] bytes = Files.readAllBytes(onnx);
        String sha = SegmentationModel.sha256(onnx);
        if (!sha.equals(card.sha256())) {
            throw new InvalidModelException(modelDir, "SHA-256 of " + SegmentationModel.ONNX_FILE + " is " + sha
                    + " but the card says " + card.sha256());
        }
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidModelException(modelDir, SegmentationModel.ONNX_FILE + " is not an ONNX model: "
                    + e.getMessage(), e);
        }
        Map<String, TensorProto> initializers = new HashMap<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> p : network.getParameters()) {
            TensorProto t = initializers.get(p.getKey());
            if (t == null) {
                throw new InvalidModelException(modelDir, "no weights for " + p.getKey() + " in the graph");
            }
            values.add(floats(modelDir, t, p.getValue().getArray().size()));
        }
        // Every weight checked before any is written; written with autograd off, as from any thread it must be.
        TorchEngine.withoutGradient(() -> {
            int i = 0;
            for (Pair<String, Parameter> p : network.getParameters()) {
                NDArray target = p.getValue().getArray();
                TorchEngine.overwrite(target, target.getManager().create(values.get(i++), target.getShape()));
            }
        });
    }

    /** The tensor's float32 values, which must number exactly {@code expected}. */
    private static float[] floats(Path dir, TensorProto t, long expected) {
        if (t.getDataType() != TensorProto.DataType.FLOAT.getNumber()) {
            throw new InvalidModelException(dir, t.getName() + " is not float32");
        }
        long declared = 1;
        for (long d : t.getDimsList()) {
            declared *= d;
        }
        float[] values;
        if (!t.getRawData().isEmpty()) {
            if (t.getRawData().size() != 4L * expected) {
                throw new InvalidModelException(dir, t.getName() + " holds " + t.getRawData().size() / 4
                        + " values, the network needs " + expected);
            }
            values = new float[(int) expected];
            ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        } else {
            if (t.getFloatDataCount() != expected) {
                throw new InvalidModelException(dir, t.getName() + " holds " + t.getFloatDataCount()
                        + " values, the network needs " + expected);
            }
            values = new float[(int) expected];
            for (int i = 0; i < values.length; i++) {
                values[i] = t.getFloatData(i);
            }
        }
        if (declared != expected) {
            throw new InvalidModelException(dir, t.getName() + " has dimensions " + t.getDimsList() + ", the network"
                    + " needs " + expected + " values");
        }
        return values;
    }
}
