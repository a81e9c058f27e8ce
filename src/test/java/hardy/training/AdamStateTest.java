package hardy.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdamStateTest {

    /** Two Adam steps on w = [1, -2] with gradients [0.5, 0.1] then [-0.5, 0.3], against the formula by hand. */
    @Test
    void stepsFollowAdamWithBiasCorrection(@TempDir Path dir) throws IOException {
        try (NDManager manager = TorchEngine.get().newBaseManager()) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            p.setArray(manager.create(new float[] {1, -2}));
            p.getArray().setRequiresGradient(true);
            PairList<String, Parameter> params = new PairList<>();
            params.add("w", p);
            AdamState adam = new AdamState(params, manager);
            double[] w = {1, -2};
            double[] m = new double[2];
            double[] v = new double[2];
            double[][] grads = {{0.5, 0.1}, {-0.5, 0.3}};
            double rate = 0.01;
            for (int t = 1; t <= 2; t++) {
                try (NDManager scope = manager.newSubManager()) {
                    // d/dw of sum(w * c) is c: the gradient this step should see.
                    NDArray c = scope.create(new float[] {(float) grads[t - 1][0], (float) grads[t - 1][1]});
                    try (GradientCollector collector = TorchEngine.get().newGradientCollector()) {
                        NDArray loss = c.mul(p.getArray()).sum();
                        collector.backward(loss);
                    }
                    adam.step(params, rate, scope);
                }
                for (int i = 0; i < 2; i++) {
                    m[i] = 0.9 * m[i] + 0.1 * grads[t - 1][i];
                    v[i] = 0.999 * v[i] + 0.001 * grads[t - 1][i] * grads[t - 1][i];
                    double mh = m[i] / (1 - Math.pow(0.9, t));
                    double vh = v[i] / (1 - Math.pow(0.999, t));
                    w[i] -= rate * mh / (Math.sqrt(vh) + 1e-8);
                }
                float[] got = p.getArray().toFloatArray();
                assertThat((double) got[0]).isCloseTo(w[0], within(1e-6));
                assertThat((double) got[1]).isCloseTo(w[1], within(1e-6));
                assertThat(p.getArray().getGradient().toFloatArray()).containsOnly(0f);
            }
            assertThat(adam.steps()).isEqualTo(2);

            adam.save(dir.resolve("adam.bin"));
            AdamState restored = new AdamState(params, manager);
            restored.load(dir.resolve("adam.bin"), manager);
            assertThat(restored.steps()).isEqualTo(2);
        }
    }

    @Test
    void schedulesDecayAsDocumented() {
        assertThat(LearningRateSchedule.CONSTANT.rate(0.01, 50, 100)).isEqualTo(0.01);
        assertThat(LearningRateSchedule.POLY.rate(0.01, 0, 100)).isEqualTo(0.01);
        assertThat(LearningRateSchedule.POLY.rate(0.01, 50, 100)).isCloseTo(0.01 * Math.pow(0.5, 0.9), within(1e-15));
        assertThat(LearningRateSchedule.COSINE.rate(0.01, 50, 100)).isCloseTo(0.005, within(1e-15));
        assertThat(LearningRateSchedule.COSINE.rate(0.01, 99, 100)).isGreaterThan(0);
        assertThat(LearningRateSchedule.POLY.rate(0.01, 500, 100)).isEqualTo(LearningRateSchedule.POLY.rate(0.01, 99,
                100));
    }
}
