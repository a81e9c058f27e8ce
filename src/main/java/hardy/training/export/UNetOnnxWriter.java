package hardy.training.export;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import hardy.training.unet.InstanceNorm3d;
import hardy.training.unet.UNet3d;
import hardy.training.unet.UNet3dConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writes a {@link UNet3d} as an ONNX graph (opset 17) with the same arithmetic as its DJL forward.
 *
 * <ul>
 *   <li>Input {@value #INPUT} {@code [N, C, D, H, W]}, float32, with N and the spatial sides dynamic (each side a
 *       multiple of {@code 2^depth}, as for the DJL network).</li>
 *   <li>Outputs {@value #LOGITS} first (the inference pipeline reads the first output, with
 *       {@code outputActivation: softmax}) and {@value #PROBABILITIES}, their softmax over the class axis.</li>
 *   <li>Each convolution block is Conv (no bias) -> InstanceNormalization (the block's gamma and beta, its
 *       epsilon) -> LeakyRelu; upsampling is Resize nearest with asymmetric coordinates and floor rounding, which
 *       repeats every voxel twice per axis as {@code UNet3d.upsampleNearest} does; skips are Concat on the channel
 *       axis, upsampled features first.</li>
 *   <li>Initializers are named after the DJL parameters, so {@link ModelImport} can map them back.</li>
 * </ul>
 */
public final class UNetOnnxWriter {

    /** Name of the graph's input. */
    public static final String INPUT = "image";
    /** Name of the logits output. */
    public static final String LOGITS = "logits";
    /** Name of the probabilities output. */
    public static final String PROBABILITIES = "probabilities";
    /** ONNX operator set the graph is written for. */
    public static final int OPSET = 17;

    private final UNet3dConfig config;
    private final Iterator<Pair<String, Parameter>> parameters;
    private final Iterator<InstanceNorm3d> norms;
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("hardy_unet3d");
    private int nodes;

    private UNetOnnxWriter(UNet3d network) {
        this.config = network.config();
        this.parameters = network.getParameters().iterator();
        List<InstanceNorm3d> found = new ArrayList<>();
        collectNorms(network, found);
        this.norms = found.iterator();
    }

    /**
     * The network's graph as a serialised ONNX ModelProto.
     *
     * @param network   an initialised network
     * @param docString a line stored in the model (e.g. name and version); no patient data
     * @throws IllegalStateException if the network's parameters do not have the layout of a {@link UNet3d}
     */
    public static byte[] write(UNet3d network, String docString) {
        return new UNetOnnxWriter(network).build(docString).toByteArray();
    }

    private static void collectNorms(Block block, List<InstanceNorm3d> out) {
        if (block instanceof InstanceNorm3d norm) {
            out.add(norm);
            return;
        }
        for (Pair<String, Block> child : block.getChildren()) {
            collectNorms(child.getValue(), out);
        }
    }

    private ModelProto build(String docString) {
        graph.addInput(valueInfo(INPUT, config.inputChannels()));
        String x = INPUT;
        List<String> skips = new ArrayList<>();
        for (int level = 0; level <= config.depth(); level++) {
            x = convNormAct(x, level == 0 ? 1 : 2, "encoder" + level);
            x = convNormAct(x, 1, "encoder" + level);
            skips.add(x);
        }
        for (int level = config.depth() - 1; level >= 0; level--) {
            String up = node("Resize", List.of(x, "", constant("up" + level + "_scales", 1, 1, 2, 2, 2)),
                    string("mode", "nearest"), string("coordinate_transformation_mode", "asymmetric"),
                    string("nearest_mode", "floor"));
            up = convNormAct(up, 1, "up" + level);
            String cat = node("Concat", List.of(up, skips.get(level)), integer("axis", 1));
            x = convNormAct(cat, 1, "decoder" + level);
            x = convNormAct(x, 1, "decoder" + level);
        }
        String weight = initializer(expect("head", "weight"), false);
        String bias = initializer(expect("head", "bias"), false);
        graph.addNode(NodeProto.newBuilder().setOpType("Conv").setName("head").addInput(x).addInput(weight)
                .addInput(bias).addOutput(LOGITS).addAttribute(ints("kernel_shape", 1, 1, 1)));
        graph.addNode(NodeProto.newBuilder().setOpType("Softmax").setName("softmax").addInput(LOGITS)
                .addOutput(PROBABILITIES).addAttribute(integer("axis", 1)));
        graph.addOutput(valueInfo(LOGITS, config.classes()));
        graph.addOutput(valueInfo(PROBABILITIES, config.classes()));
        if (parameters.hasNext() || norms.hasNext()) {
            throw new IllegalStateException("the network has more parameters than a " + config + " U-Net: "
                    + (parameters.hasNext() ? parameters.next().getKey() : "an extra instance norm"));
        }
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("hardy").setDocString(docString)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("hardy.network")
                        .setValue("unet3d " + config.inputChannels() + " " + config.classes() + " "
                                + config.baseChannels() + " " + config.depth()))
                .setGraph(graph).build();
    }

    /** Conv 3x3x3 (no bias) -> InstanceNormalization -> LeakyRelu, consuming the block's three parameters. */
    private String convNormAct(String x, int stride, String block) {
        String w = initializer(expect(block, "Conv3d_weight"), false);
        String conv = node("Conv", List.of(x, w), ints("kernel_shape", 3, 3, 3), ints("pads", 1, 1, 1, 1, 1, 1),
                ints("strides", stride, stride, stride));
        String gamma = initializer(expect(block, "gamma"), true);
        String beta = initializer(expect(block, "beta"), true);
        if (!norms.hasNext()) {
            throw new IllegalStateException("the network has fewer instance norms than a " + config + " U-Net");
        }
        String norm = node("InstanceNormalization", List.of(conv, gamma, beta),
                AttributeProto.newBuilder().setName("epsilon").setType(AttributeProto.AttributeType.FLOAT)
                        .setF(norms.next().epsilon()).build());
        return node("LeakyRelu", List.of(norm), AttributeProto.newBuilder().setName("alpha")
                .setType(AttributeProto.AttributeType.FLOAT).setF(UNet3d.LEAKY_SLOPE).build());
    }

    /** The next parameter, which must belong to {@code block} and end with {@code suffix}. */
    private Pair<String, Parameter> expect(String block, String suffix) {
        if (!parameters.hasNext()) {
            throw new IllegalStateException("the network has fewer parameters than a " + config + " U-Net");
        }
        Pair<String, Parameter> p = parameters.next();
        if (!p.getKey().contains(block) || !p.getKey().endsWith(suffix)) {
            throw new IllegalStateException("expected a parameter " + block + "..." + suffix + " of a " + config
                    + " U-Net, found " + p.getKey());
        }
        return p;
    }

    /** Adds the parameter as a float32 initializer; {@code flat} drops the size-1 axes of a per-channel affine. */
    private String initializer(Pair<String, Parameter> p, boolean flat) {
        NDArray array = p.getValue().getArray();
        float[] values = array.toFloatArray();
        TensorProto.Builder t = TensorProto.newBuilder().setName(p.getKey())
                .setDataType(TensorProto.DataType.FLOAT.getNumber());
        if (flat) {
            t.addDims(values.length);
        } else {
            for (long d : array.getShape().getShape()) {
                t.addDims(d);
            }
        }
        graph.addInitializer(t.setRawData(littleEndian(values)));
        return p.getKey();
    }

    private String constant(String name, float... values) {
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber())
                .addDims(values.length).setRawData(littleEndian(values)));
        return name;
    }

    static ByteString littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return ByteString.copyFrom(b.array());
    }

    private String node(String op, List<String> inputs, AttributeProto... attributes) {
        String name = op.toLowerCase(java.util.Locale.ROOT) + "_" + (nodes++);
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(name);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return name;
    }

    private static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    private static ValueInfoProto valueInfo(String name, int channels) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(channels));
        for (String axis : new String[] {"D", "H", "W"}) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(axis));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }
}
