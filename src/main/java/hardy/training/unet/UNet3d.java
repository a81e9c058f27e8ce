package hardy.training.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A 3D U-Net (nnU-Net style) as a DJL block: input {@code (N, inputChannels, D, H, W)}, output the class logits
 * {@code (N, classes, D, H, W)}. Every side of the input must be a multiple of {@code 2^depth}.
 *
 * <ul>
 *   <li>Each level has two 3x3x3 convolutions, each followed by instance norm and leaky ReLU (slope 0.01).</li>
 *   <li>Downsampling is the first convolution of a level with stride 2.</li>
 *   <li>Upsampling is nearest-neighbour doubling followed by a 3x3x3 convolution: DJL's PyTorch engine has no
 *       transposed convolution, and nearest resizing maps onto one ONNX {@code Resize} for the export.</li>
 *   <li>Skip connections concatenate the encoder features of a level with the upsampled decoder features.</li>
 *   <li>The head is a 1x1x1 convolution with bias to {@code classes} logits.</li>
 * </ul>
 */
public final class UNet3d extends AbstractBlock {

    /** Negative slope of every leaky ReLU. */
    public static final float LEAKY_SLOPE = 0.01f;
    /** DJL's interpolation mode number for nearest neighbour. */
    private static final int NEAREST = 0;

    private final UNet3dConfig config;
    private final List<Block> encoders = new ArrayList<>();
    private final List<Block> upsamplers = new ArrayList<>();
    private final List<Block> decoders = new ArrayList<>();
    private final Block head;

    /** A network of the given shape; call {@link #initialize} before use. */
    public UNet3d(UNet3dConfig config) {
        this.config = config;
        for (int level = 0; level <= config.depth(); level++) {
            int out = config.channels(level);
            encoders.add(addChildBlock("encoder" + level, new SequentialBlock()
                    .add(convNormAct(out, level == 0 ? 1 : 2))
                    .add(convNormAct(out, 1))));
        }
        for (int level = config.depth() - 1; level >= 0; level--) {
            int out = config.channels(level);
            upsamplers.add(addChildBlock("up" + level, new SequentialBlock()
                    .add(new LambdaBlock(UNet3d::upsampleNearest, "upsampleNearest"))
                    .add(convNormAct(out, 1))));
            decoders.add(addChildBlock("decoder" + level, new SequentialBlock()
                    .add(convNormAct(out, 1))
                    .add(convNormAct(out, 1))));
        }
        head = addChildBlock("head", Conv3d.builder().setKernelShape(new Shape(1, 1, 1))
                .setFilters(config.classes()).build());
    }

    /** The configuration this network was built from. */
    public UNet3dConfig config() {
        return config;
    }

    /** Conv 3x3x3 (no bias: the norm removes it) -> instance norm -> leaky ReLU. */
    static SequentialBlock convNormAct(int filters, int stride) {
        return new SequentialBlock()
                .add(Conv3d.builder().setKernelShape(new Shape(3, 3, 3)).optPadding(new Shape(1, 1, 1))
                        .optStride(new Shape(stride, stride, stride)).optBias(false).setFilters(filters).build())
                .add(new InstanceNorm3d())
                .add(new LambdaBlock(list -> new NDList(Activation.leakyRelu(list.singletonOrThrow(),
                        LEAKY_SLOPE)), "leakyRelu"));
    }

    /** Doubles every spatial side by repeating voxels: libtorch's native nearest upsampling. */
    static NDList upsampleNearest(NDList inputs) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        return new NDList(x.getNDArrayInternal().interpolation(new long[] {2 * s.get(2), 2 * s.get(3), 2 * s.get(4)},
                NEAREST, false));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        checkSides(inputs.singletonOrThrow().getShape());
        List<NDArray> skips = new ArrayList<>();
        NDList x = inputs;
        for (Block encoder : encoders) {
            x = encoder.forward(store, x, training);
            skips.add(x.singletonOrThrow());
        }
        for (int i = 0; i < decoders.size(); i++) {
            NDArray up = upsamplers.get(i).forward(store, x, training).singletonOrThrow();
            NDArray skip = skips.get(config.depth() - 1 - i);
            x = decoders.get(i).forward(store, new NDList(NDArrays.concat(new NDList(up, skip), 1)), training);
        }
        return head.forward(store, x, training);
    }

    private void checkSides(Shape shape) {
        int multiple = config.sizeMultiple();
        for (int axis = 2; axis < 5; axis++) {
            if (shape.get(axis) % multiple != 0) {
                throw new IllegalArgumentException("every side of the input must be a multiple of " + multiple
                        + " for a U-Net of depth " + config.depth() + ", not " + shape);
            }
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        List<Shape[]> skipShapes = new ArrayList<>();
        for (Block encoder : encoders) {
            encoder.initialize(manager, dataType, shapes);
            shapes = encoder.getOutputShapes(shapes);
            skipShapes.add(shapes);
        }
        for (int i = 0; i < decoders.size(); i++) {
            upsamplers.get(i).initialize(manager, dataType, shapes);
            Shape up = upsamplers.get(i).getOutputShapes(shapes)[0];
            Shape skip = skipShapes.get(config.depth() - 1 - i)[0];
            Shape[] concatenated = {new Shape(up.get(0), up.get(1) + skip.get(1), up.get(2), up.get(3), up.get(4))};
            decoders.get(i).initialize(manager, dataType, concatenated);
            shapes = decoders.get(i).getOutputShapes(concatenated);
        }
        head.initialize(manager, dataType, shapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), config.classes(), in.get(2), in.get(3), in.get(4))};
    }

    @Override
    public String toString() {
        return "UNet3d" + config;
    }
}
