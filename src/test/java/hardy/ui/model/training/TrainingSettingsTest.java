package hardy.ui.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hardy.training.TrainingOptions;
import hardy.training.unet.UNet3dConfig;
import org.junit.jupiter.api.Test;

class TrainingSettingsTest {

    @Test
    void theDefaultsAreUsableAndFollowTheExperimentAndTheDetectedDevice() {
        TrainingSettings d = TrainingSettings.defaults(false);
        assertThat(d.problems()).isEmpty();
        assertThat(d.beta()).isZero(); // docs/experiments/erm-vs-hws.md
        assertThat(d.startingModel()).isNull();
        assertThat(d.device()).isEqualTo("cpu");
        assertThat(TrainingSettings.defaults(true).device()).isEqualTo("gpu");
    }

    @Test
    void everyBadValueIsNamedInPlainWords() {
        TrainingSettings bad = new TrainingSettings(null, -1, false, 0, 0, 36, 0, false, "tpu", -5);
        assertThat(bad.problems()).containsExactly(
                "Beta must be between 0 and 1000.",
                "Run at least one iteration.",
                "The learning rate must be above 0 and at most 1 (1e-3 is a good start).",
                "The patch size must be a multiple of 8 between 16 and 256.",
                "The batch size must be between 1 and 64.",
                "The device must be CPU or GPU.",
                "Validate every 0 (never) or more iterations.");
        assertThatThrownBy(() -> bad.toOptions(new UNet3dConfig(1, 2, 8, 2), 1))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("Beta must be");
    }

    @Test
    void theBatchMustFitTheTrainingCases() {
        TrainingSettings d = TrainingSettings.defaults(false);
        assertThat(d.problems(0)).containsExactly("Add at least one training case.");
        assertThat(d.problems(1)).containsExactly(
                "The batch size (2) is larger than the number of training cases (1).");
        assertThat(d.problems(2)).isEmpty();
    }

    @Test
    void goodSettingsBecomeTheTrainersOptions() {
        TrainingSettings s = new TrainingSettings(java.nio.file.Path.of("models", "fetal-brain"), 0, true, 3, 2e-3, 16, 1, true, "cpu", 0);
        TrainingOptions o = s.toOptions(new UNet3dConfig(1, 3, 8, 2), 42);
        assertThat(o.patchVoxels()).isEqualTo(16 * 16 * 16);
        assertThat(o.beta()).isZero();
        assertThat(o.importanceWeights()).isTrue();
        assertThat(o.learningRate()).isEqualTo(2e-3);
        assertThat(o.seed()).isEqualTo(42);
        assertThat(o.augment()).isTrue();
        assertThat(o.schedule()).isEqualTo(hardy.training.LearningRateSchedule.POLY);
        assertThat(o.totalIterations()).isEqualTo(3);
    }

    @Test
    void theBetaHintSaysWhatLargerValuesDo() {
        assertThat(TrainingSettings.betaHint(0)).contains("standard training");
        assertThat(TrainingSettings.betaHint(100)).contains("paper's setting").contains("hard cases");
        assertThat(TrainingSettings.betaHint(800)).contains("wrong labels");
    }
}
