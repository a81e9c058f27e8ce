package hardy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DisplayCheckTest {

    @Test
    void linuxWithoutDisplayOrWaylandCannotOpenAWindow() {
        assertThat(DisplayCheck.missingDisplay("Linux", Map.of(), "")).contains(DisplayCheck.NO_DISPLAY);
        assertThat(DisplayCheck.missingDisplay("Linux", Map.of("DISPLAY", " "), "")).isPresent();
    }

    @Test
    void anX11OrWaylandSessionOrTheHeadlessPlatformCan() {
        assertThat(DisplayCheck.missingDisplay("Linux", Map.of("DISPLAY", ":0"), "")).isEmpty();
        assertThat(DisplayCheck.missingDisplay("Linux", Map.of("WAYLAND_DISPLAY", "wayland-0"), "")).isEmpty();
        assertThat(DisplayCheck.missingDisplay("Linux", Map.of(), "Monocle")).isEmpty();
    }

    @Test
    void windowsAndMacAlwaysHaveAScreen() {
        assertThat(DisplayCheck.missingDisplay("Windows 11", Map.of(), "")).isEmpty();
        assertThat(DisplayCheck.missingDisplay("Mac OS X", Map.of(), "")).isEmpty();
    }

    @Test
    void gtksRefusalIsRecognisedThroughItsWrappers() {
        var gtk = new UnsupportedOperationException("Unable to open DISPLAY");
        assertThat(DisplayCheck.isDisplayFailure(new RuntimeException("Application launch failed", gtk))).isTrue();
        assertThat(DisplayCheck.isDisplayFailure(new RuntimeException("Exception in Application start method",
                new IllegalStateException("bug")))).isFalse();
    }
}
