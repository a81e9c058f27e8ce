package hardy.inference;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tiny ONNX networks whose answers the tests know exactly, written with the ONNX protobuf classes, plus model
 * cards for them.
 */
public final class TinyOnnx {

    private TinyOnnx() {
    }

    /**
     * A 1x1x1 convolution from {@code weights.length} ... one input channel to {@code weights.length} output
     * channels: {@code out[c] = weights[c] * x + bias[c]}. With dims null the spatial dims are dynamic.
     */
    public static byte[] pointwise(float[] weights, float[] bias, long[] dims) {
        int classes = weights.length;
        TensorProto w = TensorProto.newBuilder().setName("W").setDataType(TensorProto.DataType.FLOAT.getNumber())
                .addDims(classes).addDims(1).addDims(1).addDims(1).addDims(1)
                .addAllFloatData(boxed(weights)).build();
        TensorProto b = TensorProto.newBuilder().setName("B").setDataType(TensorProto.DataType.FLOAT.getNumber())
                .addDims(classes).addAllFloatData(boxed(bias)).build();
        NodeProto conv = NodeProto.newBuilder().setOpType("Conv").setName("conv")
                .addInput("image").addInput("W").addInput("B").addOutput("logits")
                .addAttribute(AttributeProto.newBuilder().setName("kernel_shape")
                        .setType(AttributeProto.AttributeType.INTS).addInts(1).addInts(1).addInts(1))
                .build();
        GraphProto graph = GraphProto.newBuilder().setName("tiny").addNode(conv).addInitializer(w).addInitializer(b)
                .addInput(valueInfo("image", 1, dims)).addOutput(valueInfo("logits", classes, dims)).build();
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("hardy-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build().toByteArray();
    }

    private static ValueInfoProto valueInfo(String name, int channels, long[] dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(channels));
        String[] names = {"D", "H", "W"};
        for (int d = 0; d < 3; d++) {
            shape.addDim(dims == null ? TensorShapeProto.Dimension.newBuilder().setDimParam(names[d])
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(dims[d]));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }

    private static java.util.List<Float> boxed(float[] a) {
        java.util.List<Float> l = new java.util.ArrayList<>();
        for (float f : a) {
            l.add(f);
        }
        return l;
    }

    /** A card for a network in {@code dir}, with the ONNX file's real hash; {@code edit} may change fields. */
    static ObjectNode card(Path onnx, int classes, double[] spacing, int[] patch, String activation)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode c = json.createObjectNode();
        c.put("schemaVersion", 1).put("name", "tiny").put("version", "1.0").put("description", "test network");
        ArrayNode labels = c.putArray("labels");
        for (int l = 1; l < classes; l++) {
            labels.addObject().put("value", l).put("name", "class " + l).put("color", "#FF0000");
        }
        c.put("inputChannels", 1).put("numClasses", classes);
        ArrayNode s = c.putArray("spacing");
        for (double v : spacing) {
            s.add(v);
        }
        c.put("orientation", "image").put("tensorAxes", "kji");
        c.putObject("normalization").put("method", "none");
        ArrayNode p = c.putArray("patchSize");
        for (int v : patch) {
            p.add(v);
        }
        c.put("outputActivation", activation);
        c.putObject("provenance").put("algorithm", "hand-written");
        c.put("sha256", SegmentationModel.sha256(onnx));
        return c;
    }

    /** Writes {@code model.onnx} and {@code model.json} into {@code dir}; returns the card for further edits. */
    public static ObjectNode write(Path dir, byte[] onnx, int classes, double[] spacing, int[] patch, String activation)
            throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(SegmentationModel.ONNX_FILE);
        Files.write(file, onnx);
        ObjectNode card = card(file, classes, spacing, patch, activation);
        writeCard(dir, card);
        return card;
    }

    public static void writeCard(Path dir, ObjectNode card) throws IOException {
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(
                dir.resolve(SegmentationModel.CARD_FILE).toFile(), card);
    }
}
