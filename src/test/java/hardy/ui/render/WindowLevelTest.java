package hardy.ui.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import hardy.ui.TestVolumes;
import hardy.volume.VolumeStatistics;
import org.junit.jupiter.api.Test;

class WindowLevelTest {

    @Test
    void greyIsLinearInsideTheWindowAndClampedOutside() {
        WindowLevel wl = new WindowLevel(100, 200);
        assertThat(wl.grey(0)).isZero();
        assertThat(wl.grey(-50)).isZero();
        assertThat(wl.grey(200)).isEqualTo(255);
        assertThat(wl.grey(1e9)).isEqualTo(255);
        assertThat(wl.grey(100)).isEqualTo(128);
        assertThat(wl.grey(50)).isEqualTo(64);
        assertThat(wl.grey(Double.NaN)).isZero();
    }

    @Test
    void autoSpansTheFirstToNinetyNinthPercentile() {
        VolumeStatistics stats = VolumeStatistics.of(TestVolumes.ramp(10, 10, 10, TestVolumes.lps(1, 1, 1)));
        WindowLevel wl = WindowLevel.auto(stats);
        assertThat(wl.level() - wl.width() / 2).isCloseTo(stats.p01(), within(1e-9));
        assertThat(wl.level() + wl.width() / 2).isCloseTo(stats.p99(), within(1e-9));
    }

    @Test
    void rightDragWidensToTheRightAndRaisesTheLevelDownwards() {
        WindowLevel wl = new WindowLevel(100, 200).dragged(10, -5, 2);
        assertThat(wl.width()).isEqualTo(220);
        assertThat(wl.level()).isEqualTo(90);
        assertThat(new WindowLevel(0, 10).dragged(-100, 0, 1).width()).isEqualTo(WindowLevel.MIN_WIDTH);
    }

    @Test
    void describesItselfAsNumbersForTheView() {
        assertThat(new WindowLevel(901.4, 1802).describe()).isEqualTo("W 1802  L 901");
        assertThat(new WindowLevel(0.25, 0.5).describe()).isEqualTo("W 0.500  L 0.250");
    }
}
