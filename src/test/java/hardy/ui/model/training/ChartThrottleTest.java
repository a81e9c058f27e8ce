package hardy.ui.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartThrottleTest {

    private static final long MS = 1_000_000L;

    @Test
    void manyPointsBetweenTwoTicksBecomeOneUpdate() {
        ChartThrottle t = new ChartThrottle(100 * MS, 200);
        assertThat(t.takeIfDue(0)).as("nothing to show yet").isNull();
        for (int i = 0; i < 50; i++) {
            t.add(i, 1.0 / (i + 1));
        }
        assertThat(t.takeIfDue(0)).hasSize(50);
        t.add(50, 0.01);
        assertThat(t.takeIfDue(40 * MS)).as("too soon after the last update").isNull();
        assertThat(t.takeIfDue(100 * MS)).hasSize(51);
        assertThat(t.takeIfDue(300 * MS)).as("nothing changed").isNull();
    }

    @Test
    void longCurvesAreDownsampledKeepingEndsAndSpikes() {
        ChartThrottle t = new ChartThrottle(0, 100);
        for (int i = 0; i < 100_000; i++) {
            t.add(i, i == 54_321 ? 50 : 1);
        }
        List<ChartThrottle.Point> shown = t.takeIfDue(0);
        assertThat(shown.size()).isLessThanOrEqualTo(100).isGreaterThan(40);
        assertThat(shown.getFirst().x()).isZero();
        assertThat(shown.getLast().x()).isEqualTo(99_999);
        assertThat(shown).contains(new ChartThrottle.Point(54_321, 50));
        List<Double> xs = new ArrayList<>();
        shown.forEach(p -> xs.add(p.x()));
        assertThat(xs).isSorted();
    }
}
