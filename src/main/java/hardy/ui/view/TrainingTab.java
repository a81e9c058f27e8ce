package hardy.ui.view;

import hardy.inference.ModelRegistry;
import hardy.ui.model.training.ChartThrottle;
import hardy.training.session.RunState;
import hardy.training.session.TrainingCaseRecord;

import hardy.ui.model.training.TrainingViewModel;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The training tab: the workspace's cases on the left; settings, run controls and the result in the middle; the
 * live curves, the sampler's distribution and the hardest cases on the right. While a run is under way, charts
 * are refreshed by an {@link AnimationTimer} through {@link TrainingViewModel#poll}, which hands over at most four
 * updates a second of at most 400 points, however fast the run (decision 0009).
 */
final class TrainingTab {

    private static final int THUMB = 56;

    private final TrainingViewModel vm;
    private final Window owner;
    private final SplitPane root;
    private final AnimationTimer timer;

    TrainingTab(TrainingViewModel vm, Window owner) {
        this.vm = vm;
        this.owner = owner;
        root = new SplitPane(casesPane(), new ScrollPane(runPane()), chartsPane());
        ((ScrollPane) root.getItems().get(1)).setFitToWidth(true);
        root.setDividerPositions(0.37, 0.66);
        root.setId("training-tab");
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                vm.poll(now);
            }
        };
        // Poll only while a run is under way: an AnimationTimer asks for a pulse every frame.
        vm.stateProperty().addListener((o, a, b) -> {
            if (b == RunState.SELF_CHECK || b == RunState.RUNNING) {
                timer.start();
            } else {
                timer.stop();
            }
        });
    }

    Node root() {
        return root;
    }

    /** Stops the chart clock (the window closes). */
    void dispose() {
        timer.stop();
    }

    // ---- cases ----

    private Node casesPane() {
        TableView<TrainingCaseRecord> table = new TableView<>(vm.cases());
        table.setId("training-cases");
        table.setPlaceholder(new Label("No cases yet. Add a folder of NAME_image.nii.gz / NAME_labels.nii.gz pairs,"
                + "\nor use Segmentation > Add this study to the training set in the viewer."));
        TableColumn<TrainingCaseRecord, TrainingCaseRecord> thumb = new TableColumn<>("");
        thumb.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        thumb.setCellFactory(col -> new ThumbnailCell());
        thumb.setPrefWidth(THUMB + 8);
        thumb.setSortable(false);
        TableColumn<TrainingCaseRecord, String> name = text("Case", TrainingCaseRecord::name, 90);
        TableColumn<TrainingCaseRecord, String> dims = text("Voxels", TrainingCaseRecord::dimensionsText, 95);
        TableColumn<TrainingCaseRecord, String> spacing = text("Spacing", TrainingCaseRecord::spacingText, 145);
        TableColumn<TrainingCaseRecord, String> labels = text("Labels", TrainingCaseRecord::labelSummary, 150);
        TableColumn<TrainingCaseRecord, TrainingCaseRecord> role = new TableColumn<>("Use for");
        role.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        role.setCellFactory(col -> new RoleCell());
        role.setPrefWidth(112);
        table.getColumns().addAll(List.of(thumb, name, role, dims, spacing, labels));
        table.setRowFactory(t -> {
            TableRow<TrainingCaseRecord> row = new TableRow<>();
            row.itemProperty().addListener((o, a, b) -> row.setTooltip(b == null ? null : new Tooltip(
                    "From " + b.sourceImage() + "\nLabels " + b.sourceLabels() + "\nAdded " + b.addedAt()
                    + "\nImage and labels share one grid (checked when added).")));
            return row;
        });
        vm.thumbnails().addListener((MapChangeListener<String, TrainingViewModel.Thumbnail>) c -> table.refresh());

        Button folder = new Button("Add folder…");
        folder.setId("add-case-folder");
        folder.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("Folder of NAME_image.nii.gz / NAME_labels.nii.gz pairs");
            File f = c.showDialog(owner);
            if (f != null) {
                vm.addFolder(f.toPath());
            }
        });
        Button files = new Button("Add image and labels…");
        files.setOnAction(e -> {
            Path image = choose("Image of the case (NIfTI)");
            Path labelFile = image == null ? null : choose("Its label map (NIfTI)");
            if (labelFile != null) {
                vm.addFiles(image, labelFile);
            }
        });
        Button remove = new Button("Remove");
        remove.setTooltip(new Tooltip("Moves the case to the workspace's removed folder; nothing is deleted"));
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull()
                .or(running()));
        remove.setOnAction(e -> vm.remove(table.getSelectionModel().getSelectedItem()));
        folder.disableProperty().bind(running());
        files.disableProperty().bind(running());
        ProgressBar busy = new ProgressBar();
        busy.visibleProperty().bind(vm.tasks().busyProperty());
        busy.progressProperty().bind(vm.tasks().fractionProperty());
        Label where = new Label("Workspace: " + vm.workspace().root());
        where.getStyleClass().add("hint");
        where.setWrapText(true);
        Label heading = heading("Cases");
        VBox box = new VBox(6, heading, new HBox(6, folder, files, remove, busy), table, where);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private Path choose(String title) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("NIfTI", "*.nii", "*.nii.gz"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = c.showOpenDialog(owner);
        return f == null ? null : f.toPath();
    }

    private final class ThumbnailCell extends TableCell<TrainingCaseRecord, TrainingCaseRecord> {
        private final ImageView view = new ImageView();

        ThumbnailCell() {
            view.setFitWidth(THUMB);
            view.setFitHeight(THUMB);
            view.setPreserveRatio(true);
        }

        @Override
        protected void updateItem(TrainingCaseRecord item, boolean empty) {
            super.updateItem(item, empty);
            TrainingViewModel.Thumbnail t = empty || item == null ? null : vm.thumbnails().get(item.name());
            if (t == null) {
                setGraphic(null);
                return;
            }
            WritableImage img = new WritableImage(t.width(), t.height());
            img.getPixelWriter().setPixels(0, 0, t.width(), t.height(), PixelFormat.getIntArgbInstance(), t.argb(),
                    0, t.width());
            view.setImage(img);
            setGraphic(view);
        }
    }

    private final class RoleCell extends TableCell<TrainingCaseRecord, TrainingCaseRecord> {
        private final ComboBox<TrainingCaseRecord.Role> box = new ComboBox<>();

        RoleCell() {
            box.getItems().setAll(TrainingCaseRecord.Role.values());
            box.setConverter(new StringConverter<>() {
                @Override
                public String toString(TrainingCaseRecord.Role r) {
                    return r == null ? "" : r == TrainingCaseRecord.Role.TRAIN ? "Training" : "Validation";
                }

                @Override
                public TrainingCaseRecord.Role fromString(String s) {
                    return null;
                }
            });
            box.disableProperty().bind(running());
            box.setOnAction(e -> {
                TrainingCaseRecord item = getItem();
                if (item != null && box.getValue() != null && box.getValue() != item.role()) {
                    vm.setRole(item, box.getValue());
                }
            });
        }

        @Override
        protected void updateItem(TrainingCaseRecord item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            box.setValue(item.role());
            setGraphic(box);
        }
    }

    // ---- settings, run, result ----

    private Node runPane() {
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

        Slider beta = new Slider(0, TrainingViewModel.MAX_BETA, vm.betaProperty().get());
        beta.setId("beta");
        beta.setShowTickMarks(true);
        beta.setMajorTickUnit(100);
        beta.valueProperty().bindBidirectional(vm.betaProperty());
        TextField betaText = new TextField();
        betaText.setPrefColumnCount(5);
        betaText.setId("beta-value");
        betaText.textProperty().bindBidirectional(vm.betaProperty(), number("%.0f"));
        HBox.setHgrow(beta, Priority.ALWAYS);
        g.addRow(r++, new Label("Robustness (β)"), new HBox(6, beta, betaText));
        Label betaHint = new Label();
        betaHint.setId("beta-hint");
        betaHint.textProperty().bind(vm.betaHint());
        betaHint.setWrapText(true);
        betaHint.getStyleClass().add("hint");
        g.add(betaHint, 1, r++);
        hint(g, r++, "Measured here (docs/experiments/erm-vs-hws.md, 3 seeds): neither β 100 nor a milder setting "
                + "did better than β 0 on rare anatomy yet, so 0 is the default. The chart's title shows how many "
                + "cases the sampler effectively draws from; below half of them, training is narrowing fast.");

        CheckBox weights = new CheckBox("Importance weights");
        weights.selectedProperty().bindBidirectional(vm.importanceWeightsProperty());
        weights.setTooltip(new Tooltip("Weight each case's loss by the sampler's importance weight (clipped to "
                + "0.1–10), as in the paper's unbiased variant"));
        CheckBox augment = new CheckBox("Augmentation");
        augment.selectedProperty().bindBidirectional(vm.augmentationProperty());
        augment.setTooltip(new Tooltip("Small rotations and scaling, mirroring, gamma, intensity scale, noise and "
                + "bias field, on the fly"));
        g.add(weights, 1, r++);
        g.add(augment, 1, r++);

        g.addRow(r++, new Label("Iterations"), intSpinner("iterations", 1, 1_000_000, 50,
                vm.iterationsProperty()));
        TextField lr = new TextField();
        lr.setId("learning-rate");
        lr.textProperty().bindBidirectional(vm.learningRateProperty(), number("%.2g"));
        g.addRow(r++, new Label("Learning rate"), lr);
        hint(g, r++, "Adam, decaying to 0 over the run (poly). 1e-3 from scratch; try 1e-4 to fine-tune gently.");
        g.addRow(r++, new Label("Patch (voxels)"), intSpinner("patch-size", 16, 256, 8, vm.patchSizeProperty()));
        g.addRow(r++, new Label("Batch (cases)"), intSpinner("batch-size", 1, 64, 1, vm.batchSizeProperty()));
        g.addRow(r++, new Label("Validate every"), intSpinner("validate-every", 0, 100_000, 10,
                vm.validationEveryProperty()));
        hint(g, r++, "Iterations; 0 validates only the finished model. Validation segments every case (about a "
                + "second per case on a CPU).");
        Label device = new Label();
        device.textProperty().bind(vm.deviceProperty());
        device.setId("training-device");
        g.addRow(r++, new Label("Device"), device);
        g.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(110),
                new javafx.scene.layout.ColumnConstraints(120, 300, Double.MAX_VALUE));
        g.disableProperty().bind(running());

        Label problems = new Label();
        problems.setId("training-problems");
        problems.getStyleClass().add("problems");
        problems.setWrapText(true);
        problems.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", vm.problems()),
                vm.problems()));

        Button startButton = new Button("Start");
        startButton.setId("train-start");
        startButton.setDefaultButton(false);
        startButton.disableProperty().bind(running().or(Bindings.isNotEmpty(vm.problems())));
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
        cancel.disableProperty().bind(running().not());
        cancel.setOnAction(e -> vm.cancel());
        Button newRun = new Button("New run");
        newRun.setId("train-new-run");
        newRun.setTooltip(new Tooltip("Sets the stopped run's checkpoint aside so that Start begins again"));
        newRun.disableProperty().bind(running().or(vm.resumableProperty().isEmpty()));
        newRun.setOnAction(e -> vm.newRun());
        Label resumable = new Label();
        resumable.textProperty().bind(vm.resumableProperty());
        resumable.setWrapText(true);
        resumable.getStyleClass().add("hint");

        ProgressBar progress = new ProgressBar(0);
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(Bindings.createDoubleBinding(() -> vm.totalProperty().get() == 0 ? 0
                : vm.iterationProperty().get() / (double) vm.totalProperty().get(), vm.iterationProperty(),
                vm.totalProperty()));
        Label state = new Label();
        state.setId("training-state");
        state.setWrapText(true);
        state.textProperty().bind(Bindings.createStringBinding(() -> stateText(), vm.stateProperty(),
                vm.messageProperty(), vm.iterationProperty(), vm.totalProperty(), vm.etaProperty(),
                vm.activityProperty()));
        Label selfCheck = new Label();
        selfCheck.setId("self-check");
        selfCheck.setWrapText(true);
        selfCheck.getStyleClass().add("hint");
        selfCheck.textProperty().bind(Bindings.createStringBinding(() -> vm.selfCheckProperty().get().isEmpty()
                ? "The gradient self-check runs before the first iteration." : vm.selfCheckProperty().get(),
                vm.selfCheckProperty()));

        Label comparison = new Label();
        comparison.setId("training-comparison");
        comparison.getStyleClass().add("monospace");
        comparison.textProperty().bind(Bindings.createStringBinding(() -> TrainingViewModel.comparisonText(
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
        export.disableProperty().bind(vm.candidateProperty().isNull().or(running())
                .or(vm.exportNameProperty().isEmpty()).or(vm.tasks().busyProperty()));
        Label exported = new Label();
        exported.setId("export-result");
        exported.setWrapText(true);
        export.setOnAction(e -> vm.export(description.getText(), dir -> exported.setText("Exported to " + dir
                + ". Select it in the viewer's model picker.")));
        HBox.setHgrow(exportName, Priority.ALWAYS);

        VBox box = new VBox(8, heading("Run"), new HBox(6, startButton, pause, resume, cancel, newRun), problems,
                resumable, progress, state, selfCheck, heading("Result"), comparison,
                new HBox(6, exportName, export), description, exported, heading("Settings"), g);
        box.setPadding(new Insets(8));
        return box;
    }

    private String stateText() {
        RunState s = vm.stateProperty().get();
        String head = switch (s) {
            case IDLE -> "Not running.";
            case SELF_CHECK -> "Loading the cases and checking the engine's gradients…";
            case RUNNING -> String.format(Locale.ROOT, "Iteration %d of %d. %s", vm.iterationProperty().get(),
                    vm.totalProperty().get(), vm.etaProperty().get());
            case PAUSED -> "Paused at iteration " + vm.iterationProperty().get() + "; checkpoint written.";
            case FINISHED -> "Finished: " + vm.totalProperty().get() + " iterations.";
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

    // ---- charts and the hardest cases ----

    private Node chartsPane() {
        NumberAxis lossX = new NumberAxis();
        lossX.setLabel("iteration");
        lossX.setForceZeroInRange(false);
        NumberAxis lossY = new NumberAxis();
        lossY.setLabel("loss");
        LineChart<Number, Number> loss = lineChart("Training loss", lossX, lossY);
        loss.setId("loss-chart");
        XYChart.Series<Number, Number> lossSeries = new XYChart.Series<>();
        lossSeries.setName("loss (Dice + cross-entropy)");
        loss.getData().add(lossSeries);
        vm.lossCurve().addListener((ListChangeListener<ChartThrottle.Point>) c -> lossSeries.getData().setAll(
                vm.lossCurve().stream().map(p -> new XYChart.Data<Number, Number>(p.x(), p.y())).toList()));

        NumberAxis diceX = new NumberAxis();
        diceX.setLabel("iteration");
        diceX.setForceZeroInRange(false);
        NumberAxis diceY = new NumberAxis(0, 1, 0.2);
        diceY.setLabel("Dice");
        LineChart<Number, Number> dice = lineChart("Validation Dice per label", diceX, diceY);
        dice.setId("dice-chart");
        dice.setCreateSymbols(true);
        dice.setLegendSide(javafx.geometry.Side.RIGHT);
        vm.diceCurves().addListener((ListChangeListener<TrainingViewModel.DiceCurve>) c -> {
            List<XYChart.Series<Number, Number>> all = new ArrayList<>();
            for (TrainingViewModel.DiceCurve curve : vm.diceCurves()) {
                XYChart.Series<Number, Number> s = new XYChart.Series<>();
                s.setName(curve.label());
                s.getData().setAll(curve.points().stream().map(p -> new XYChart.Data<Number, Number>(p.x(), p.y()))
                        .toList());
                all.add(s);
            }
            dice.getData().setAll(all);
        });

        CategoryAxis cases = new CategoryAxis();
        cases.setLabel("case (most likely first)");
        cases.setTickLabelRotation(60);
        cases.setAutoRanging(false); // the bars' order is the sampler's, most likely first
        NumberAxis probability = new NumberAxis();
        probability.setLabel("sampling probability");
        BarChart<String, Number> bars = new BarChart<>(cases, probability);
        bars.setId("sampler-chart");
        bars.titleProperty().bind(vm.samplerSummaryProperty());
        bars.setAnimated(false);
        bars.setLegendVisible(false);
        bars.setBarGap(1);
        bars.setCategoryGap(2);
        vm.sampler().addListener((ListChangeListener<TrainingViewModel.Bar>) c -> {
            // The categories first, in the sampler's order; then a new series, so no bar moves between categories.
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.getData().setAll(vm.sampler().stream().map(b -> new XYChart.Data<String, Number>(b.name(),
                    b.probability())).toList());
            cases.getCategories().setAll(vm.sampler().stream().map(TrainingViewModel.Bar::name).toList());
            bars.getData().setAll(List.of(series));
        });

        TableView<TrainingViewModel.HardCase> hardest = new TableView<>(vm.hardest());
        hardest.setId("hardest-cases");
        hardest.setPlaceholder(new Label("The hardest cases appear here while the run trains."));
        TableColumn<TrainingViewModel.HardCase, String> name = text("Case", TrainingViewModel.HardCase::name, 140);
        TableColumn<TrainingViewModel.HardCase, String> role = text("Use", h -> h.role()
                == TrainingCaseRecord.Role.TRAIN ? "training" : "validation", 80);
        TableColumn<TrainingViewModel.HardCase, String> lossCol = text("Loss", h -> fmt(h.loss(), "%.3f"), 70);
        TableColumn<TrainingViewModel.HardCase, String> p = text("Probability", h -> fmt(h.probability(), "%.3g"),
                90);
        TableColumn<TrainingViewModel.HardCase, String> d = text("Dice", h -> fmt(h.dice(), "%.3f"), 70);
        hardest.getColumns().addAll(List.of(name, role, lossCol, p, d));
        hardest.setRowFactory(t -> {
            TableRow<TrainingViewModel.HardCase> row = new TableRow<>();
            row.setTooltip(new Tooltip("Double-click: open in the viewer, segmented by the newest model of this run"));
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && row.getItem() != null) {
                    vm.openCase(row.getItem().name());
                }
            });
            return row;
        });
        Label hardHeading = heading("Hardest cases");
        Label hardHint = new Label("By the sampler's latest loss; Dice (mean over labels) from the latest "
                + "validation. Double-click to check a case in the viewer: is it hard, or are its labels wrong?");
        hardHint.setWrapText(true);
        hardHint.getStyleClass().add("hint");
        VBox table = new VBox(4, hardHeading, hardHint, hardest);
        VBox.setVgrow(hardest, Priority.ALWAYS);
        table.setPadding(new Insets(4, 8, 8, 8));

        SplitPane split = new SplitPane(loss, dice, bars, table);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.24, 0.46, 0.72);
        return split;
    }

    private static LineChart<Number, Number> lineChart(String title, NumberAxis x, NumberAxis y) {
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setMinHeight(120);
        return chart;
    }

    // ---- helpers ----

    private BooleanBinding running() {
        return Bindings.createBooleanBinding(() -> vm.stateProperty().get().active(), vm.stateProperty());
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-heading");
        return l;
    }

    private static void hint(GridPane g, int row, String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("hint");
        g.add(l, 1, row);
    }

    private static Spinner<Integer> intSpinner(String id, int min, int max, int step,
            javafx.beans.property.IntegerProperty property) {
        Spinner<Integer> s = new Spinner<>(min, max, property.get(), step);
        s.setId(id);
        s.setEditable(true);
        s.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                property.set(b);
            }
        });
        property.addListener((o, a, b) -> s.getValueFactory().setValue(b.intValue()));
        s.setMaxWidth(Double.MAX_VALUE);
        return s;
    }

    private static <S> TableColumn<S, String> text(String title, java.util.function.Function<S, String> value,
            double width) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static String fmt(double v, String format) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, format, v);
    }

    /** A text field ⇄ number converter that keeps the old value on text it cannot parse. */
    private static StringConverter<Number> number(String format) {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n == null ? "" : String.format(Locale.ROOT, format, n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                try {
                    return Double.parseDouble(s.strip());
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        };
    }
}
