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
 *       convolution is linear, so a healthy engine agrees to rounding (about 1e-6); input and weight gradients
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

    /** Agreement required of each lone convolution, float32 against float64; healthy engines reach about 1e-6. */
    public static final double CONV_TOLERANCE = 1e-4;

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
     * @param inputError    relative error of the gradient with respect to the input
     * @param weightError   largest relative error over the parameter gradients
     * @param worstWeight   the parameter with that error
     * @param convError     largest relative error of a lone convolution's input or weight gradient
     * @param worstConv     the convolution shape with that error
     */
    public record Result(UNet3dConfig config, int batchSize, double inputError, double weightError,
            String worstWeight, double convError, String worstConv) {

        /** Whether every lone convolution agreed to {@link #CONV_TOLERANCE} and the network to its tolerance. */
        public boolean passed() {
            return convError <= CONV_TOLERANCE && inputError <= NETWORK_TOLERANCE
                    && weightError <= NETWORK_TOLERANCE;
        }

        /** One line for the log or an error message. */
        public String describe() {
            return String.format(Locale.ROOT, "gradient self-check %s for %s, batch %d: worst convolution gradient"
                    + " error %.2e (%s, tolerance %.0e); network input gradient error %.2e, worst weight gradient"
                    + " error %.2e (%s, tolerance %.0e)", passed() ? "passed" : "FAILED", config, batchSize,
                    convError, worstConv, CONV_TOLERANCE, inputError, weightError, worstWeight, NETWORK_TOLERANCE);
        }
    }

    /**
     * One convolution of the network, as the engine sees it.
     *
     * @param in     input channels
     * @param out    output channels
     * @param kernel cubic kernel side (3, or 1 for the head)
     * @param stride stride on every axis
     * @param side   spatial side of its input
     */
    record ConvShape(int in, int out, int kernel, int stride, int side) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "conv%dx%dx%d %d->%d stride %d on %d^3", kernel, kernel, kernel, in,
                    out, stride, side);
        }
    }

    /** Every distinct convolution of {@link UNet3d} with this configuration, for an input of side {@code side}. */
    static List<ConvShape> convolutions(UNet3dConfig config, int side) {
        Set<ConvShape> shapes = new LinkedHashSet<>();
        for (int level = 0; level <= config.depth(); level++) {
            int in = level == 0 ? config.inputChannels() : config.channels(level - 1);
            int stride = level == 0 ? 1 : 2;
            int inputSide = level == 0 ? side : side >> (level - 1);
            shapes.add(new ConvShape(in, config.channels(level), 3, stride, inputSide));
            shapes.add(new ConvShape(config.channels(level), config.channels(level), 3, 1, side >> level));
        }
        for (int level = config.depth() - 1; level >= 0; level--) {
            int levelSide = side >> level;
            shapes.add(new ConvShape(config.channels(level + 1), config.channels(level), 3, 1, levelSide));
            shapes.add(new ConvShape(2 * config.channels(level), config.channels(level), 3, 1, levelSide));
            shapes.add(new ConvShape(config.channels(level), config.channels(level), 3, 1, levelSide));
        }
        shapes.add(new ConvShape(config.channels(0), config.classes(), 1, 1, side));
        return List.copyOf(shapes);
    }

    /**
     * Runs the check on a patch just large enough to keep a few voxels at the bottleneck.
     *
     * @param engine    the PyTorch engine
     * @param config    the network of the run
     * @param batchSize cases per forward/backward pass in the run
     * @param seed      seed of the weights, input and labels
     */
    public static Result run(Engine engine, UNet3dConfig config, int batchSize, long seed) {
        int side = 2 * config.sizeMultiple();
        Shape input = new Shape(batchSize, config.inputChannels(), side, side, side);
        try (NDManager manager = engine.newBaseManager()) {
            engine.setRandomSeed((int) seed);
            UNet3d net32 = new UNet3d(config);
            net32.initialize(manager, DataType.FLOAT32, input);
            UNet3d net64 = new UNet3d(config);
            net64.initialize(manager, DataType.FLOAT64, input);
            ParameterList params32 = net32.getParameters();
            ParameterList params64 = net64.getParameters();
            for (int i = 0; i < params32.size(); i++) {
                params32.valueAt(i).getArray().toType(DataType.FLOAT64, true).copyTo(params64.valueAt(i).getArray());
            }
            NDArray x = manager.randomNormal(input);
            NDArray labels = manager.randomInteger(0, config.classes(), new Shape(batchSize, side, side, side),
                    DataType.INT64);
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
            for (ConvShape conv : convolutions(config, side)) {
                double error = convGradientError(engine, manager, conv, batchSize);
                if (!(error <= convError)) {
                    convError = error;
                    worstConv = conv.toString();
                }
            }
            return new Result(config, batchSize, inputError, weightError, worst, convError, worstConv);
        }
    }

    /** Worst relative error of the input and weight gradients of one lone convolution, float32 against float64. */
    static double convGradientError(Engine engine, NDManager manager, ConvShape conv, int batchSize) {
        try (NDManager scope = manager.newSubManager()) {
            int outSide = conv.side() / conv.stride();
            NDArray x = scope.randomNormal(new Shape(batchSize, conv.in(), conv.side(), conv.side(), conv.side()));
            NDArray w = scope.randomNormal(new Shape(conv.out(), conv.in(), conv.kernel(), conv.kernel(),
                    conv.kernel())).mul(1.0 / Math.sqrt(conv.in() * Math.pow(conv.kernel(), 3)));
            NDArray upstream = scope.randomNormal(new Shape(batchSize, conv.out(), outSide, outSide, outSide));
            NDList grads32 = convGradients(engine, x, w, upstream, conv);
            NDList grads64 = convGradients(engine, x.toType(DataType.FLOAT64, true), w.toType(DataType.FLOAT64, true),
                    upstream.toType(DataType.FLOAT64, true), conv);
            return Math.max(relativeError(grads32.get(0), grads64.get(0)),
                    relativeError(grads32.get(1), grads64.get(1)));
        }
    }

    /** Input and weight gradients of {@code sum(conv(x, w) * upstream)}. */
    private static NDList convGradients(Engine engine, NDArray x, NDArray w, NDArray upstream, ConvShape conv) {
        NDArray input = x.duplicate();
        NDArray weight = w.duplicate();
        input.setRequiresGradient(true);
        weight.setRequiresGradient(true);
        int pad = conv.kernel() / 2;
        try (GradientCollector collector = engine.newGradientCollector()) {
            NDArray y = Conv3d.conv3d(input, weight, null, new Shape(conv.stride(), conv.stride(), conv.stride()),
                    new Shape(pad, pad, pad)).singletonOrThrow();
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
            collector.backward(SegmentationLoss.perCase(logits, oneHot.toType(logits.getDataType(), false)).sum());
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
