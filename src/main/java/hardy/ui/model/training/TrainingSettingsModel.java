package hardy.ui.model.training;

import hardy.training.session.RunSettings;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * The run settings the training tab lets the user edit, over the ones it does not show (schedule, momentum,
 * network shape, seed...), which are the tab's defaults or, after {@link #show(RunSettings) showing} a stopped run,
 * that run's: so a run started by {@code hardy train} continues here exactly as it was started.
 */
public final class TrainingSettingsModel {

    /**
     * The tab's defaults: those of {@link RunSettings#DEFAULTS} with a shorter run (200 iterations), a checkpoint
     * every 10 iterations and a validation every 50.
     */
    public static final RunSettings DEFAULTS = RunSettings.DEFAULTS.withSchedule(200, 32, 2, 1e-3, true)
            .withIntervals(10, 50);
    /** The largest beta the slider offers. */
    public static final double MAX_BETA = 1000;

    private final DoubleProperty beta = new SimpleDoubleProperty(this, "beta");
    private final BooleanProperty importanceWeights = new SimpleBooleanProperty(this, "importanceWeights");
    private final IntegerProperty iterations = new SimpleIntegerProperty(this, "iterations");
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate");
    private final IntegerProperty patchSize = new SimpleIntegerProperty(this, "patchSize");
    private final IntegerProperty batchSize = new SimpleIntegerProperty(this, "batchSize");
    private final BooleanProperty augmentation = new SimpleBooleanProperty(this, "augmentation");
    private final IntegerProperty validationEvery = new SimpleIntegerProperty(this, "validationEvery");
    private final StringBinding betaHint;
    private RunSettings hidden = DEFAULTS;

    TrainingSettingsModel() {
        show(DEFAULTS);
        betaHint = Bindings.createStringBinding(() -> RunSettings.betaHint(Math.round(beta.get())), beta);
    }

    /** The editable settings, for listeners that re-check the settings when one changes. */
    List<Observable> editable() {
        return List.of(beta, importanceWeights, iterations, learningRate, patchSize, batchSize, augmentation,
                validationEvery);
    }

    /** Shows {@code s} and keeps its hidden settings for the next run. */
    void show(RunSettings s) {
        hidden = s;
        beta.set(s.beta());
        importanceWeights.set(s.importanceWeights());
        iterations.set(s.iterations());
        learningRate.set(s.learningRate());
        patchSize.set(s.patch());
        batchSize.set(s.batch());
        augmentation.set(s.augment());
        validationEvery.set(s.validationEvery());
    }

    /** Goes back to the tab's defaults for what it does not show (a new run); the shown values stay. */
    void forgetHidden() {
        hidden = DEFAULTS;
    }

    /** The settings as set now. */
    public RunSettings settings() {
        return hidden.withSampler(beta.get(), importanceWeights.get())
                .withSchedule(iterations.get(), patchSize.get(), batchSize.get(), learningRate.get(),
                        augmentation.get())
                .withIntervals(hidden.checkpointEvery(), validationEvery.get());
    }

    public DoubleProperty betaProperty() {
        return beta;
    }

    public StringBinding betaHint() {
        return betaHint;
    }

    public BooleanProperty importanceWeightsProperty() {
        return importanceWeights;
    }

    public IntegerProperty iterationsProperty() {
        return iterations;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public IntegerProperty patchSizeProperty() {
        return patchSize;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public BooleanProperty augmentationProperty() {
        return augmentation;
    }

    public IntegerProperty validationEveryProperty() {
        return validationEvery;
    }
}
