package hardy.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import hardy.training.unet.UNet3d;
import hardy.training.unet.UNet3dConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks that the engine computes correct gradients for a U-Net of the run's configuration, before a training run
 * trusts it.
 *
 * <p>Why: on an AVX-512 CPU, libtorch 2.7.1's oneDNN path returned wrong or NaN conv3d <em>input</em> gradients
 * for batches larger than 1 when the output channels were not a multiple of 16, and a U-Net went NaN within two
 * iterations (docs/decisions/0007-pytorch-gradient-self-check.md). Such a fault depends on the CPU, the library
 * build and the layer sizes, so it is tested on the machine, at the start of every run.
 *
 * <p>How: the same network (same weights, input and labels) runs forward and backward through
 * {@link SegmentationLoss} in float32 and in float64. Float64 convolutions take libtorch's reference kernels,
 * not oneDNN, and are themselves checked against finite differences in the test suite. Every gradient (input
 * and each parameter) must agree to {@link #TOLERANCE}, relative to its largest magnitude.
 */
public final class GradientSelfCheck {

    /** Agreement required between float32 and float64 gradients; healthy engines reach about 1e-6. */
    public static final double TOLERANCE = 1e-3;

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
     */
    public record Result(UNet3dConfig config, int batchSize, double inputError, double weightError,
            String worstWeight) {

        /** Whether every gradient agreed to {@link #TOLERANCE}. */
        public boolean passed() {
            return inputError <= TOLERANCE && weightError <= TOLERANCE;
        }

        /** One line for the log or an error message. */
        public String describe() {
            return String.format(Locale.ROOT, "gradient self-check %s for %s, batch %d: input gradient error %.2e,"
                    + " worst weight gradient error %.2e (%s), tolerance %.0e", passed() ? "passed" : "FAILED",
                    config, batchSize, inputError, weightError, worstWeight, TOLERANCE);
        }
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
            return new Result(config, batchSize, inputError, weightError, worst);
        }
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
