package hardy.ui.view;

import static hardy.ui.view.TrainingControls.heading;
import static hardy.ui.view.TrainingControls.text;
import static hardy.ui.view.TrainingControls.fmt;

import hardy.ui.model.training.RunProgressModel;
import hardy.ui.model.training.ChartThrottle;
import hardy.training.session.TrainingCaseRecord;
import hardy.ui.model.training.TrainingViewModel;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The training tab's right side: the loss and Dice curves, the sampler's distribution and the hardest cases. */
final class TrainingChartsPane {

    private final TrainingViewModel vm;

    TrainingChartsPane(TrainingViewModel vm) {
        this.vm = vm;
    }

    Node build() {
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
        vm.progress().lossCurve().addListener((ListChangeListener<ChartThrottle.Point>) c -> lossSeries.getData()
                .setAll(vm.progress().lossCurve().stream().map(p -> new XYChart.Data<Number, Number>(p.x(), p.y()))
                        .toList()));

        NumberAxis diceX = new NumberAxis();
        diceX.setLabel("iteration");
        diceX.setForceZeroInRange(false);
        NumberAxis diceY = new NumberAxis(0, 1, 0.2);
        diceY.setLabel("Dice");
        LineChart<Number, Number> dice = lineChart("Validation Dice per label", diceX, diceY);
        dice.setId("dice-chart");
        dice.setCreateSymbols(true);
        dice.setLegendSide(javafx.geometry.Side.RIGHT);
        vm.progress().diceCurves().addListener((ListChangeListener<RunProgressModel.DiceCurve>) c -> {
            List<XYChart.Series<Number, Number>> all = new ArrayList<>();
            for (RunProgressModel.DiceCurve curve : vm.progress().diceCurves()) {
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
        bars.titleProperty().bind(vm.progress().samplerSummaryProperty());
        bars.setAnimated(false);
        bars.setLegendVisible(false);
        bars.setBarGap(1);
        bars.setCategoryGap(2);
        vm.progress().sampler().addListener((ListChangeListener<RunProgressModel.Bar>) c -> {
            // The categories first, in the sampler's order; then a new series, so no bar moves between categories.
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.getData().setAll(vm.progress().sampler().stream().map(b -> new XYChart.Data<String, Number>(b.name(),
                    b.probability())).toList());
            cases.getCategories().setAll(vm.progress().sampler().stream().map(RunProgressModel.Bar::name).toList());
            bars.getData().setAll(List.of(series));
        });

        TableView<RunProgressModel.HardCase> hardest = new TableView<>(vm.progress().hardest());
        hardest.setId("hardest-cases");
        hardest.setPlaceholder(new Label("The hardest cases appear here while the run trains."));
        TableColumn<RunProgressModel.HardCase, String> name = text("Case", RunProgressModel.HardCase::name, 140);
        TableColumn<RunProgressModel.HardCase, String> role = text("Use", h -> h.role()
                == TrainingCaseRecord.Role.TRAIN ? "training" : "validation", 80);
        TableColumn<RunProgressModel.HardCase, String> lossCol = text("Loss", h -> fmt(h.loss(), "%.3f"), 70);
        TableColumn<RunProgressModel.HardCase, String> p = text("Probability", h -> fmt(h.probability(), "%.3g"),
                90);
        TableColumn<RunProgressModel.HardCase, String> d = text("Dice", h -> fmt(h.dice(), "%.3f"), 70);
        hardest.getColumns().addAll(List.of(name, role, lossCol, p, d));
        hardest.setRowFactory(t -> {
            TableRow<RunProgressModel.HardCase> row = new TableRow<>();
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
}
