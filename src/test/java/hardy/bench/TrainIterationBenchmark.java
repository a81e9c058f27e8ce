package hardy.bench;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.training.LearningRateSchedule;
import hardy.training.TorchEngine;
import hardy.training.Trainer;
import hardy.training.TrainingCase;
import hardy.training.TrainingListener;
import hardy.training.TrainingOptions;
import hardy.training.unet.UNet3dConfig;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import hardy.volume.VoxelType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * One training iteration of Hardy's {@link Trainer}: draw a batch, crop the patches, one forward and backward
 * pass of the U-Net through the loss, update the sampler, Adam step. {@code scripts/bench-train.sh} runs it beside
 * {@code scripts/torch_train_step.py}, the same network, loss, batch, patch and optimiser in Debian's PyTorch.
 *
 * <p>Augmentation is off: the comparison is about the engine, and the reference draws random tensors. The cases
 * are noise with random labels, 8 voxels larger than the patch on each side.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dai.djl.offline=true"})
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
public class TrainIterationBenchmark {

    @Param("1")
    public int threads;

    @Param("32")
    public int patch;

    @Param("2")
    public int batch;

    @Param("8")
    public int base;

    @Param("3")
    public int depth;

    private Trainer trainer;

    @Setup(Level.Trial)
    public void setUp() {
        TorchEngine.setThreads(threads);
        UNet3dConfig network = new UNet3dConfig(1, 8, base, depth);
        TrainingOptions options = new TrainingOptions(network, patch, patch, patch, batch, 1e-3, 0, 0.5, false, 1,
                0, false, LearningRateSchedule.CONSTANT, 0);
        trainer = new Trainer(options, cases(Math.max(batch, 4), patch + 8));
    }

    @Benchmark
    public int iteration() {
        trainer.train(1, ProgressListener.NONE, Cancellation.NEVER, TrainingListener.NONE);
        return trainer.iterations();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trainer.close();
    }

    private static List<TrainingCase> cases(int n, int side) {
        SplittableRandom random = new SplittableRandom(7);
        List<TrainingCase> cases = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            Geometry grid = Geometry.axisAligned(side, side, side, new double[] {1, 1, 1}, new double[] {0, 0, 0});
            Volume image = Volume.allocate(grid, VoxelType.FLOAT32);
            LabelMap labels = LabelMap.empty(grid, 7);
            for (int k = 0; k < side; k++) {
                for (int j = 0; j < side; j++) {
                    for (int i = 0; i < side; i++) {
                        image.data().set(image.index(i, j, k), random.nextGaussian());
                        labels.setLabel(i, j, k, random.nextInt(8));
                    }
                }
            }
            cases.add(new TrainingCase(image, labels));
        }
        return cases;
    }
}
