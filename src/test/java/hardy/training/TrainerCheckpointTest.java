package hardy.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.ParameterList;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerCheckpointTest {

    @Test
    void aResumedTrainerHasTheSameWeightsSamplerAndIterationCount(@TempDir Path dir) throws IOException {
        List<TrainingCase> cases = TrainerTest.cubes(3);
        TrainingOptions options = TrainerTest.options(2);
        try (Trainer original = new Trainer(options, cases)) {
            original.train(4, ProgressListener.NONE, Cancellation.NEVER, TrainingListener.NONE);
            original.saveCheckpoint(dir);

            try (Trainer resumed = Trainer.resume(options, cases, dir)) {
                assertThat(resumed.iterations()).isEqualTo(4);
                assertThat(resumed.sampler().losses()).containsExactly(original.sampler().losses());
                ParameterList a = original.network().getParameters();
                ParameterList b = resumed.network().getParameters();
                assertThat(b.size()).isEqualTo(a.size());
                for (int i = 0; i < a.size(); i++) {
                    assertThat(b.valueAt(i).getArray().toFloatArray()).as(a.keyAt(i))
                            .containsExactly(a.valueAt(i).getArray().toFloatArray());
                }
                // The restored sampler continues exactly: both draw the same next batches.
                for (int k = 0; k < 5; k++) {
                    assertThat(resumed.sampler().nextBatch(2)).containsExactly(original.sampler().nextBatch(2));
                }
            }
        }
    }

    /**
     * Four iterations in one go equal two, a checkpoint, a fresh trainer resumed from it, and two more: same weights
     * to the bit, same sampler losses. With augmentation and a decaying schedule, so that Adam's moments, the step
     * count, the schedule position and the patch streams all have to survive the checkpoint.
     */
    @Test
    void aResumedRunContinuesExactlyAsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        List<TrainingCase> cases = TrainerTest.cubes(3);
        TrainingOptions base = TrainerTest.options(2);
        TrainingOptions options = new TrainingOptions(base.network(), base.patchX(), base.patchY(), base.patchZ(),
                base.batchSize(), base.learningRate(), base.beta(), base.foregroundShare(), base.importanceWeights(),
                base.seed(), 0, true, LearningRateSchedule.POLY, 4);
        float[][] straight;
        double[] straightLosses;
        try (Trainer t = new Trainer(options, cases)) {
            t.train(4, ProgressListener.NONE, Cancellation.NEVER, TrainingListener.NONE);
            straight = weights(t);
            straightLosses = t.sampler().losses();
        }
        try (Trainer t = new Trainer(options, cases)) {
            t.train(2, ProgressListener.NONE, Cancellation.NEVER, TrainingListener.NONE);
            t.saveCheckpoint(dir);
        }
        try (Trainer t = Trainer.resume(options, cases, dir)) {
            t.train(2, ProgressListener.NONE, Cancellation.NEVER, TrainingListener.NONE);
            float[][] resumed = weights(t);
            for (int i = 0; i < straight.length; i++) {
                assertThat(resumed[i]).as("parameter %d", i).containsExactly(straight[i]);
            }
            assertThat(t.sampler().losses()).containsExactly(straightLosses);
        }
    }

    private static float[][] weights(Trainer t) {
        ParameterList p = t.network().getParameters();
        float[][] w = new float[p.size()][];
        for (int i = 0; i < w.length; i++) {
            w[i] = p.valueAt(i).getArray().toFloatArray();
        }
        return w;
    }

    /** The resumed network must still learn: loaded weights once lost their gradients and backward failed. */
    @Test
    void aResumedTrainerKeepsTraining(@TempDir Path dir) throws IOException {
        List<TrainingCase> cases = TrainerTest.cubes(3);
        TrainingOptions options = TrainerTest.options(2);
        try (Trainer original = new Trainer(options, cases)) {
            original.train(2, ProgressListener.NONE, Cancellation.NEVER, TrainingListener.NONE);
            original.saveCheckpoint(dir);
        }
        try (Trainer resumed = Trainer.resume(options, cases, dir)) {
            float[] before = resumed.network().getParameters().valueAt(0).getArray().toFloatArray();
            List<TrainingListener.Iteration> log = new java.util.ArrayList<>();
            resumed.train(2, ProgressListener.NONE, Cancellation.NEVER, log::add);
            assertThat(resumed.iterations()).isEqualTo(4);
            assertThat(log).extracting(TrainingListener.Iteration::iteration).containsExactly(3, 4);
            assertThat(log).allSatisfy(it -> assertThat(it.loss()).isFinite());
            assertThat(resumed.network().getParameters().valueAt(0).getArray().toFloatArray()).isNotEqualTo(before);
        }
    }

    @Test
    void anIncompleteCheckpointIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(Trainer.NETWORK_FILE), "not parameters");
        assertThatThrownBy(() -> Trainer.resume(TrainerTest.options(1), TrainerTest.cubes(2), dir))
                .isInstanceOf(IOException.class);
    }

    @Test
    void corruptWeightsAreRefused(@TempDir Path dir) throws IOException {
        List<TrainingCase> cases = TrainerTest.cubes(2);
        try (Trainer trainer = new Trainer(TrainerTest.options(1), cases)) {
            trainer.saveCheckpoint(dir);
        }
        Files.writeString(Trainer.stateFile(dir, Trainer.NETWORK_FILE), "not parameters");
        assertThatThrownBy(() -> Trainer.resume(TrainerTest.options(1), cases, dir))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aCrashWhileWritingTheNextCheckpointLeavesThePreviousOneWhole(@TempDir Path dir) throws IOException {
        List<TrainingCase> cases = TrainerTest.cubes(2);
        float[] atOne;
        try (Trainer trainer = new Trainer(TrainerTest.options(1), cases)) {
            trainer.train(1, ProgressListener.NONE, Cancellation.NEVER, TrainingListener.NONE);
            trainer.saveCheckpoint(dir);
            atOne = trainer.network().getParameters().valueAt(0).getArray().toFloatArray();
            Path first = Trainer.stateFile(dir, Trainer.NETWORK_FILE);
            trainer.train(1, ProgressListener.NONE, Cancellation.NEVER, TrainingListener.NONE);
            trainer.saveCheckpoint(dir);
            Path second = Trainer.stateFile(dir, Trainer.NETWORK_FILE);
            assertThat(second.getParent()).as("the two checkpoints use different slots")
                    .isNotEqualTo(first.getParent());
            // the crash: the third checkpoint's weights are half written into the free slot, the marker not yet
            trainer.train(1, ProgressListener.NONE, Cancellation.NEVER, TrainingListener.NONE);
            Files.writeString(first, "half written");
        }
        try (Trainer resumed = Trainer.resume(TrainerTest.options(1), cases, dir)) {
            assertThat(resumed.iterations()).isEqualTo(2);
            assertThat(resumed.network().getParameters().valueAt(0).getArray().toFloatArray())
                    .as("the second checkpoint's weights, not the first's").isNotEqualTo(atOne);
        }
    }
}
