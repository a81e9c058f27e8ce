package hardy.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import hardy.core.Cancellation;
import hardy.core.CancelledException;
import hardy.core.ProgressListener;
import hardy.volume.Affine;
import hardy.volume.Geometry;
import hardy.volume.Volume;
import hardy.volume.VoxelArray;
import hardy.volume.VoxelType;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole pipeline with pointwise ONNX networks whose answer is known voxel by voxel: whatever the patch layout,
 * overlap, mirroring or resampling, every voxel must get the network's value for its own intensity. A patch put
 * back in the wrong place, a mirror not undone or a misaligned grid changes the answer.
 */
class SegmenterExactTest {

    private static final double THRESHOLD = 8.5;

    @TempDir
    Path tmp;

    /** logits [0, x - 8.5]: p1 = sigmoid(x - 8.5), label 1 exactly where x > 8.5. */
    private Segmenter thresholdModel(int[] patch, double[] spacing, String orientation, SegmentOptions options)
            throws Exception {
        byte[] onnx = TinyOnnx.pointwise(new float[] {0, 1}, new float[] {0, (float) -THRESHOLD}, null);
        ObjectNode card = TinyOnnx.write(tmp.resolve("threshold"), onnx, 2, spacing, patch, "softmax");
        card.put("orientation", orientation);
        TinyOnnx.writeCard(tmp.resolve("threshold"), card);
        return Segmenter.open(SegmentationModel.load(tmp.resolve("threshold")), options);
    }

    /** Outputs [x, 0] as "probabilities" (no softmax): class 0's probability map is the input itself. */
    private Segmenter identityModel(int[] patch, double[] spacing, String orientation, String axes) throws Exception {
        return identityModel(patch, spacing, orientation, axes, false);
    }

    private Segmenter identityModel(int[] patch, double[] spacing, String orientation, String axes, boolean tta)
            throws Exception {
        byte[] onnx = TinyOnnx.pointwise(new float[] {1, 0}, new float[] {0, 0}, null);
        ObjectNode card = TinyOnnx.write(tmp.resolve("identity"), onnx, 2, spacing, patch, "none");
        card.put("orientation", orientation).put("tensorAxes", axes);
        TinyOnnx.writeCard(tmp.resolve("identity"), card);
        return Segmenter.open(SegmentationModel.load(tmp.resolve("identity")),
                SegmentOptions.DEFAULT.withDevice(DeviceRequest.CPU).withProbabilities(true).withTta(tta));
    }

