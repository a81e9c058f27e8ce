package hardy.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
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
}
