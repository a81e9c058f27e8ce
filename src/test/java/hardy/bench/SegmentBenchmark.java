package hardy.bench;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.inference.DeviceRequest;
import hardy.inference.SegmentOptions;
import hardy.inference.SegmentationModel;
import hardy.inference.SegmentationResult;
import hardy.inference.Segmenter;
import hardy.volume.Geometry;
import hardy.volume.Volume;
import hardy.volume.VoxelArray;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hardy's whole segmentation pipeline (sliding window with Gaussian weighting through DJL and ONNX Runtime, then
 * argmax) on a cubic volume with a 3D U-Net of the default model's size. {@code scripts/bench-segment.sh} makes
 * the network and the volume with PyTorch ({@code dir}: model.onnx, model.json, volume.f32), times PyTorch on the
 * same patches and puts both numbers side by side. The card's spacing equals the volume's, so neither side
 * resamples.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class SegmentBenchmark {

    /** Folder written by {@code scripts/torch_unet.py bench}. */
    @Param("target/bench-segment")
    public String dir;

    /** Edge length of the cubic volume in voxels. */
    @Param("160")
    public int size;

    /** Intra-op threads; 0 = all cores. */
    @Param("0")
    public int threads;

    private Segmenter segmenter;
    private Volume volume;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path d = Path.of(dir);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(d.resolve("volume.f32"))).order(ByteOrder.LITTLE_ENDIAN);
        float[] voxels = new float[b.remaining() / 4];
        b.asFloatBuffer().get(voxels);
        volume = new Volume(Geometry.axisAligned(size, size, size, new double[] {1, 1, 1}, new double[] {0, 0, 0}),
                new VoxelArray.Float32(voxels));
        segmenter = Segmenter.open(SegmentationModel.load(d),
                SegmentOptions.DEFAULT.withDevice(DeviceRequest.CPU).withThreads(threads));
    }

    @Benchmark
    public SegmentationResult segment() {
        return segmenter.segment(volume, ProgressListener.NONE, Cancellation.NEVER);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        segmenter.close();
    }
}