    private static Volume image(Geometry g, ToDoubleFunction<double[]> f) {
        Volume v = Volume.allocate(g, VoxelType.FLOAT32);
        float[] d = ((VoxelArray.Float32) v.data()).data();
        for (int k = 0, idx = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++, idx++) {
                    d[idx] = (float) f.applyAsDouble(new double[] {i, j, k});
                }
            }
        }
        return v;
    }

    /** Values 0.25..16.25 scattered so that neighbouring voxels differ and many patches straddle the threshold. */
    private static double scattered(double[] ijk) {
        return (ijk[0] * 7 + ijk[1] * 3 + ijk[2] * 5) % 17 + 0.25;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @ParameterizedTest(name = "{0}x{1}x{2} patch {3}x{4}x{5} step {6} tta {7}")
    @CsvSource({
        "13, 11, 9, 8, 8, 8, 0.5, false",     // odd sizes, overlapping patches
        "13, 11, 9, 8, 6, 4, 0.5, true",      // non-cubic patch, mirroring TTA
        "13, 11, 9, 5, 5, 5, 0.3, false",     // dense overlap, odd patch
        "5, 7, 3, 8, 8, 8, 0.5, true",        // smaller than one patch: zero-padded
        "17, 3, 12, 8, 8, 8, 1.0, false"})    // no overlap, one axis smaller than the patch
    void thresholdNetworkGivesTheVoxelwiseAnswer(int nx, int ny, int nz, int px, int py, int pz, double step,
                                                 boolean tta) throws Exception {
        Geometry g = Geometry.axisAligned(nx, ny, nz, new double[] {1, 1, 1}, new double[] {-4, 2, 7});
        Volume img = image(g, SegmenterExactTest::scattered);
        SegmentOptions options = SegmentOptions.DEFAULT.withDevice(DeviceRequest.CPU).withStep(step).withTta(tta)
                .withProbabilities(true).withEntropy(true);
        try (Segmenter s = thresholdModel(new int[] {px, py, pz}, new double[] {1, 1, 1}, "image", options)) {
            SegmentationResult r = s.segment(img, ProgressListener.NONE, Cancellation.NEVER);
            assertThat(r.labels().geometry()).isEqualTo(g);
            assertThat(r.modelGrid()).isEqualTo(g);
            for (int v = 0; v < img.data().length(); v++) {
                double x = img.value(v);
                double p1 = sigmoid(x - THRESHOLD);
                assertThat((int) r.labels().volume().data().get(v)).as("label at %d", v).isEqualTo(x > THRESHOLD ? 1 : 0);
                assertThat(r.probabilities().get(1).value(v)).as("p1 at %d", v).isCloseTo(p1, within(3e-6));
                assertThat(r.probabilities().get(0).value(v)).isCloseTo(1 - p1, within(3e-6));
                double h = -(p1 * Math.log(p1) + (1 - p1) * Math.log(1 - p1));
                assertThat(r.entropy().value(v)).isCloseTo(h, within(1e-5));
            }
        }
    }

    @ParameterizedTest(name = "tensor axes {0}, tta {1}")
    @CsvSource({"kji, false", "ijk, false", "kji, true", "ijk, true"})
    void everyVoxelGetsItsOwnValueBack(String axes, boolean tta) throws Exception {
        Geometry g = Geometry.axisAligned(19, 10, 7, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Volume img = image(g, ijk -> 1 + ijk[0] + 20 * ijk[1] + 200 * ijk[2]);   // unique per voxel
        try (Segmenter s = identityModel(new int[] {8, 6, 4}, new double[] {1, 1, 1}, "image", axes, tta)) {
            SegmentationResult r = s.segment(img, ProgressListener.NONE, Cancellation.NEVER);
            assertThat(r.passes()).isEqualTo((tta ? 8 : 1) * 4 * 3 * 3);   // starts per axis: 19 -> 4, 10 -> 3, 7 -> 3
            for (int v = 0; v < img.data().length(); v++) {
                assertThat(r.probabilities().get(0).value(v)).as("voxel %d", v)
                        .isCloseTo(img.value(v), within(img.value(v) * 1e-5));   // float32 sums; neighbours differ by 1
            }
        }
    }

    /** A rotated, anisotropic image resampled to isotropic 1.5 mm and back: a linear ramp survives exactly. */
    @Test
    void anisotropicObliqueImageRoundTripsThroughTheModelGrid() throws Exception {
        double c = Math.cos(0.4);
        double s = Math.sin(0.4);
        double[][] rot = {{c, -s * 0.6, s * 0.8}, {s, c * 0.6, -c * 0.8}, {0, 0.8, 0.6}};   // orthonormal columns
        double[] spacing = {0.9, 1.1, 2.5};
        double[][] linear = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int col = 0; col < 3; col++) {
                linear[r][col] = rot[r][col] * spacing[col];
            }
        }
        Geometry g = new Geometry(24, 20, 10, Affine.of(linear, new double[] {-12, 30, 5}));
        assertThat(g.isOrthogonal()).isTrue();
        ToDoubleFunction<double[]> world = ijk -> {
            double[] w = g.toWorld(ijk[0], ijk[1], ijk[2]);
            return 0.3 * w[0] - 0.2 * w[1] + 0.5 * w[2] + 10;
        };
        Volume img = image(g, world);
        try (Segmenter id = identityModel(new int[] {8, 8, 8}, new double[] {1.5, 1.5, 1.5}, "image", "kji")) {
            SegmentationResult r = id.segment(img, ProgressListener.NONE, Cancellation.NEVER);
            assertThat(r.labels().geometry()).isEqualTo(g);
            assertThat(r.modelGrid().spacing()).containsExactly(new double[] {1.5, 1.5, 1.5}, within(1e-9));
            assertThat(r.modelGrid().dims()).containsExactly(14, 15, 17);   // 24*0.9/1.5, 20*1.1/1.5, 10*2.5/1.5
            assertThat(r.modelGrid().direction(2)).containsExactly(g.direction(2), within(1e-12));
            int checked = 0;
            for (int k = 2; k < g.nz() - 2; k++) {
                for (int j = 3; j < g.ny() - 3; j++) {
                    for (int i = 3; i < g.nx() - 3; i++) {
                        assertThat(r.probabilities().get(0).value(i, j, k)).as("(%d,%d,%d)", i, j, k)
                                .isCloseTo(img.value(i, j, k), within(1e-3));
                        checked++;
                    }
                }
            }
            assertThat(checked).isGreaterThan(1000);
        }
        SegmentOptions opts = SegmentOptions.DEFAULT.withDevice(DeviceRequest.CPU);
        try (Segmenter th = thresholdModel(new int[] {8, 8, 8}, new double[] {1.5, 1.5, 1.5}, "image", opts)) {
            SegmentationResult r = th.segment(img, ProgressListener.NONE, Cancellation.NEVER);
            int compared = 0;
            for (int k = 2; k < g.nz() - 2; k++) {
                for (int j = 3; j < g.ny() - 3; j++) {
                    for (int i = 3; i < g.nx() - 3; i++) {
                        double x = img.value(i, j, k);
                        if (Math.abs(x - THRESHOLD) > 0.05) {
                            assertThat(r.labels().label(i, j, k)).as("(%d,%d,%d) x=%f", i, j, k, x)
                                    .isEqualTo(x > THRESHOLD ? 1 : 0);
                            compared++;
                        }
                    }
                }
            }
            assertThat(compared).isGreaterThan(1000);
        }
    }

    /** An LPS-ordered image seen by a model that wants RAS axes: flipped in and flipped back, voxel for voxel. */
    @Test
    void rasOrientedModelSeesFlippedAxesAndTheAnswerComesBackInPlace() throws Exception {
        Geometry g = Geometry.axisAligned(9, 7, 5, new double[] {1, 1, 1}, new double[] {3, -2, 1});
        Volume img = image(g, ijk -> 1 + ijk[0] + 10 * ijk[1] + 100 * ijk[2]);
        try (Segmenter s = identityModel(new int[] {4, 4, 4}, new double[] {1, 1, 1}, "ras", "kji")) {
            SegmentationResult r = s.segment(img, ProgressListener.NONE, Cancellation.NEVER);
            assertThat(r.modelGrid().direction(0)).containsExactly(new double[] {-1, 0, 0}, within(1e-12));
            assertThat(r.modelGrid().direction(1)).containsExactly(new double[] {0, -1, 0}, within(1e-12));
            assertThat(r.modelGrid().direction(2)).containsExactly(new double[] {0, 0, 1}, within(1e-12));
            for (int v = 0; v < img.data().length(); v++) {
                assertThat(r.probabilities().get(0).value(v)).isCloseTo(img.value(v), within(1e-4));
            }
        }
    }

    @Test
    void progressIsReportedPerPatchAndCancelStopsBeforeTheNextOne() throws Exception {
        Geometry g = Geometry.axisAligned(20, 20, 20, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Volume img = image(g, SegmenterExactTest::scattered);
        try (Segmenter s = thresholdModel(new int[] {8, 8, 8}, new double[] {1, 1, 1}, "image",
                SegmentOptions.DEFAULT.withDevice(DeviceRequest.CPU))) {
            AtomicLong last = new AtomicLong();
            AtomicLong total = new AtomicLong();
            SegmentationResult r = s.segment(img, (done, all, msg) -> {
                if (msg.startsWith("Patch")) {
                    last.set(done);
                    total.set(all);
                }
            }, Cancellation.NEVER);
            assertThat(r.passes()).isEqualTo(64);    // 4 starts per axis for 20 voxels, patch 8, step 0.5
            assertThat(last.get()).isEqualTo(64);
            assertThat(total.get()).isEqualTo(64);

            Cancellation cancel = new Cancellation();
            AtomicLong seen = new AtomicLong();
            assertThatThrownBy(() -> s.segment(img, (done, all, msg) -> {
                if (msg.startsWith("Patch")) {
                    seen.set(done);
                    if (done == 3) {
                        cancel.cancel();
                    }
                }
            }, cancel)).isInstanceOf(CancelledException.class);
            assertThat(seen.get()).isEqualTo(3);
        }
    }

    @Test
    void theLargestComponentStepRemovesIslands() throws Exception {
        assertTheIslandGoes("lcc", card -> card.putArray("largestComponentLabels").add(1));
    }

    @Test
    void theLargestForegroundStepRemovesIslandsWhenTheCardAsksForIt() throws Exception {
        SegmentationModel m = assertTheIslandGoes("lfc", card -> card.put("largestForegroundComponent", true));
        assertThat(m.card().keepsLargestForegroundComponent()).isTrue();
    }

    /** A 4x4x4 bright cube plus one bright voxel far away: with the card's step on, the lone voxel goes. */
    private SegmentationModel assertTheIslandGoes(String name, java.util.function.Consumer<ObjectNode> step)
            throws Exception {
        Geometry g = Geometry.axisAligned(12, 12, 12, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Volume img = image(g, ijk -> (ijk[0] >= 2 && ijk[0] < 6 && ijk[1] >= 2 && ijk[1] < 6 && ijk[2] >= 2
                && ijk[2] < 6) || (ijk[0] == 10 && ijk[1] == 10 && ijk[2] == 10) ? 16 : 1);
        byte[] onnx = TinyOnnx.pointwise(new float[] {0, 1}, new float[] {0, (float) -THRESHOLD}, null);
        ObjectNode card = TinyOnnx.write(tmp.resolve(name), onnx, 2, new double[] {1, 1, 1}, new int[] {8, 8, 8},
                "softmax");
        step.accept(card);
        TinyOnnx.writeCard(tmp.resolve(name), card);
        SegmentationModel m = SegmentationModel.load(tmp.resolve(name));
        try (Segmenter on = Segmenter.open(m, SegmentOptions.DEFAULT.withDevice(DeviceRequest.CPU));
             Segmenter off = Segmenter.open(m, SegmentOptions.DEFAULT.withDevice(DeviceRequest.CPU)
                     .withPostprocess(false))) {
            assertThat(off.segment(img, ProgressListener.NONE, Cancellation.NEVER).labels().counts())
                    .containsExactly(12 * 12 * 12 - 65, 65);
            SegmentationResult r = on.segment(img, ProgressListener.NONE, Cancellation.NEVER);
            assertThat(r.labels().counts()).containsExactly(12 * 12 * 12 - 64, 64);
            assertThat(r.labels().label(10, 10, 10)).isZero();
        }
        return m;
    }
}
