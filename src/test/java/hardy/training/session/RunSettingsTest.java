package hardy.training.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hardy.training.LearningRateSchedule;
import hardy.training.TrainingOptions;
import hardy.training.unet.UNet3dConfig;
import org.junit.jupiter.api.Test;

class RunSettingsTest {

    @Test
    void theDefaultsAreUsableAndFollowTheExperiment() {
        RunSettings d = RunSettings.DEFAULTS;
        assertThat(d.problems()).isEmpty();
        assertThat(d.beta()).isZero(); // docs/experiments/erm-vs-hws.md
        assertThat(d.schedule()).isEqualTo(LearningRateSchedule.POLY);
        assertThat(d.spacing()).isNull();
    }

    @Test
    void everyBadValueIsNamedInPlainWords() {
        RunSettings bad = new RunSettings(-1, 2, false, 1, 0, 36, 0, 0, null, false, 1.5, 0, 3, 1,
                new double[] {1, 0, 1}, 0, -5);
        assertThat(bad.problems()).containsExactly(
                "Beta must be 0 or more.",
                "The effective share of cases must be above 0 and at most 1.",
                "The sampler's momentum must be at least 0 and below 1.",
                "Run at least one iteration.",
                "The learning rate must be above 0 and at most 1 (1e-3 is a good start).",
                "The network's base channels must be between 1 and 256.",
                "The patch size must be a multiple of 8 between 8 and 256.",
                "The batch size must be at least 1.",
                "Choose a learning-rate schedule: constant, poly or cosine.",
                "The foreground share must be between 0 and 1.",
                "The voxel spacing takes three positive values in mm.",
                "Write a checkpoint at least every iteration (1 or more).",
                "Validate every 0 (only at the end) or more iterations.");
        assertThatThrownBy(() -> bad.toOptions(new UNet3dConfig(1, 2, 8, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Beta must be");
        assertThat(RunSettings.DEFAULTS.withNetwork(8, 7).problems()).containsExactly(
                "The network's depth must be between 1 and 6.",
                "The patch size must be a multiple of 64 between 64 and 256.");
    }

    @Test
    void theBatchMustFitTheTrainingCases() {
        RunSettings d = RunSettings.DEFAULTS;
        assertThat(d.problems(0)).containsExactly("Add at least one training case.");
        assertThat(d.problems(1)).containsExactly(
                "The batch size (2) is larger than the number of training cases (1).");
        assertThat(d.problems(2)).isEmpty();
    }

    @Test
    void goodSettingsBecomeTheTrainersOptions() {
        RunSettings s = RunSettings.DEFAULTS.withSampler(0, true).withSchedule(3, 16, 1, 2e-3, true);
        TrainingOptions o = s.toOptions(new UNet3dConfig(1, 3, 8, 2));
        assertThat(o.patchVoxels()).isEqualTo(16 * 16 * 16);
        assertThat(o.beta()).isZero();
        assertThat(o.importanceWeights()).isTrue();
        assertThat(o.learningRate()).isEqualTo(2e-3);
        assertThat(o.seed()).isEqualTo(1);
        assertThat(o.augment()).isTrue();
        assertThat(o.schedule()).isEqualTo(LearningRateSchedule.POLY);
        assertThat(o.totalIterations()).isEqualTo(3);
    }

    @Test
    void theBetaHintSaysWhatLargerValuesDo() {
        assertThat(RunSettings.betaHint(0)).contains("standard training");
        assertThat(RunSettings.betaHint(100)).contains("paper's setting").contains("hard cases");
        assertThat(RunSettings.betaHint(800)).contains("wrong labels");
    }
}
