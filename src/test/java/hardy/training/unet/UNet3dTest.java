package hardy.training.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import hardy.training.TorchEngine;
import org.junit.jupiter.api.Test;

class UNet3dTest {

    @Test
    void logitsHaveTheInputGridAndOneChannelPerClassForOddMultiplesOfTheDownsampling() {
        UNet3dConfig config = new UNet3dConfig(1, 3, 4, 2);
        Shape input = new Shape(2, 1, 12, 20, 28); // 3, 5 and 7 times 2^2
        try (NDManager manager = TorchEngine.get().newBaseManager()) {
            UNet3d net = new UNet3d(config);
            net.initialize(manager, DataType.FLOAT32, input);
            NDArray logits = net.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomNormal(input)), false).singletonOrThrow();

            assertThat(logits.getShape()).isEqualTo(new Shape(2, 3, 12, 20, 28));
            assertThat(net.getOutputShapes(new Shape[] {input})[0]).isEqualTo(logits.getShape());
            assertThat(logits.isInfinite().any().getBoolean() || logits.isNaN().any().getBoolean()).isFalse();
        }
    }

    @Test
    void levelsDoubleTheChannels() {
        UNet3dConfig config = new UNet3dConfig(1, 2, 6, 3);
        assertThat(config.channels(0)).isEqualTo(6);
        assertThat(config.channels(3)).isEqualTo(48);
        assertThat(config.sizeMultiple()).isEqualTo(8);
    }

    @Test
    void refusesSidesThatDoNotHalveEvenly() {
        Shape input = new Shape(1, 1, 8, 8, 10);
        try (NDManager manager = TorchEngine.get().newBaseManager()) {
            UNet3d net = new UNet3d(new UNet3dConfig(1, 2, 4, 2));
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8, 8));
            assertThatThrownBy(() -> net.forward(new ParameterStore(manager, false),
                    new NDList(manager.zeros(input)), false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("multiple of 4");
        }
    }

    @Test
    void upsamplingRepeatsEachVoxelIntoATwoByTwoByTwoBlock() {
        try (NDManager manager = TorchEngine.get().newBaseManager()) {
            NDArray x = manager.arange(8f).reshape(1, 1, 2, 2, 2);
            NDArray up = UNet3d.upsampleNearest(new NDList(x)).singletonOrThrow();
            assertThat(up.getShape()).isEqualTo(new Shape(1, 1, 4, 4, 4));
            for (int z = 0; z < 4; z++) {
                for (int y = 0; y < 4; y++) {
                    for (int w = 0; w < 4; w++) {
                        float expected = (z / 2) * 4 + (y / 2) * 2 + (w / 2);
                        assertThat(up.getFloat(0, 0, z, y, w)).isEqualTo(expected);
                    }
                }
            }
        }
    }
}
