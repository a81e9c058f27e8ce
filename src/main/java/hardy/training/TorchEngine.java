package hardy.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import hardy.inference.Engines;

/**
 * The one way training code reaches libtorch: DJL's PyTorch engine, asked for by name because the ONNX Runtime
 * engine (inference) is on the same class path and DJL would otherwise pick a default itself.
 */
public final class TorchEngine {

    /** DJL's name for its PyTorch engine. */
    public static final String NAME = "PyTorch";
    /** DJL's system properties for libtorch's thread pools, read when the engine loads. */
    static final String INTRA_OP_PROPERTY = "ai.djl.pytorch.num_threads";
    static final String INTER_OP_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    private TorchEngine() {
    }

    /**
     * The PyTorch engine, loaded from the bundled CPU native library. Applies {@link Engines#configure()} first, the
     * one place that makes DJL offline, so that nothing is ever downloaded.
     *
     * @throws IllegalStateException if the engine cannot be loaded on this machine
     */
    public static Engine get() {
        Engines.configure();
        // Read by DJL when it loads libtorch, and only then. Intra-op threads = cores, one inter-op thread: the
        // U-Net's operations run one after another, and DJL's default of 2 + 2 oversubscribes a 2-core machine
        // (measured in docs/benchmarks.md, "Training iteration").
        if (System.getProperty(INTRA_OP_PROPERTY) == null) {
            System.setProperty(INTRA_OP_PROPERTY, Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
        if (System.getProperty(INTER_OP_PROPERTY) == null) {
            System.setProperty(INTER_OP_PROPERTY, "1");
        }
        try {
            return Engine.getEngine(NAME);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the PyTorch training engine cannot be loaded: " + e.getMessage(), e);
        }
    }

    /**
     * Sets libtorch's intra-op threads (the threads one convolution uses) for this process; takes effect for the
     * next operation.
     *
     * @throws IllegalArgumentException unless {@code threads >= 1}
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        System.setProperty(INTRA_OP_PROPERTY, Integer.toString(threads));
        get();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
    }

    /** libtorch's intra-op threads. */
    public static int threads() {
        get();
        return ai.djl.pytorch.jni.JniUtils.getNumThreads();
    }

    /**
     * Where training runs: the first CUDA GPU when the loaded libtorch is a CUDA build and sees one (a build the
     * user installed and pointed DJL to with {@code PYTORCH_LIBRARY_PATH}, see the README), else the CPU.
     */
    public static ai.djl.Device trainingDevice() {
        return gpuCount() > 0 ? ai.djl.Device.gpu() : ai.djl.Device.cpu();
    }

    /** One line for the user: where training runs and with how many threads. */
    public static String describeDevice() {
        if (gpuCount() > 0) {
            return "GPU (CUDA), " + gpuCount() + " device" + (gpuCount() == 1 ? "" : "s");
        }
        return "CPU, " + threads() + " thread" + (threads() == 1 ? "" : "s") + " (no CUDA build of PyTorch found)";
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

    /**
     * Overwrites {@code target} in place with {@code values} (same shape, converted to {@code target}'s type),
     * keeping whether it requires a gradient; {@code values} is consumed. Every holder of {@code target} (a block's
     * parameter, an optimiser's list) sees the new values.
     *
     * <p>NB: {@code NDArray.set(Buffer)} and {@code copyTo} do the same through DJL's native {@code torchSet}, which
     * opens libtorch's deprecated {@code AutoNonVariableTypeMode} guard, and libtorch then prints a deprecation
     * warning to the user's console (once per process). Swapping the native tensor goes around that call. The
     * swapped-in tensor is always a copy in libtorch's own memory (see the body).
     */
    public static void overwrite(NDArray target, NDArray values) {
        if (!target.getShape().equals(values.getShape())) {
            throw new IllegalArgumentException("cannot overwrite " + target.getShape() + " with " + values.getShape());
        }
        boolean grad = target.hasGradient();
        // Always a copy that libtorch owns: an array made from Java data lives in a direct buffer that only its
        // own NDArray keeps alive (DJL's PtNDArray.dataRef), and intern() moves the native handle, not the buffer.
        NDArray owned = values.getDataType() == target.getDataType() ? values.duplicate()
                : values.toType(target.getDataType(), true);
        values.close();
        target.intern(owned);
        if (grad) {
            target.setRequiresGradient(true);
        }
    }
}
