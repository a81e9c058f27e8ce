package hardy.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import hardy.training.unet.UNet3d;
import hardy.training.unet.UNet3dConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks that the engine computes correct gradients for a U-Net of the run's configuration, before a training run
 * trusts it.
 *
 * <p>Why: on an AVX-512 CPU, libtorch 2.7.1's oneDNN path returned wrong or NaN conv3d <em>input</em> gradients
 * for batches larger than 1 when the output channels were not a multiple of 16, and a U-Net went NaN within two
 * iterations (docs/decisions/0007-pytorch-gradient-self-check.md). Such a fault depends on the CPU, the library
 * build and the layer sizes, so it is tested on the machine, at the start of every run.
 *
 * <p>How, in two parts. Float64 convolutions take libtorch's reference kernels, not oneDNN, and are themselves
 * checked against finite differences in the test suite.
 * <ol>
 *   <li><b>Every convolution shape of the network</b> (input and output channels, kernel, stride, the spatial size
 *       at its level, the run's batch size) runs alone, forward and backward, in float32 and float64. A
 *       convolution is linear, so a healthy engine agrees to rounding (1e-6 to 2e-5); input and weight gradients
 *       must agree to {@link #CONV_TOLERANCE}. This is the test for the fault above.</li>
 *   <li><b>The whole network</b> (same weights, input and labels) runs through {@link SegmentationLoss} in both
 *       precisions; every gradient must agree to {@link #NETWORK_TOLERANCE}. This catches NaNs and gross errors
 *       in the other operations. It cannot be tight: where a float32 pre-activation lies within rounding of zero,
 *       the leaky ReLU's slope differs between the two precisions, and instance norm over the few voxels at the
 *       bottleneck spreads that difference to every earlier gradient. Healthy runs measured up to 1.4e-2 this
 *       way, depending on the seed and the widths (decision 0007).</li>
 * </ol>
 * All gradient errors are relative to the reference's largest magnitude.
 */
public final class GradientSelfCheck {

    /**
     * Agreement required of each lone convolution, float32 against float64. Healthy engines reach about 1e-6 on a
     * 16-voxel cube and 1.7e-5 at 48³, batch 2 (float32 rounding grows with the number of terms a weight gradient
     * sums), so 1e-4 would refuse healthy runs at larger patches; the fault this check exists for gave errors of
     * order 1 or NaN (decision 0007).
     */
    public static final double CONV_TOLERANCE = 1e-3;

    /**
     * Agreement required of the whole network's gradients, float32 against float64: loose, because leaky-ReLU
     * kinks make healthy float32 gradients differ by up to about 1e-2 (see the class comment).
     */
    public static final double NETWORK_TOLERANCE = 1e-1;

    private GradientSelfCheck() {
    }

    /**
     * The outcome of a check.
     *
     * @param config        the network checked
     * @param batchSize     cases per forward/backward pass
     * @param patch         patch sides along (i, j, k)
     * @param inputError    relative error of the gradient with respect to the input
     * @param weightError   largest relative error over the parameter gradients
     * @param worstWeight   the parameter with that error
     * @param convError     largest relative error of a lone convolution's input or weight gradient
     * @param worstConv     the convolution shape with that error
     */
    public record Result(UNet3dConfig config, int batchSize, int[] patch, double inputError, double weightError,
            String worstWeight, double convError, String worstConv) {

        /** Whether every lone convolution agreed to {@link #CONV_TOLERANCE} and the network to its tolerance. */
        public boolean passed() {
            return convError <= CONV_TOLERANCE && inputError <= NETWORK_TOLERANCE
                    && weightError <= NETWORK_TOLERANCE;
        }

        /**
         * One plain line for the user: {@code Gradient check passed}, or what failed, without numbers or internal
         * names (those are in {@link #details()}).
         */
        public String summary() {
            if (passed()) {
                return "Gradient check passed";
            }
            if (!Double.isFinite(convError) || !Double.isFinite(inputError) || !Double.isFinite(weightError)) {
                return "Gradient check failed: PyTorch computes invalid gradients (not a number) on this machine";
            }
            if (convError > CONV_TOLERANCE) {
                return "Gradient check failed: PyTorch's 3D convolutions compute wrong gradients on this machine";
            }
            return "Gradient check failed: PyTorch computes wrong gradients for this network on this machine";
        }

        /** The numbers behind {@link #summary()}, one fact a line, for a details popup and the log. */
        public String details() {
            return String.format(Locale.ROOT, """
                    Network: %d input channel%s, %d classes, %d base channels, depth %d
                    Batch %d, patch %d x %d x %d
                    Worst lone convolution: %s, gradient error %.2e (tolerance %.0e)
                    Whole network: input gradient error %.2e, worst weight gradient error %.2e in %s                     (tolerance %.0e)
                    Errors are float32 against float64, relative to the largest float64 gradient.""",
                    config.inputChannels(), config.inputChannels() == 1 ? "" : "s", config.classes(),
                    config.baseChannels(), config.depth(), batchSize, patch[0], patch[1], patch[2], worstConv,
                    convError, CONV_TOLERANCE, inputError, weightError, worstWeight, NETWORK_TOLERANCE);
        }

        /** One line for the log: the summary and every number. */
        public String describe() {
            return String.format(Locale.ROOT, "gradient self-check %s for %s, batch %d, patch %dx%dx%d: worst"
                    + " convolution gradient error %.2e (%s, tolerance %.0e); network input gradient error %.2e, worst"
                    + " weight gradient error %.2e (%s, tolerance %.0e)", passed() ? "passed" : "FAILED", config,
                    batchSize, patch[0], patch[1], patch[2], convError, worstConv, CONV_TOLERANCE, inputError,
                    weightError, worstWeight, NETWORK_TOLERANCE);
        }
    }

    /**
     * One convolution of the network, as the engine sees it.
     *
     * @param in     input channels
     * @param out    output channels
     * @param kernel cubic kernel side (3, or 1 for the head)
     * @param stride stride on every axis
     * @param d      input size along k (slices)
     * @param h      input size along j (rows)
     * @param w      input size along i (columns)
     */
    record ConvShape(int in, int out, int kernel, int stride, int d, int h, int w) {

        /** The shape at level {@code shift} of a patch {@code (x, y, z)}: every side divided by 2^shift. */
        static ConvShape at(int in, int out, int kernel, int stride, int[] patch, int shift) {
            return new ConvShape(in, out, kernel, stride, patch[2] >> shift, patch[1] >> shift, patch[0] >> shift);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "conv%dx%dx%d %d->%d stride %d on %dx%dx%d", kernel, kernel, kernel, in,
                    out, stride, w, h, d);
        }
    }

    /** A 3D convolution as the check runs it; the test suite substitutes a faulty one. */
    @FunctionalInterface
    interface Convolution {

        /** {@code conv3d(x, w)} without bias, with this stride and zero padding on every axis. */
        NDArray apply(NDArray x, NDArray w, int stride, int pad);

        /** The engine's own convolution, the one the U-Net's blocks call. */
        Convolution ENGINE = (x, w, stride, pad) -> Conv3d.conv3d(x, w, null, new Shape(stride, stride, stride),
                new Shape(pad, pad, pad)).singletonOrThrow();
    }

    /** Every distinct convolution of {@link UNet3d} with this configuration, for a patch {@code (x, y, z)}. */
    static List<ConvShape> convolutions(UNet3dConfig config, int[] patch) {
        Set<ConvShape> shapes = new LinkedHashSet<>();
        for (int level = 0; level <= config.depth(); level++) {
            int in = level == 0 ? config.inputChannels() : config.channels(level - 1);
            int stride = level == 0 ? 1 : 2;
            shapes.add(ConvShape.at(in, config.channels(level), 3, stride, patch, Math.max(0, level - 1)));
            shapes.add(ConvShape.at(config.channels(level), config.channels(level), 3, 1, patch, level));
        }
        for (int level = config.depth() - 1; level >= 0; level--) {
            shapes.add(ConvShape.at(config.channels(level + 1), config.channels(level), 3, 1, patch, level));
            shapes.add(ConvShape.at(2 * config.channels(level), config.channels(level), 3, 1, patch, level));
            shapes.add(ConvShape.at(config.channels(level), config.channels(level), 3, 1, patch, level));
        }
        shapes.add(ConvShape.at(config.channels(0), config.classes(), 1, 1, patch, 0));
        return List.copyOf(shapes);
    }

    /**
     * Runs the check at the run's batch size and patch size: the sizes decide which kernels libtorch picks (at
     * batch 1 and small sizes its own {@code slow_conv3d}, otherwise oneDNN), so a check at any other size may
     * test kernels the run never calls.
     *
     * @param engine    the PyTorch engine
     * @param config    the network of the run
     * @param batchSize cases per forward/backward pass in the run
     * @param patch     the run's patch, sides along (i, j, k), multiples of {@code 2^depth}
     * @param seed      seed of the weights, input and labels
     */
    public static Result run(Engine engine, UNet3dConfig config, int batchSize, int[] patch, long seed) {
        return run(engine, config, batchSize, patch, seed, Convolution.ENGINE);
    }

    static Result run(Engine engine, UNet3dConfig config, int batchSize, int[] patch, long seed,
            Convolution convolution) {
        Shape input = new Shape(batchSize, config.inputChannels(), patch[2], patch[1], patch[0]);
        try (NDManager manager = engine.newBaseManager()) {
            engine.setRandomSeed((int) seed);
            UNet3d net32 = new UNet3d(config);
            net32.initialize(manager, DataType.FLOAT32, input);
            UNet3d net64 = new UNet3d(config);
            net64.initialize(manager, DataType.FLOAT64, input);
            ParameterList params32 = net32.getParameters();
            ParameterList params64 = net64.getParameters();
            for (int i = 0; i < params32.size(); i++) {
                TorchEngine.overwrite(params64.valueAt(i).getArray(), params32.valueAt(i).getArray().duplicate());
            }
            NDArray x = manager.randomNormal(input);
            NDArray labels = manager.randomInteger(0, config.classes(),
                    new Shape(batchSize, patch[2], patch[1], patch[0]), DataType.INT64);
            NDArray oneHot = labels.oneHot(config.classes()).transpose(0, 4, 1, 2, 3);

            List<NDArray> grads32 = gradients(engine, manager, net32, x, oneHot);
            List<NDArray> grads64 = gradients(engine, manager, net64, x.toType(DataType.FLOAT64, true),
                    oneHot.toType(DataType.FLOAT64, true));
            double inputError = relativeError(grads32.get(0), grads64.get(0));
            double weightError = 0;
            String worst = "none";
            for (int i = 1; i < grads32.size(); i++) {
                double error = relativeError(grads32.get(i), grads64.get(i));
                if (!(error <= weightError)) {
                    weightError = error;
                    worst = params32.keyAt(i - 1);
                }
            }
            double convError = 0;
            String worstConv = "none";
            for (ConvShape conv : convolutions(config, patch)) {
                double error = convGradientError(manager, conv, batchSize, convolution);
                if (!(error <= convError)) {
                    convError = error;
                    worstConv = conv.toString();
                }
            }
            return new Result(config, batchSize, patch.clone(), inputError, weightError, worst, convError, worstConv);
        }
    }

    /** Worst relative error of the input and weight gradients of one lone convolution, float32 against float64. */
    static double convGradientError(NDManager manager, ConvShape conv, int batchSize, Convolution convolution) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.randomNormal(new Shape(batchSize, conv.in(), conv.d(), conv.h(), conv.w()));
            NDArray w = scope.randomNormal(new Shape(conv.out(), conv.in(), conv.kernel(), conv.kernel(),
                    conv.kernel())).mul(1.0 / Math.sqrt(conv.in() * Math.pow(conv.kernel(), 3)));
            NDArray upstream = scope.randomNormal(new Shape(batchSize, conv.out(), conv.d() / conv.stride(),
                    conv.h() / conv.stride(), conv.w() / conv.stride()));
            NDList grads32 = convGradients(x, w, upstream, conv, convolution);
            NDList grads64 = convGradients(x.toType(DataType.FLOAT64, true), w.toType(DataType.FLOAT64, true),
                    upstream.toType(DataType.FLOAT64, true), conv, convolution);
            return Math.max(relativeError(grads32.get(0), grads64.get(0)),
                    relativeError(grads32.get(1), grads64.get(1)));
        }
    }

    /** Input and weight gradients of {@code sum(conv(x, w) * upstream)}. */
    private static NDList convGradients(NDArray x, NDArray w, NDArray upstream, ConvShape conv,
            Convolution convolution) {
        NDArray input = x.duplicate();
        NDArray weight = w.duplicate();
        input.setRequiresGradient(true);
        weight.setRequiresGradient(true);
        try (GradientCollector collector = x.getManager().getEngine().newGradientCollector()) {
            NDArray y = convolution.apply(input, weight, conv.stride(), conv.kernel() / 2);
            collector.backward(y.mul(upstream).sum());
        }
        return new NDList(input.getGradient(), weight.getGradient());
    }

    /** Input gradient first, then one gradient per parameter, all as float64. */
    private static List<NDArray> gradients(Engine engine, NDManager manager, UNet3d net, NDArray x,
            NDArray oneHot) {
        x.setRequiresGradient(true);
        try (GradientCollector collector = engine.newGradientCollector()) {
            NDArray logits = net.forward(new ParameterStore(manager, false), new NDList(x), true)
                    .singletonOrThrow();
            SegmentationLoss.Terms terms = SegmentationLoss.of(logits, oneHot.toType(logits.getDataType(), false));
            // Both forms the trainer uses: the batch objective and the per-case losses.
            collector.backward(terms.objective(null).add(terms.hardness().sum()));
        }
        List<NDArray> grads = new ArrayList<>();
        grads.add(x.getGradient().toType(DataType.FLOAT64, true));
        for (Pair<String, Parameter> p : net.getParameters()) {
            grads.add(p.getValue().getArray().getGradient().toType(DataType.FLOAT64, true));
        }
        return grads;
    }

    /**
     * {@code max |actual - reference| / max |reference|}; infinite when either holds a NaN or an infinity, and
     * when the reference is zero but the actual gradient is not.
     */
    static double relativeError(NDArray actual, NDArray reference) {
        double[] a = actual.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] r = reference.toType(DataType.FLOAT64, false).toDoubleArray();
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < a.length; i++) {
            double diff = Math.abs(a[i] - r[i]);
            if (!Double.isFinite(diff)) {
                return Double.POSITIVE_INFINITY;
            }
            maxDiff = Math.max(maxDiff, diff);
            maxRef = Math.max(maxRef, Math.abs(r[i]));
        }
        if (maxRef == 0) {
            return maxDiff == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return maxDiff / maxRef;
    }
}
