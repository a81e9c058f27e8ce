package hardy.inference;

import hardy.core.AppDirs;

/**
 * Process-wide settings of the deep learning engines, applied before DJL loads its first class. This is the only
 * place that sets them: the launcher calls {@link #configure()} first thing, and so does every way into an engine
 * (inference sessions, {@link #onnxRuntime()}, the training engine {@code hardy.training.TorchEngine}), so tests and
 * tools that skip the launcher are offline too.
 *
 * <p>{@code ai.djl.offline=true}: DJL never downloads native libraries or models; everything Hardy runs ships with
 * it. {@code ai.djl.onnx.disable_alternative=true}: the ONNX Runtime engine does not pull in the PyTorch engine
 * (on the class path for training) as a helper, so inference does not depend on libtorch. Hardy does no NDArray
 * arithmetic on ONNX Runtime outputs, which is what the helper engine would be for.
 */
public final class Engines {

    private Engines() {
    }

    /**
     * Applies the settings; idempotent and cheap, called by every entry into the engines. DJL's cache
     * ({@code DJL_CACHE_DIR}, where DJL would keep engine files) goes to the user's app-data folder unless the
     * property or the environment variable already names one, so an installed Hardy writes nothing in the home folder.
     */
    public static synchronized void configure() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.onnx.disable_alternative", "true");
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", AppDirs.dataHome().resolve("djl").toString());
        }
    }

    /**
     * ONNX Runtime's process-wide environment, created through DJL's engine. DJL creates it with thread-pool
     * options and fails if plain ONNX Runtime code created it first, so every user goes through here.
     */
    public static synchronized ai.onnxruntime.OrtEnvironment onnxRuntime() {
        configure();
        ai.djl.engine.Engine.getEngine("OnnxRuntime");
        return ai.onnxruntime.OrtEnvironment.getEnvironment();
    }

    /** Intra-op threads to use: the core count, or fewer when the user caps it ({@code cap <= 0}: no cap). */
    public static int threads(int cap) {
        int cores = Runtime.getRuntime().availableProcessors();
        return cap > 0 ? Math.min(cap, cores) : cores;
    }
}
