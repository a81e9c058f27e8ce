package hardy.training.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import hardy.training.TorchEngine;
import org.junit.jupiter.api.Test;

class InstanceNorm3dTest {

    @Test
    void eachChannelOfEachCaseHasZeroMeanAndUnitVarianceBeforeTheAffineStep() {
        Shape shape = new Shape(2, 3, 4, 5, 6);
        try (NDManager manager = TorchEngine.get().newBaseManager()) {
            NDArray x = manager.randomNormal(3f, 5f, shape, DataType.FLOAT32);
            InstanceNorm3d norm = new InstanceNorm3d();
            norm.initialize(manager, DataType.FLOAT32, shape);
            NDArray y = norm.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();

            for (int n = 0; n < 2; n++) {
                for (int c = 0; c < 3; c++) {
                    float[] v = y.get(n, c).toFloatArray();
                    double mean = 0;
                    for (float f : v) {
                        mean += f;
                    }
                    mean /= v.length;
                    double var = 0;
                    for (float f : v) {
                        var += (f - mean) * (f - mean);
                    }
                    var /= v.length;
                    assertThat(mean).isCloseTo(0, within(1e-5));
                    assertThat(var).isCloseTo(1, within(1e-3));
                }
            }
        }
    }
}
