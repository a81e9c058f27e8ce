package hardy.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** This machine has no GPU and the bundled libtorch is the CPU build: the tested path is the fallback. */
class TorchEngineTest {

    @Test
    void withoutACudaBuildTrainingRunsOnTheCpuAndSaysSoInPlainWords() {
        assertThat(TorchEngine.gpuCount()).isZero();
        assertThat(TorchEngine.trainingDevice()).isEqualTo(Device.cpu());
        assertThat(TorchEngine.describeDevice()).startsWith("CPU, ").contains("thread")
                .contains("no CUDA build of PyTorch found").doesNotContain("Exception").doesNotContain("Error");
    }

    @Test
    void intraOpThreadsDefaultToTheCoresAndCanBeSet() {
        int before = TorchEngine.threads();
        try {
            TorchEngine.setThreads(1);
            assertThat(TorchEngine.threads()).isEqualTo(1);
            assertThat(TorchEngine.describeDevice()).contains("1 thread ");
        } finally {
            TorchEngine.setThreads(before);
        }
        assertThatThrownBy(() -> TorchEngine.setThreads(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overwriteReplacesTheValuesInPlaceConvertingTheTypeAndKeepingTheGradient() {
        try (NDManager manager = TorchEngine.get().newBaseManager()) {
            NDArray weight = manager.zeros(new Shape(2, 2), DataType.FLOAT64);
            weight.setRequiresGradient(true);
            NDArray holder = weight; // a block's parameter and an optimiser keep the same object
            TorchEngine.overwrite(weight, manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2)));
            assertThat(holder.getDataType()).isEqualTo(DataType.FLOAT64);
            assertThat(holder.toDoubleArray()).containsExactly(1, 2, 3, 4);
            assertThat(holder.hasGradient()).isTrue();

            NDArray moment = manager.zeros(new Shape(3));
            TorchEngine.overwrite(moment, manager.create(new float[] {5, 6, 7}));
            assertThat(moment.toFloatArray()).containsExactly(5, 6, 7);
            assertThat(moment.hasGradient()).isFalse();
            assertThatThrownBy(() -> TorchEngine.overwrite(moment, manager.zeros(new Shape(4))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void overwrittenValuesOutliveTheJavaBufferTheyCameFrom() throws InterruptedException {
        // DJL makes a tensor from a Java array over a direct buffer that only the donor NDArray keeps alive; a
        // handle swap that leaves the buffer behind reads freed memory once the collector has run (a SIGSEGV in
        // fine-tuning, 2026-12-07).
        try (NDManager manager = TorchEngine.get().newBaseManager()) {
            int n = 1000;
            NDArray target = manager.zeros(new Shape(n));
            float[] ones = new float[n];
            java.util.Arrays.fill(ones, 1f);
            TorchEngine.overwrite(target, manager.create(ones));
            java.util.List<java.nio.ByteBuffer> junk = new java.util.ArrayList<>();
            for (int round = 0; round < 20; round++) {
                System.gc();
                Thread.sleep(10);
                for (int b = 0; b < 50; b++) {
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(4 * n)
                            .order(java.nio.ByteOrder.nativeOrder());
                    while (buf.hasRemaining()) {
                        buf.putFloat(9f);
                    }
                    junk.add(buf);
                }
            }
            assertThat(target.toFloatArray()).containsOnly(1f);
            assertThat(junk).hasSize(1000);
        }
    }
}
