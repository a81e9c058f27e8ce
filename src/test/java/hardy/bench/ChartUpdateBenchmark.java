package hardy.bench;

import hardy.ui.model.training.ChartThrottle;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.VBox;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * What one training-tab chart update costs on the JavaFX thread (decision 0009), with the tab's own chart setup:
 * animation off, no symbols on the loss curve. Each operation runs on the JavaFX thread and includes the CSS and
 * layout pass that builds the chart's path and bars. The charts sit in a scene that is not shown, so drawing
 * (software rendering, on the render thread) is not included.
 * <ul>
 *   <li>{@code lossUpdate}: the tab's update: the whole loss curve, downsampled by {@link ChartThrottle} to at most
 *       400 points from {@code iterations} recorded, replaces the series;</li>
 *   <li>{@code appendOne}: the naive alternative the issue measured: one point appended to a series of
 *       {@code iterations} points (the tab never does this);</li>
 *   <li>{@code samplerBars}: the sampler's 40 bars replaced, categories first.</li>
 * </ul>
 * {@code roundTrip} is the hand-over to the JavaFX thread and back, included in each of the others. Headless
 * (Monocle, software rendering) like the UI tests.
 *
 * <p>Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.args=ChartUpdateBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
    "-Dprism.order=sw", "-Dprism.text=t2k", "-Djava.awt.headless=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 2)
public class ChartUpdateBenchmark {

    /** Iterations recorded so far in the run. */
    @Param({"1000", "20000"})
    public int iterations;

    private LineChart<Number, Number> loss;
    private BarChart<String, Number> bars;
    private CategoryAxis categories;
    private ChartThrottle throttle;
    private XYChart.Series<Number, Number> appended;
    private final List<String> names = new ArrayList<>();
    private double[] probabilities;
    private long now;
    private int next;

    @Setup
    public void setUp() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        started.await();
        throttle = new ChartThrottle(0, 400);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 1; i <= iterations; i++) {
            throttle.add(i, 1.5 * Math.exp(-i / 5000.0) + 0.2 * random.nextDouble());
        }
        probabilities = new double[40];
        for (int i = 0; i < 40; i++) {
            names.add("case" + i);
            probabilities[i] = Math.exp(-i / 4.0);
        }
        onFx(() -> {
            loss = new LineChart<>(new NumberAxis(), new NumberAxis());
            loss.setAnimated(false);
            loss.setCreateSymbols(false);
            loss.getData().add(new XYChart.Series<>());
            LineChart<Number, Number> append = new LineChart<>(new NumberAxis(), new NumberAxis());
            append.setAnimated(false);
            append.setCreateSymbols(false);
            appended = new XYChart.Series<>();
            for (int i = 1; i <= iterations; i++) {
                appended.getData().add(new XYChart.Data<>(i, 1.0));
            }
            append.getData().add(appended);
            categories = new CategoryAxis();
            categories.setAutoRanging(false);
            bars = new BarChart<>(categories, new NumberAxis());
            bars.setAnimated(false);
            // In a scene but not in a window: no pulses or drawing interleave, so each operation is the update
            // and the CSS and layout pass it causes, nothing else.
            new Scene(new VBox(loss, append, bars), 900, 780);
            return null;
        });
        next = iterations;
    }

    @TearDown
    public void tearDown() throws Exception {
        onFx(() -> {
            Platform.exit();
            return null;
        });
    }

    /** The hand-over to the JavaFX thread and back alone, to subtract from the others. */
    @Benchmark
    public Object roundTrip() throws Exception {
        return onFx(() -> loss);
    }

    @Benchmark
    public Object lossUpdate() throws Exception {
        List<ChartThrottle.Point> curve = throttle.takeNow(++now);
        return onFx(() -> {
            loss.getData().getFirst().getData().setAll(curve.stream()
                    .map(p -> new XYChart.Data<Number, Number>(p.x(), p.y())).toList());
            loss.applyCss();
            loss.layout();
            return loss;
        });
    }

    @Benchmark
    public Object appendOne() throws Exception {
        int x = ++next;
        return onFx(() -> {
            appended.getData().add(new XYChart.Data<>(x, 1.0));
            appended.getData().removeFirst(); // keeps the series at its size
            appended.getChart().applyCss();
            appended.getChart().layout();
            return appended;
        });
    }

    @Benchmark
    public Object samplerBars() throws Exception {
        return onFx(() -> {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            List<XYChart.Data<String, Number>> data = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                data.add(new XYChart.Data<>(names.get(i), probabilities[i]));
            }
            series.getData().setAll(data);
            categories.getCategories().setAll(names);
            bars.getData().setAll(List.of(series));
            bars.applyCss();
            bars.layout();
            return bars;
        });
    }

    /** Runs on the JavaFX thread and waits for it. */
    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                result.set(work.call());
            } catch (Exception e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
