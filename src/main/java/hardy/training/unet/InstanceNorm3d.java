package hardy.training.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Instance normalisation over the three spatial axes of an {@code (N, C, D, H, W)} array, with a learnable scale
 * and shift per channel. DJL's PyTorch engine has no instance or group norm block, so it is composed from means.
 *
 * <p>The scale and shift are stored as {@code (1, C, 1, 1, 1)} so they broadcast without a reshape: a reshape of
 * a parameter would create a new array in the parameter's (long-lived) manager on every forward pass.
 */
public final class InstanceNorm3d extends AbstractBlock {

    private final float epsilon;
    private final Parameter gamma;
    private final Parameter beta;

    /** A norm with the usual epsilon, 1e-5. */
    public InstanceNorm3d() {
        this(1e-5f);
    }

    /** A norm that adds {@code epsilon} to the variance. */
    public InstanceNorm3d(float epsilon) {
        this.epsilon = epsilon;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape affine = new Shape(1, inputShapes[0].get(1), 1, 1, 1);
        gamma.setShape(affine);
        beta.setShape(affine);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray centred = x.sub(spatialMean(x));
        NDArray variance = spatialMean(centred.square());
        NDArray normalised = centred.div(variance.add(epsilon).sqrt());
        NDArray scale = store.getValue(gamma, x.getDevice(), training);
        NDArray shift = store.getValue(beta, x.getDevice(), training);
        // The input stays the left operand so every result belongs to the input's (per-iteration) manager.
        return new NDList(normalised.mul(scale).add(shift));
    }

    /** Mean over D, H and W, kept as size-1 axes; the engine reduces one axis per call. */
    private static NDArray spatialMean(NDArray x) {
        return x.mean(new int[] {4}, true).mean(new int[] {3}, true).mean(new int[] {2}, true);
    }

    /** What is added to the variance before its square root. */
    public float epsilon() {
        return epsilon;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    public String toString() {
        return "InstanceNorm3d()";
    }

}
