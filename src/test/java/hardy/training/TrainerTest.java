package hardy.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import hardy.core.Cancellation;
import hardy.core.CancelledException;
import hardy.core.ProgressListener;
import hardy.training.unet.UNet3dConfig;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import hardy.volume.VoxelType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static final int SIDE = 20;

    /** A noisy image with a bright cube of side 6 to 9 somewhere inside, labelled 1. */
    static TrainingCase cube(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Geometry geometry = Geometry.axisAligned(SIDE, SIDE, SIDE, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Volume image = Volume.allocate(geometry, VoxelType.FLOAT32);
        LabelMap labels = LabelMap.empty(geometry, 1);
        int size = 6 + random.nextInt(4);
        int[] origin = {random.nextInt(SIDE - size), random.nextInt(SIDE - size), random.nextInt(SIDE - size)};
        for (int k = 0; k < SIDE; k++) {
            for (int j = 0; j < SIDE; j++) {
                for (int i = 0; i < SIDE; i++) {
                    boolean inside = i >= origin[0] && i < origin[0] + size && j >= origin[1]
                            && j < origin[1] + size && k >= origin[2] && k < origin[2] + size;
                    image.data().set(image.index(i, j, k), 100 + (inside ? 60 : 0) + 10 * random.nextGaussian());
                    if (inside) {
                        labels.setLabel(i, j, k, 1);
                    }
                }
            }
        }
        return new TrainingCase(image, labels);
    }

    static List<TrainingCase> cubes(int n) {
        List<TrainingCase> cases = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            cases.add(cube(31 + c));
        }
        return cases;
    }

    static TrainingOptions options(int batchSize) {
        return new TrainingOptions(new UNet3dConfig(1, 2, 4, 2), 16, 16, 16, batchSize, 1e-2, 100, 0.5, true, 17);
    }

    @Test
    void aFewDozenIterationsReduceTheLossAndUpdateTheSampler() {
        List<TrainingListener.Iteration> log = new ArrayList<>();
        try (Trainer trainer = new Trainer(options(2), cubes(3))) {
            double[] before = trainer.sampler().losses();
            long start = System.nanoTime();
            trainer.train(40, ProgressListener.NONE, Cancellation.NEVER, log::add);
            double msPerIteration = (System.nanoTime() - start) / 1e6 / 40;

            double first = mean(log.subList(0, 5));
            double last = mean(log.subList(35, 40));
            System.err.printf("%s; mean case loss of iterations 1-5 %.3f, 36-40 %.3f; %.0f ms per iteration%n",
                    trainer.selfCheck().describe(), first, last, msPerIteration);
            assertThat(trainer.iterations()).isEqualTo(40);
            assertThat(last).isLessThan(0.6 * first);
            double[] after = trainer.sampler().losses();
            for (int c = 0; c < 3; c++) {
                assertThat(after[c]).as("stale loss of case %d", c).isNotEqualTo(before[c]).isLessThan(before[c]);
            }
            TrainingListener.Iteration lastIteration = log.get(39);
            assertThat(lastIteration.batch()).hasSize(2).doesNotHaveDuplicates();
            assertThat(lastIteration.caseLosses()).hasSize(2);
            assertThat(Arrays.stream(lastIteration.weights()).boxed().toList()).allSatisfy(w -> assertThat(w).isBetween(0.1, 10.0));
        }
    }

    @Test
    void cancellationStopsBetweenIterations() {
        Cancellation cancellation = new Cancellation();
        List<TrainingListener.Iteration> log = new ArrayList<>();
        try (Trainer trainer = new Trainer(options(1), cubes(2))) {
            assertThatThrownBy(() -> trainer.train(50, ProgressListener.NONE, cancellation, result -> {
                log.add(result);
                if (result.iteration() == 3) {
                    cancellation.cancel();
                }
            })).isInstanceOf(CancelledException.class);
            assertThat(trainer.iterations()).isEqualTo(3);
            assertThat(log).hasSize(3);
        }
    }

    @Test
    void nativeMemoryStaysFlatOverAHundredIterations() {
        try (Trainer trainer = new Trainer(options(2), cubes(2))) {
            trainer.train(5, ProgressListener.NONE, Cancellation.NEVER, TrainingListener.NONE);
            int arraysAfterWarmUp = trainer.nativeArrayCount();
            long rssAfterWarmUp = residentBytes();
            trainer.train(100, ProgressListener.NONE, Cancellation.NEVER, TrainingListener.NONE);
            int arraysAfter = trainer.nativeArrayCount();
            long rssAfter = residentBytes();
            System.err.printf("native arrays %d -> %d; resident %d MB -> %d MB over 100 iterations%n",
                    arraysAfterWarmUp, arraysAfter, rssAfterWarmUp >> 20, rssAfter >> 20);
            assertThat(arraysAfter).isEqualTo(arraysAfterWarmUp);
        }
    }

    /**
     * When the engine's batched convolution gradients are wrong (here: a stand-in whose input gradient doubles
     * for two or more cases), the trainer must not train on them: it falls back to one case per pass, which the
     * check passes at batch 1, and still learns.
     */
    @Test
    void fallsBackToOneCasePerPassWhenBatchedGradientsFailTheCheck() {
        GradientSelfCheck.Convolution wrongWhenBatched = (x, w, stride, pad) -> {
            NDArray y = GradientSelfCheck.Convolution.ENGINE.apply(x, w, stride, pad);
            if (x.getDataType() != DataType.FLOAT32 || x.getShape().get(0) < 2) {
                return y;
            }
            return y.add(y.sub(GradientSelfCheck.Convolution.ENGINE.apply(x.stopGradient(), w, stride, pad)));
        };
        List<TrainingListener.Iteration> log = new ArrayList<>();
        try (Trainer trainer = new Trainer(options(2), cubes(3), null, wrongWhenBatched)) {
            assertThat(trainer.perCasePasses()).isTrue();
            assertThat(trainer.selfCheck().batchSize()).isEqualTo(1);
            assertThat(trainer.selfCheck().passed()).isTrue();
            trainer.train(30, ProgressListener.NONE, Cancellation.NEVER, log::add);
            assertThat(mean(log.subList(25, 30))).isLessThan(0.8 * mean(log.subList(0, 5)));
        }
        try (Trainer healthy = new Trainer(options(2), cubes(3))) {
            assertThat(healthy.perCasePasses()).isFalse();
            assertThat(healthy.selfCheck().batchSize()).isEqualTo(2);
        }
    }

    @Test
    void reportsTheSamplersEffectiveNumberOfCases() {
        List<TrainingListener.Iteration> log = new ArrayList<>();
        TrainingOptions uniform = new TrainingOptions(new UNet3dConfig(1, 2, 4, 2), 16, 16, 16, 2, 1e-2, 0, 0.5,
                false, 17);
        try (Trainer trainer = new Trainer(uniform, cubes(3))) {
            trainer.train(3, ProgressListener.NONE, Cancellation.NEVER, log::add);
        }
        assertThat(log.get(2).effectiveCases()).isCloseTo(3.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(log.get(0).effectiveCases()).isCloseTo(3.0, org.assertj.core.api.Assertions.within(1e-9));
        try (Trainer trainer = new Trainer(options(2), cubes(3))) {
            log.clear();
            trainer.train(10, ProgressListener.NONE, Cancellation.NEVER, log::add);
        }
        assertThat(log.get(9).effectiveCases()).isBetween(1.0, 3.0);
    }

    /** The constrained form keeps the sampler at the requested effective share, whatever the losses do. */
    @Test
    void anEffectiveShareTargetSetsBetaFromTheLosses() {
        List<TrainingListener.Iteration> log = new ArrayList<>();
        TrainingOptions half = options(1).withEffectiveShare(0.5);
        try (Trainer trainer = new Trainer(half, cubes(6))) {
            trainer.train(12, ProgressListener.NONE, Cancellation.NEVER, log::add);
        }
        for (TrainingListener.Iteration it : log) {
            assertThat(it.effectiveCases()).as("iteration %d", it.iteration())
                    .isCloseTo(3.0, org.assertj.core.api.Assertions.within(1e-3));
        }
        assertThat(log.stream().mapToDouble(TrainingListener.Iteration::beta).distinct().count()).isGreaterThan(1);
    }

    @Test
    void refusesMoreCasesPerBatchThanThereAreCases() {
        assertThatThrownBy(() -> new Trainer(options(3), cubes(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least");
    }

    private static double mean(List<TrainingListener.Iteration> iterations) {
        // Unweighted: importance weights scale the minimised value but say nothing about the fit.
        return iterations.stream().flatMapToDouble(i -> Arrays.stream(i.caseLosses())).average().orElseThrow();
    }

    /** Resident set size from /proc, or -1 where there is none. */
    private static long residentBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }
}
