package hardy.core;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Hardy keeps per-user files (logs, models, the training workspace), following each platform's habit.
 *
 * <ul>
 *   <li>Linux: {@code $XDG_DATA_HOME/hardy}, else {@code ~/.local/share/hardy}</li>
 *   <li>macOS: {@code ~/Library/Application Support/Hardy}</li>
 *   <li>Windows: {@code %LOCALAPPDATA%\Hardy}, else {@code %APPDATA%\Hardy}</li>
 * </ul>
 *
 * The {@code hardy.home} system property overrides all of these (tests, portable installs).
 */
public final class AppDirs {

    private AppDirs() {
    }

    /** The per-user data folder, not necessarily existing yet. */
    public static Path dataHome() {
        return dataHome(System.getProperties().getProperty("hardy.home"),
                System.getProperty("os.name", ""), System.getProperty("user.home", "."), System.getenv());
    }

    /** The folder for log files. */
    public static Path logDir() {
        return dataHome().resolve("logs");
    }

    static Path dataHome(String override, String osName, String userHome, Map<String, String> env) {
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String base = firstNonBlank(env.get("LOCALAPPDATA"), env.get("APPDATA"));
            return base != null ? Path.of(base, "Hardy") : Path.of(userHome, "AppData", "Local", "Hardy");
        }
        if (os.startsWith("mac")) {
            return Path.of(userHome, "Library", "Application Support", "Hardy");
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "hardy");
        }
        return Path.of(userHome, ".local", "share", "hardy");
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }
}
