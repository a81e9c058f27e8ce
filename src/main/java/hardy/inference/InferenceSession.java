package hardy.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * An ONNX model loaded into ONNX Runtime through DJL, on the GPU when asked and possible, else on the CPU.
 *
 * <p>DJL's own {@code Criteria.optDevice(Device.gpu())} throws when CUDA is missing instead of falling back, so
 * Hardy builds the ONNX Runtime session options itself: CUDA first (inside a try), then fresh CPU options, and it
 * says which it used in {@link #device()}. Outputs are copied to Java arrays at once; the pipeline's arithmetic
 * is plain Java, never NDArray operations (see docs/decisions/0005-inference-engine.md). Not thread-safe: one
 * forward pass at a time, like DJL predictors.
 */
final class InferenceSession implements AutoCloseable, PatchRunner {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceSession.class);
    /** The marker logback.xml keeps off the console. */
    private static final Marker FILE_ONLY = MarkerFactory.getMarker("FILE_ONLY");

    /** One forward pass's output: values in C order and the tensor shape. */
    record Output(float[] values, long[] shape) {
    }

    private final Model model;
    private final Predictor<NDList, NDList> predictor;
    private final OrtSession.SessionOptions options;
    private final DeviceReport device;

    private InferenceSession(Model model, OrtSession.SessionOptions options, DeviceReport device) {
        this.model = model;
        this.options = options;
        this.device = device;
        this.predictor = model.newPredictor(new NoopTranslator());
    }

    /**
     * Loads {@code onnx}.
     *
     * @param threads intra-op threads for the CPU (also used by the CPU parts of a GPU session)
     * @throws InvalidModelException if ONNX Runtime cannot load the file on the CPU either
     */
    static InferenceSession open(Path dir, Path onnx, DeviceRequest request, int threads) throws IOException {
        Engines.configure();
        String fallback = null;
        if (request != DeviceRequest.CPU) {
            OrtSession.SessionOptions gpu = null;
            Model model = Model.newInstance("hardy-gpu", Device.cpu(), "OnnxRuntime");
            try {
                gpu = cpuOptions(threads);
                gpu.addCUDA(0);
                load(model, onnx, gpu);
                LOG.info("Inference on gpu:0 (CUDA execution provider), {} CPU threads", threads);
                return new InferenceSession(model, gpu, new DeviceReport("gpu:0", threads, null));
            } catch (OrtException | MalformedModelException | RuntimeException | UnsatisfiedLinkError e) {
                model.close();
                if (gpu != null) {
                    gpu.close();
                }
                fallback = reason(e);
                // File only: callers show DeviceReport's plain summary themselves (CLI line, status bar).
                LOG.warn(FILE_ONLY, "GPU requested ({}) but not usable, running on the CPU: {}",
                        request.name().toLowerCase(java.util.Locale.ROOT), fallback);
            }
        }
        Model model = Model.newInstance("hardy-cpu", Device.cpu(), "OnnxRuntime");
        OrtSession.SessionOptions cpu = null;
        try {
            cpu = cpuOptions(threads);
            load(model, onnx, cpu);
        } catch (OrtException | MalformedModelException | EngineException e) {
            model.close();
            if (cpu != null) {
                cpu.close();
            }
            LOG.warn("ONNX Runtime could not load {}: {}", onnx, reason(e), e);
            throw new InvalidModelException(dir, onnx.getFileName() + " could not be loaded by ONNX Runtime: it may be "
                    + "damaged or use an operation this version does not have (the engine's reason is in the log)", e);
        }
        LOG.info("Inference on cpu, {} threads", threads);
        return new InferenceSession(model, cpu, new DeviceReport("cpu", threads, fallback));
    }

    private static OrtSession.SessionOptions cpuOptions(int threads) throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setIntraOpNumThreads(threads);
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return so;
    }

    private static void load(Model model, Path onnx, OrtSession.SessionOptions so)
            throws IOException, MalformedModelException {
        String file = onnx.getFileName().toString();
        String prefix = file.endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
        model.load(onnx.toAbsolutePath().getParent(), prefix, Map.of("sessionOptions", so));
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        String msg = t.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                msg = t.getMessage();
            }
        }
        if (msg == null) {
            return e.getClass().getSimpleName();
        }
        int nl = msg.indexOf('\n');
        return (nl < 0 ? msg : msg.substring(0, nl)).strip();
    }

    /** The device in use. */
    DeviceReport device() {
        return device;
    }

    /**
     * Runs one forward pass on a float tensor.
     *
     * @throws IllegalStateException if ONNX Runtime fails (e.g. the input does not fit the graph)
     */
    @Override
    public Output run(float[] input, long[] shape) {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray x = scope.create(FloatBuffer.wrap(input), new Shape(shape));
            NDList out = predictor.predict(new NDList(x));
            NDArray y = out.get(0);
            return new Output(y.toFloatArray(), y.getShape().getShape());
        } catch (TranslateException | EngineException e) {
            throw new IllegalStateException("ONNX Runtime failed on a patch: " + reason(e), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
        options.close();
    }
}
