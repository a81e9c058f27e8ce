package hardy.ui.view;

import static hardy.ui.view.TrainingControls.running;
import static hardy.ui.view.TrainingControls.heading;
import static hardy.ui.view.TrainingControls.hint;
import static hardy.ui.view.TrainingControls.intSpinner;
import static hardy.ui.view.TrainingControls.number;

import hardy.ui.model.training.ComparisonText;
import hardy.ui.model.training.RunProgressModel;
import hardy.ui.model.training.TrainingSettingsModel;
import hardy.inference.ModelRegistry;
import hardy.training.session.RunState;
import hardy.ui.model.training.TrainingViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The training tab's middle: the run's controls and state, the finished model's comparison and Export, and the
 * settings.
 */
final class TrainingRunPane {

    private final TrainingViewModel vm;
    private final RunProgressModel shown;
    private final TrainingSettingsModel form;

    TrainingRunPane(TrainingViewModel vm) {
        this.vm = vm;
        this.shown = vm.progress();
        this.form = vm.settingsModel();
    }

    Node build() {
        GridPane g = settings();

        Label problems = new Label();
        problems.setId("training-problems");
        problems.getStyleClass().add("problems");
        problems.setWrapText(true);
        problems.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", vm.problems()),
                vm.problems()));

        Button startButton = new Button("Start");
        startButton.setId("train-start");
        startButton.setDefaultButton(false);
        startButton.disableProperty().bind(running(vm).or(Bindings.isNotEmpty(vm.problems())));
        startButton.setOnAction(e -> vm.start());
        Button pause = new Button("Pause");
        pause.setId("train-pause");
        pause.disableProperty().bind(vm.stateProperty().isNotEqualTo(RunState.RUNNING));
        pause.setOnAction(e -> vm.pause());
        Button resume = new Button("Resume");
        resume.setId("train-resume");
        resume.disableProperty().bind(vm.stateProperty().isNotEqualTo(RunState.PAUSED));
        resume.setOnAction(e -> vm.resume());
        Button cancel = new Button("Cancel");
        cancel.setId("train-cancel");
        cancel.setTooltip(new Tooltip("Stops after the current iteration; the checkpoint is kept and Start "
                + "continues it"));
        cancel.disableProperty().bind(running(vm).not());
        cancel.setOnAction(e -> vm.cancel());
        Button newRun = new Button("New run");
        newRun.setId("train-new-run");
        newRun.setTooltip(new Tooltip("Sets the stopped run's checkpoint aside so that Start begins again"));
        newRun.disableProperty().bind(running(vm).or(vm.resumableProperty().isEmpty()));
        newRun.setOnAction(e -> vm.newRun());
        Label resumable = new Label();
        resumable.textProperty().bind(vm.resumableProperty());
        resumable.setWrapText(true);
        resumable.getStyleClass().add("hint");

        ProgressBar progress = new ProgressBar(0);
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(Bindings.createDoubleBinding(() -> shown.totalProperty().get() == 0 ? 0
                : shown.iterationProperty().get() / (double) shown.totalProperty().get(),
                shown.iterationProperty(), shown.totalProperty()));
        Label state = new Label();
        state.setId("training-state");
        state.setWrapText(true);
        state.textProperty().bind(Bindings.createStringBinding(() -> stateText(), vm.stateProperty(),
                vm.messageProperty(), shown.iterationProperty(), shown.totalProperty(), shown.etaProperty(),
                vm.activityProperty()));
        Label selfCheck = new Label();
        selfCheck.setId("self-check");
        selfCheck.setWrapText(true);
        selfCheck.getStyleClass().add("hint");
        selfCheck.textProperty().bind(Bindings.createStringBinding(() -> vm.progress().selfCheckProperty().get().isEmpty()
                ? "The gradient self-check runs before the first iteration." : vm.progress().selfCheckProperty().get(),
                vm.progress().selfCheckProperty()));
        DetailsPopup.attach(selfCheck, vm.progress().selfCheckDetailsProperty(), "Gradient check");


        VBox box = new VBox(8, heading("Run"), new HBox(6, startButton, pause, resume, cancel, newRun), problems,
                resumable, progress, state, selfCheck, heading("Result"), result(), heading("Settings"), g);
        box.setPadding(new Insets(8));
        return box;
    }

    /** The settings, locked while a run is in progress. */
    private GridPane settings() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        int r = 0;

        ComboBox<String> start = new ComboBox<>();
        start.setId("starting-model");
        start.setMaxWidth(Double.MAX_VALUE);
        boolean[] filling = {false};
        Runnable select = () -> {
            filling[0] = true;
            start.getSelectionModel().select(vm.startingModels().indexOf(vm.startingModelProperty().get()) + 1);
            filling[0] = false;
        };
        Runnable fillStart = () -> {
            List<String> items = new ArrayList<>();
            items.add("From scratch (a new network)");
            for (ModelRegistry.Entry e : vm.startingModels()) {
                items.add(e.card().name() + " " + e.card().version());
            }
            filling[0] = true;
            start.getItems().setAll(items);
            filling[0] = false;
            select.run();
        };
        vm.startingModels().addListener((ListChangeListener<ModelRegistry.Entry>) c -> fillStart.run());
        vm.startingModelProperty().addListener((o, a, b) -> select.run());
        fillStart.run();
        start.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            int i = b.intValue();
            if (i >= 0 && !filling[0]) {
                vm.startingModelProperty().set(i == 0 ? null : vm.startingModels().get(i - 1));
            }
        });
        g.addRow(r++, new Label("Starting model"), start);
        hint(g, r++, "Fine-tuning keeps the model's network, grid and labels; from scratch trains a new U-Net "
                + "(base 8, depth 3) on the cases' labels.");

        Slider beta = new Slider(0, TrainingSettingsModel.MAX_BETA, form.betaProperty().get());
        beta.setId("beta");
        beta.setShowTickMarks(true);
        beta.setMajorTickUnit(100);
        beta.valueProperty().bindBidirectional(form.betaProperty());
        TextField betaText = new TextField();
        betaText.setPrefColumnCount(5);
        betaText.setId("beta-value");
        betaText.textProperty().bindBidirectional(form.betaProperty(), number("%.0f"));
        HBox.setHgrow(beta, Priority.ALWAYS);
        g.addRow(r++, new Label("Robustness (β)"), new HBox(6, beta, betaText));
        Label betaHint = new Label();
        betaHint.setId("beta-hint");
        betaHint.textProperty().bind(form.betaHint());
        betaHint.setWrapText(true);
        betaHint.getStyleClass().add("hint");
        g.add(betaHint, 1, r++);
        hint(g, r++, "Measured here (docs/experiments/erm-vs-hws.md, 3 seeds): neither β 100 nor a milder setting "
                + "did better than β 0 on rare anatomy yet, so 0 is the default. The chart's title shows how many "
                + "cases the sampler effectively draws from; below half of them, training is narrowing fast.");

        CheckBox weights = new CheckBox("Importance weights");
        weights.selectedProperty().bindBidirectional(form.importanceWeightsProperty());
        weights.setTooltip(new Tooltip("Weight each case's loss by the sampler's importance weight (clipped to "
                + "0.1–10), as in the paper's unbiased variant"));
        CheckBox augment = new CheckBox("Augmentation");
        augment.selectedProperty().bindBidirectional(form.augmentationProperty());
        augment.setTooltip(new Tooltip("Small rotations and scaling, mirroring, gamma, intensity scale, noise and "
                + "bias field, on the fly"));
        g.add(weights, 1, r++);
        g.add(augment, 1, r++);

        g.addRow(r++, new Label("Iterations"), intSpinner("iterations", 1, 1_000_000, 50,
                form.iterationsProperty()));
        TextField lr = new TextField();
        lr.setId("learning-rate");
        lr.textProperty().bindBidirectional(form.learningRateProperty(), number("%.2g"));
        g.addRow(r++, new Label("Learning rate"), lr);
        hint(g, r++, "Adam, decaying to 0 over the run (poly). 1e-3 from scratch; try 1e-4 to fine-tune gently.");
        g.addRow(r++, new Label("Patch (voxels)"), intSpinner("patch-size", 16, 256, 8,
                form.patchSizeProperty()));
        g.addRow(r++, new Label("Batch (cases)"), intSpinner("batch-size", 1, 64, 1, form.batchSizeProperty()));
        g.addRow(r++, new Label("Validate every"), intSpinner("validate-every", 0, 100_000, 10,
                form.validationEveryProperty()));
        hint(g, r++, "Iterations; 0 validates only the finished model. Validation segments every case (about a "
                + "second per case on a CPU).");
        Label device = new Label();
        device.textProperty().bind(vm.deviceProperty());
        device.setId("training-device");
        g.addRow(r++, new Label("Device"), device);
        g.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(110),
                new javafx.scene.layout.ColumnConstraints(120, 300, Double.MAX_VALUE));
        g.disableProperty().bind(running(vm));
        return g;
    }

    /** The finished model against the starting model, and Export. */
    private Node result() {
        Label comparison = new Label();
        comparison.setId("training-comparison");
        comparison.getStyleClass().add("monospace");
        comparison.textProperty().bind(Bindings.createStringBinding(() -> ComparisonText.of(
                vm.comparisonProperty().get()), vm.comparisonProperty()));
        TextField exportName = new TextField();
        exportName.setId("export-name");
        exportName.textProperty().bindBidirectional(vm.exportNameProperty());
        exportName.setPromptText("model name");
        TextField description = new TextField();
        description.setId("export-description");
        description.setPromptText("what the model is for (shown in the model picker)");
        Button export = new Button("Export");
        export.setId("train-export");
        export.setTooltip(new Tooltip("Installs the finished model (ONNX, parity-checked against PyTorch, with its "
                + "card and provenance) in your models folder; it appears in the viewer's model picker"));
        export.disableProperty().bind(vm.candidateProperty().isNull().or(running(vm))
                .or(vm.exportNameProperty().isEmpty()).or(vm.tasks().busyProperty()));
        Label exported = new Label();
        exported.setId("export-result");
        exported.setWrapText(true);
        export.setOnAction(e -> vm.export(description.getText(), dir -> exported.setText("Exported to " + dir
                + ". Select it in the viewer's model picker.")));
        HBox.setHgrow(exportName, Priority.ALWAYS);
        return new VBox(8, comparison, new HBox(6, exportName, export), description, exported);
    }

    private String stateText() {
        RunState s = vm.stateProperty().get();
        String head = switch (s) {
            case IDLE -> "Not running.";
            case SELF_CHECK -> "Loading the cases and checking the engine's gradients…";
            case RUNNING -> String.format(Locale.ROOT, "Iteration %d of %d. %s", shown.iterationProperty().get(),
                    shown.totalProperty().get(), shown.etaProperty().get());
            case PAUSED -> "Paused at iteration " + shown.iterationProperty().get() + "; checkpoint written.";
            case FINISHED -> "Finished: " + shown.totalProperty().get() + " iterations.";
            case CANCELLED -> "Cancelled.";
            case FAILED -> "Failed.";
        };
        String activity = vm.activityProperty().get();
        String msg = vm.messageProperty().get();
        boolean showMessage = s == RunState.FAILED || s == RunState.CANCELLED;
        return head + (activity.isEmpty() ? "" : "\n" + capitalise(activity) + "…")
                + (showMessage && !msg.isEmpty() ? "\n" + capitalise(msg) : "");
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
