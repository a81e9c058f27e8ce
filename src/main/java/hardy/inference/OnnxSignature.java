package hardy.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The first input and output of an ONNX graph: names, element types and shapes ({@code -1} for a dynamic
 * dimension). Read through ONNX Runtime's own API because DJL's ONNX Runtime block does not expose shapes.
 *
 * @param inputs      number of graph inputs
 * @param inputName   the first input's name
 * @param inputShape  its shape
 * @param outputName  the first output's name
 * @param outputShape its shape
 */
public record OnnxSignature(int inputs, String inputName, long[] inputShape, String outputName, long[] outputShape) {

    /**
     * Parses {@code onnx} with ONNX Runtime on the CPU.
     *
     * @throws InvalidModelException if ONNX Runtime cannot load it (not ONNX, or an unsupported graph) or its
     *                               first input or output is not a float tensor
     */
    static OnnxSignature read(Path dir, Path onnx) {
        OrtEnvironment env = Engines.onnxRuntime();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // Only the graph's signature is wanted: skip the optimisation passes.
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(onnx.toString(), options)) {
                Map<String, NodeInfo> in = session.getInputInfo();
                Map<String, NodeInfo> out = session.getOutputInfo();
                if (in.isEmpty() || out.isEmpty()) {
                    throw new InvalidModelException(dir, "the ONNX graph has no input or no output");
                }
                NodeInfo input = in.values().iterator().next();
                NodeInfo output = out.values().iterator().next();
                return new OnnxSignature(in.size(), input.getName(), floatShape(dir, input),
                        output.getName(), floatShape(dir, output));
            }
        } catch (OrtException e) {
            throw new InvalidModelException(dir, onnx.getFileName() + " is not an ONNX model ONNX Runtime can load: "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static long[] floatShape(Path dir, NodeInfo node) {
        if (!(node.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
            throw new InvalidModelException(dir, "ONNX " + node.getName() + " is not a float32 tensor: "
                    + node.getInfo());
        }
        return t.getShape();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public String toString() {
        return inputName + Arrays.toString(inputShape) + " -> " + outputName + Arrays.toString(outputShape);
    }
}
