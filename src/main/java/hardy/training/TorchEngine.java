package hardy.training;

import ai.djl.engine.Engine;

/**
 * The one way training code reaches libtorch: DJL's PyTorch engine, asked for by name because the ONNX Runtime
 * engine (inference) is on the same class path and DJL would otherwise pick a default itself.
 */
public final class TorchEngine {

    /** DJL's name for its PyTorch engine. */
    public static final String NAME = "PyTorch";

    private TorchEngine() {
    }

    /**
     * The PyTorch engine, loaded from the bundled CPU native library. Sets {@code ai.djl.offline=true} first
     * (unless the caller chose otherwise) so that nothing is ever downloaded.
     *
     * @throws IllegalStateException if the engine cannot be loaded on this machine
     */
    public static Engine get() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try {
            return Engine.getEngine(NAME);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the PyTorch training engine cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** CUDA devices PyTorch can train on here; 0 with the bundled CPU library or without a GPU. */
    public static int gpuCount() {
        return get().getGpuCount();
    }

    /**
     * Runs {@code work} with autograd off on this thread, as {@code torch.no_grad()} does, then restores the mode.
     * Needed for in-place changes of weights (optimiser steps, loading weights): PyTorch's grad mode is per
     * thread and on by default, so a worker thread would otherwise refuse them ("a leaf Variable that requires
     * grad is being used in an in-place operation").
     */
    public static void withoutGradient(Runnable work) {
        get();
        boolean before = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        try {
            work.run();
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(before);
        }
    }
}
