package hardy.training.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.inference.DeviceRequest;
import hardy.inference.InvalidModelException;
import hardy.inference.ModelCard;
import hardy.inference.SegmentOptions;
import hardy.inference.SegmentationModel;
import hardy.inference.SegmentationResult;
import hardy.inference.Segmenter;
import hardy.training.TorchEngine;
import hardy.training.unet.UNet3d;
import hardy.training.unet.UNet3dConfig;
import hardy.volume.Geometry;
import hardy.volume.Volume;
import hardy.volume.VoxelArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelExportTest {

    private static final UNet3dConfig CONFIG = new UNet3dConfig(1, 3, 4, 2);

    @TempDir
    Path dir;

    private NDManager manager;
    private UNet3d network;

    @BeforeEach
    void setUp() {
        Engine engine = TorchEngine.get();
        manager = engine.newBaseManager();
        engine.setRandomSeed(7);
        network = new UNet3d(CONFIG);
        network.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8, 8));
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /** A card for the test network: no resampling, no normalisation, one window the size of the volume. */
    static ModelCard card(int patch) {
        return new ModelCard(ModelCard.SCHEMA_VERSION, "tiny-unet", "1.0", "test network",
                List.of(new ModelCard.Label(1, "one", "#FF0000"), new ModelCard.Label(2, "two", "#00FF00")), 1, 3,
                new double[] {1, 1, 1}, ModelCard.Orientation.IMAGE, null,
                new ModelCard.Normalization("none", null, null, null), new int[] {patch, patch, patch}, null, null,
                null, null, null, "0".repeat(64));
    }

    private static float[] noise(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 4 - 2);
        }
        return v;
    }

    private float[] logits(UNet3d net, float[] input, int side) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(input, new Shape(1, 1, side, side, side));
            NDArray y = net.forward(new ParameterStore(scope, false), new NDList(x), false).singletonOrThrow();
            y.attach(scope);
            return y.toFloatArray();
        }
    }

    @Test
    void theExportedModelSegmentsAsThePyTorchNetworkPredicts() throws IOException {
        int side = 16;
        ModelExport.ExportReport report = ModelExport.export(network, card(side), dir.resolve("model"));
        assertThat(report.maxAbsDifference()).isLessThan(ModelExport.PARITY_TOLERANCE).isGreaterThanOrEqualTo(0);
        assertThat(Files.size(dir.resolve("model/model.onnx"))).isEqualTo(report.onnxBytes());

        SegmentationModel model = SegmentationModel.load(dir.resolve("model"));
        assertThat(model.card().sha256()).isEqualTo(report.sha256());
        assertThat(model.card().provenance().get("network").get("baseChannels").asInt()).isEqualTo(4);

        float[] voxels = noise(side * side * side, 3);
        Volume image = new Volume(Geometry.axisAligned(side, side, side, new double[] {1, 1, 1},
                new double[] {0, 0, 0}), new VoxelArray.Float32(voxels));
        float[] expected = logits(network, voxels, side);
        int n = voxels.length;
        try (Segmenter s = Segmenter.open(model, SegmentOptions.DEFAULT.withDevice(DeviceRequest.CPU)
                .withPostprocess(false))) {
            SegmentationResult r = s.segment(image, ProgressListener.NONE, Cancellation.NEVER);
            int compared = 0;
            for (int v = 0; v < n; v++) {
                int best = 0;
                double second = Double.NEGATIVE_INFINITY;
                for (int c = 1; c < 3; c++) {
                    if (expected[c * n + v] > expected[best * n + v]) {
                        second = expected[best * n + v];
                        best = c;
                    } else {
                        second = Math.max(second, expected[c * n + v]);
                    }
                }
                if (expected[best * n + v] - second > 1e-3) {
                    assertThat(r.labels().volume().data().get(v)).as("voxel %d", v).isEqualTo(best);
                    compared++;
                }
            }
            assertThat(compared).isGreaterThan(n * 9 / 10);
        }
    }

    @Test
    void aGraphThatDoesNotComputeWhatTheNetworkComputesFailsParity() {
        byte[] onnx = UNetOnnxWriter.write(network, "test");
        assertThat(ModelExport.parity(network, onnx)).isLessThan(ModelExport.PARITY_TOLERANCE);
        NDArray headBias = network.getParameters().valueAt(network.getParameters().size() - 1).getArray();
        TorchEngine.withoutGradient(() -> headBias.addi(0.01f)); // the network changes after the graph was written
        // a 0.01 shift of the logits, measured against their scale (and through the probabilities)
        assertThat(ModelExport.parity(network, onnx)).isGreaterThan(10 * ModelExport.PARITY_TOLERANCE);
    }

    @Test
    void weightsReadBackGiveTheSameOutputs() throws IOException {
        ModelExport.export(network, card(8), dir.resolve("model"));
        assertThat(ModelImport.readConfig(dir.resolve("model"))).isEqualTo(CONFIG);

        TorchEngine.get().setRandomSeed(99);
        UNet3d copy = new UNet3d(CONFIG);
        copy.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8, 8));
        float[] input = noise(16 * 16 * 16, 5);
        assertThat(logits(copy, input, 16)).isNotEqualTo(logits(network, input, 16));
        ModelImport.loadWeights(dir.resolve("model"), copy);
        assertThat(logits(copy, input, 16)).containsExactly(logits(network, input, 16));
    }

    @Test
    void importRefusesAChangedGraphAndForeignModels() throws IOException {
        Path model = dir.resolve("model");
        ModelExport.export(network, card(8), model);
        UNet3d other = new UNet3d(new UNet3dConfig(1, 3, 8, 2));
        other.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8, 8));
        assertThatThrownBy(() -> ModelImport.loadWeights(model, other)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("baseChannels=4").hasMessageContaining("baseChannels=8");

        byte[] onnx = Files.readAllBytes(model.resolve("model.onnx"));
        onnx[onnx.length - 10] ^= 1;
        Files.write(model.resolve("model.onnx"), onnx);
        assertThatThrownBy(() -> ModelImport.loadWeights(model, network)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("SHA-256");

        String card = Files.readString(model.resolve("model.json")).replace("hardy-unet3d", "other-net");
        Files.writeString(model.resolve("model.json"), card);
        assertThatThrownBy(() -> ModelImport.readConfig(model)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("not a Hardy U-Net");
    }

    @Test
    void anExistingModelFolderIsKeptUnlessReplacing() throws IOException {
        Path model = dir.resolve("model");
        ModelExport.ExportReport first = ModelExport.export(network, card(8), model);
        assertThatThrownBy(() -> ModelExport.export(network, card(8), model)).isInstanceOf(IOException.class)
                .hasMessageContaining("already exists");
        assertThat(SegmentationModel.load(model).card().sha256()).isEqualTo(first.sha256());

        TorchEngine.withoutGradient(() -> network.getParameters().valueAt(0).getArray().muli(1.5f));
        ModelExport.ExportReport second = ModelExport.export(network, card(8), model, true);
        assertThat(second.sha256()).isNotEqualTo(first.sha256());
        assertThat(SegmentationModel.load(model).card().sha256()).isEqualTo(second.sha256());
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("model"); // no staging left
        }
    }

    @Test
    void aCardThatDoesNotFitTheNetworkIsRefusedBeforeWriting() {
        assertThatThrownBy(() -> ModelExport.export(network, card(6), dir.resolve("model")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiples of 4");
        assertThat(dir.resolve("model")).doesNotExist();
    }

    @Test
    void parityIsRelativeForLogitsAndAbsoluteForProbabilities() {
        float[][] torch = {{40f, -20f, 0.5f}, {0.2f, 0.3f, 0.5f}};
        // a logit off by 2e-3 at a scale of 40 is 5e-5 of it: accepted
        assertThat(ModelExport.difference(torch, new float[][] {{40.002f, -20f, 0.5f}, {0.2f, 0.3f, 0.5f}}))
                .isLessThan(ModelExport.PARITY_TOLERANCE);
        // the same logit error when the logits are small is not
        float[][] small = {{0.4f, -0.2f, 0.5f}, {0.2f, 0.3f, 0.5f}};
        assertThat(ModelExport.difference(small, new float[][] {{0.402f, -0.2f, 0.5f}, {0.2f, 0.3f, 0.5f}}))
                .isGreaterThan(ModelExport.PARITY_TOLERANCE);
        // probabilities stay absolute
        assertThat(ModelExport.difference(torch, new float[][] {{40f, -20f, 0.5f}, {0.2f, 0.3002f, 0.5f}}))
                .isGreaterThan(ModelExport.PARITY_TOLERANCE);
        assertThat(ModelExport.difference(torch, new float[][] {{Float.NaN, -20f, 0.5f}, {0.2f, 0.3f, 0.5f}}))
                .isNaN();
    }
}
