package hardy.ui;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the desktop viewer can open a window here, asked before JavaFX starts: without a display JavaFX fails
 * with a stack trace, and the user should read one line instead. Windows and macOS always have a screen; elsewhere
 * (Linux, BSD) a graphical session sets {@code DISPLAY} (X11) or {@code WAYLAND_DISPLAY}. The headless Monocle
 * platform ({@code -Dglass.platform=Monocle}, used by the tests) needs none.
 */
public final class DisplayCheck {

    private static final String NEEDS = ": the desktop viewer needs a graphical session. The commands work "
            + "without one; 'hardy --help' lists them.";

    /** What the user reads when there is no display, after the program's name. */
    public static final String NO_DISPLAY = "no display to open a window on (DISPLAY is not set)" + NEEDS;

    private DisplayCheck() {
    }

    /** Why no window can open on this machine, or empty when one can (as far as can be told beforehand). */
    public static Optional<String> missingDisplay() {
        return missingDisplay(System.getProperty("os.name", ""), System.getenv(),
                System.getProperty("glass.platform", ""));
    }

    static Optional<String> missingDisplay(String osName, Map<String, String> env, String glassPlatform) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac") || glassPlatform.equalsIgnoreCase("monocle")) {
            return Optional.empty();
        }
        boolean display = !env.getOrDefault("DISPLAY", "").isBlank()
                || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
        return display ? Optional.empty() : Optional.of(NO_DISPLAY);
    }

    /** What the user reads when {@code DISPLAY} is set but no display server answers there. */
    public static String unreachable(String display) {
        return "no display server answers at DISPLAY=" + display + NEEDS;
    }

    /**
     * Whether JavaFX's start-up failed for want of a display (DISPLAY set, but no server answers): the message
     * GTK's glass gives, anywhere in the cause chain.
     */
    public static boolean isDisplayFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnsupportedOperationException && t.getMessage() != null
                    && t.getMessage().contains("DISPLAY")) {
                return true;
            }
        }
        return false;
    }
}
