package hardy.inference;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.volume.Geometry;
import hardy.volume.Volume;
import hardy.volume.VoxelType;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GPU request on a machine without CUDA runs on the CPU and says why; nothing is ever downloaded. */
class DeviceFallbackTest {

    @TempDir
    Path tmp;

    private SegmentationModel model() throws Exception {
        TinyOnnx.write(tmp, TinyOnnx.pointwise(new float[] {0, 1}, new float[] {0, -1}, null), 2,
                new double[] {1, 1, 1}, new int[] {4, 4, 4}, "softmax");
        return SegmentationModel.load(tmp);
    }

    private static boolean cudaPresent() {
        return System.getenv("CUDA_VISIBLE_DEVICES") != null && !System.getenv("CUDA_VISIBLE_DEVICES").isBlank()
                || java.nio.file.Files.exists(Path.of("/dev/nvidia0"));
    }

    @Test
    void gpuRequestWithoutCudaFallsBackToTheCpuAndSaysSo() throws Exception {
        Assumptions.assumeFalse(cudaPresent(), "this machine has a GPU; the fallback cannot be observed");
        for (DeviceRequest request : new DeviceRequest[] {DeviceRequest.GPU, DeviceRequest.AUTO}) {
            try (Segmenter s = Segmenter.open(model(), SegmentOptions.DEFAULT.withDevice(request).withThreads(1))) {
                assertThat(s.device().device()).isEqualTo("cpu");
                assertThat(s.device().fellBack()).isTrue();
                assertThat(s.device().summary()).isEqualTo("No GPU found; ran on the CPU (1 thread)");
                assertThat(s.device().fallback()).as("the engine's reason, for the log").isNotBlank();
                assertThat(s.device().describe()).startsWith("No GPU found; ran on the CPU (1 thread) [")
                        .contains(s.device().fallback());
                Volume img = Volume.allocate(Geometry.axisAligned(5, 5, 5, new double[] {1, 1, 1},
                        new double[] {0, 0, 0}), VoxelType.FLOAT32);
                SegmentationResult r = s.segment(img, ProgressListener.NONE, Cancellation.NEVER);
                assertThat(r.device()).isEqualTo(s.device());
                assertThat(r.labels().counts()).containsExactly(125);   // sigmoid(-1) < 0.5: all background
            }
        }
    }

    @Test
    void cpuRequestReportsNoFallbackAndTheThreadCap() throws Exception {
        try (Segmenter s = Segmenter.open(model(), SegmentOptions.DEFAULT.withDevice(DeviceRequest.CPU)
                .withThreads(1))) {
            assertThat(s.device()).isEqualTo(new DeviceReport("cpu", 1, null));
            assertThat(s.device().summary()).isEqualTo("CPU (1 thread)");
            assertThat(s.device().describe()).isEqualTo("CPU (1 thread)");
        }
        assertThat(Engines.threads(0)).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(Engines.threads(10_000)).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void theEnginesAreOfflineAndDecoupledFromPyTorch() throws Exception {
        try (Segmenter s = Segmenter.open(model(), SegmentOptions.DEFAULT.withDevice(DeviceRequest.CPU))) {
            assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
            assertThat(System.getProperty("ai.djl.onnx.disable_alternative")).isEqualTo("true");
        }
    }

    @Test
    void theSummaryIsPlainEnglishAndKeepsTheEnginesWordsForTheLog() {
        String ort = "Error code - ORT_EP_FAIL - message: Failed to find CUDA shared provider";
        assertThat(new DeviceReport("cpu", 2, ort).summary()).isEqualTo("No GPU found; ran on the CPU (2 threads)");
        assertThat(new DeviceReport("cpu", 2, ort).describe()).isEqualTo("No GPU found; ran on the CPU (2 threads) ["
                + ort + "]");
        assertThat(new DeviceReport("cpu", 2, null).summary()).isEqualTo("CPU (2 threads)");
        assertThat(new DeviceReport("gpu:0", 4, null).summary()).isEqualTo("GPU 0 (4 CPU threads)");
        assertThat(new DeviceReport("gpu:0", 1, null).summary()).isEqualTo("GPU 0 (1 CPU thread)");
    }

    @Test
    void badSettingsAreDescribedInWordsWithoutCommandLineOptions() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SegmentOptions.DEFAULT.withThreads(-1))
                .hasMessage("the number of threads must be 0 (all cores) or more, got -1")
                .isInstanceOfSatisfying(hardy.core.InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("threads"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SegmentOptions(DeviceRequest.AUTO, 0, 1.5, false,
                true, false, false)).hasMessage("the sliding-window step must be in (0, 1], got 1.5")
                .isInstanceOfSatisfying(hardy.core.InvalidSettingException.class,
                        e -> assertThat(e.problem()).isEqualTo("must be in (0, 1], got 1.5"));
    }

    @Test
    void deviceNamesParse() {
        assertThat(DeviceRequest.parse("GPU")).isEqualTo(DeviceRequest.GPU);
        assertThat(DeviceRequest.parse("auto")).isEqualTo(DeviceRequest.AUTO);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeviceRequest.parse("tpu"))
                .hasMessage("the device must be auto, cpu or gpu, not 'tpu'")
                .isInstanceOfSatisfying(hardy.core.InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("device"));
    }
}
