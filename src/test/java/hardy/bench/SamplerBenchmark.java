package hardy.bench;

import hardy.training.sampler.HardnessWeightedSampler;
import hardy.training.sampler.SamplerOptions;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training iteration of the sampler, as the trainer will call it: draw a batch of {@code b} cases, then update
 * their stale losses with new values. {@code scripts/bench-sampler.sh} runs it beside the paper's NumPy reference
 * ({@code scripts/bench_sampler_reference.py}) doing the same work with the same parameters.
 *
 * <p>The losses start at 2.0 with the default relative noise 10<sup>-3</sup>; the new losses cycle through 4096
 * values uniform in [0, 2), so the distribution keeps changing as it would in training.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SamplerBenchmark {

    private static final int LOSS_TABLE = 4096;

    @Param({"1000", "10000", "100000", "1000000", "10000000"})
    public int n;

    @Param("4")
    public int b;

    @Param("100")
    public double beta;

    @Param("0")
    public double momentum;

    private HardnessWeightedSampler sampler;
    private double[] newLosses;
    private double[] batchLosses;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        sampler = new HardnessWeightedSampler(n, beta, SamplerOptions.defaults().withMomentum(momentum)
                .withSeed(1));
        newLosses = new SplittableRandom(2).doubles(LOSS_TABLE, 0, 2).toArray();
        batchLosses = new double[b];
    }

    @Benchmark
    public int[] drawAndUpdate() {
        int[] batch = sampler.nextBatch(b);
        for (int k = 0; k < b; k++) {
            batchLosses[k] = newLosses[next];
            next = (next + 1) & (LOSS_TABLE - 1);
        }
        sampler.update(batch, batchLosses);
        return batch;
    }
}
