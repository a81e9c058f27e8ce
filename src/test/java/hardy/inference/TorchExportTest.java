package hardy.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.volume.Geometry;
import hardy.volume.Volume;
import hardy.volume.VoxelArray;
import hardy.testing.InteropData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 3D U-Net exported by {@code torch.onnx.export} (Debian's python3-torch, scripts/fetch-inference-data.sh) loads
 * with its card, and Hardy's whole sliding window gives the probabilities PyTorch's own sliding window gives
 * (same patches, same Gaussian weights), for a volume of odd size and one smaller than a patch.
 */
class TorchExportTest {

    private static Path dir;
    private static JsonNode cases;

    @BeforeAll
    static void fixture() throws IOException {
        String p = System.getProperty("hardy.inference.dir");
        dir = (p != null ? Path.of(p) : Path.of(".cache", "inference")).resolve("torch-unet-small");
        cases = InteropData.readOrSkip(dir.resolve("cases.json"), "PyTorch export tests",
                "scripts/fetch-inference-data.sh (needs python3-torch)");
    }

    private static float[] floats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"odd", "small"})
    void hardyReproducesPyTorchsSlidingWindow(String name) throws Exception {
        JsonNode c = cases.get(name);
        int nx = c.get("dims").get(0).asInt();
        int ny = c.get("dims").get(1).asInt();
        int nz = c.get("dims").get(2).asInt();
        float[] voxels = floats(dir.resolve(name + ".f32"));
        float[] expected = floats(dir.resolve(name + "_probs.f32"));
        Volume img = new Volume(Geometry.axisAligned(nx, ny, nz, new double[] {1, 1, 1}, new double[] {0, 0, 0}),
                new VoxelArray.Float32(voxels));
        SegmentationModel model = SegmentationModel.load(dir);
        assertThat(model.signature().inputShape()).containsExactly(1, 1, 16, 16, 16);
        try (Segmenter s = Segmenter.open(model, SegmentOptions.DEFAULT.withDevice(DeviceRequest.CPU)
                .withProbabilities(true))) {
            SegmentationResult r = s.segment(img, ProgressListener.NONE, Cancellation.NEVER);
            int n = nx * ny * nz;
            double worst = 0;
            int disagreements = 0;
            for (int cls = 0; cls < 3; cls++) {
                for (int v = 0; v < n; v++) {
                    worst = Math.max(worst, Math.abs(r.probabilities().get(cls).value(v) - expected[cls * n + v]));
                }
            }
            for (int v = 0; v < n; v++) {
                int best = 0;
                for (int cls = 1; cls < 3; cls++) {
                    if (expected[cls * n + v] > expected[best * n + v]) {
                        best = cls;
                    }
                }
                double margin = Math.abs(expected[best * n + v] - secondBest(expected, n, v));
                if (margin > 1e-4 && r.labels().volume().data().get(v) != best) {
                    disagreements++;
                }
            }
            assertThat(worst).as("largest probability difference to PyTorch").isLessThan(1e-4);
            assertThat(disagreements).isZero();
        }
    }

    private static double secondBest(float[] p, int n, int v) {
        float a = Math.max(p[v], Math.max(p[n + v], p[2 * n + v]));
        float b = Float.NEGATIVE_INFINITY;
        boolean skipped = false;
        for (int c = 0; c < 3; c++) {
            if (!skipped && p[c * n + v] == a) {
                skipped = true;
            } else {
                b = Math.max(b, p[c * n + v]);
            }
        }
        return b;
    }
}
