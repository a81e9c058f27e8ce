package hardy;

import hardy.cli.HardyCli;
import hardy.core.AppDirs;
import hardy.inference.Engines;
import hardy.ui.DisplayCheck;
import hardy.ui.HardyApp;
import hardy.ui.ViewerArguments;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The program's entry point. A plain class, not a JavaFX {@code Application}, so that the JavaFX runtime is
 * loaded from the class path without the module-path launcher check. With no arguments, or with
 * {@code view IMAGE [--labels LABELS]}, it starts the desktop viewer (or says in one line, exit code 1, that there is
 * no display to open it on); with any other command it runs the CLI.
 * The viewer is dispatched here, not in {@code hardy.cli}, because the CLI must not depend on the UI.
 */
public final class Launcher {

    private Launcher() {
    }

    /** Runs Hardy and exits with the command's exit code. */
    public static void main(String[] commandLine) {
        // A file opened from the desktop (file association) arrives as the only argument.
        String[] args = ViewerArguments.fromDesktop(commandLine);
        // Must precede the first logger: logback.xml reads it to place the log file.
        if (System.getProperty("hardy.log.dir") == null) {
            System.setProperty("hardy.log.dir", AppDirs.logDir().toString());
        }
        // Offline engines before anything can touch DJL: nothing is ever downloaded.
        Engines.configure();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        if (ViewerArguments.isViewer(args)) {
            try {
                ViewerArguments.parse(java.util.List.of(args));
            } catch (IllegalArgumentException e) {
                err.println("hardy: error: " + e.getMessage());
                err.println(ViewerArguments.USAGE);
                System.exit(2);
            }
            // Without a display JavaFX would fail with a stack trace: say so in one line instead.
            java.util.Optional<String> noDisplay = DisplayCheck.missingDisplay();
            if (noDisplay.isPresent()) {
                err.println("hardy: " + noDisplay.get());
                System.exit(1);
            }
            try {
                HardyApp.run(args);
            } catch (RuntimeException e) {
                if (!DisplayCheck.isDisplayFailure(e)) {
                    throw e;
                }
                err.println("hardy: " + DisplayCheck.unreachable(System.getenv("DISPLAY")));
                System.exit(1);
            }
            System.exit(0);
        }
        int code = HardyCli.run(out, err, args);
        // Autoflush only acts on println: a table printed with print() would be lost at exit.
        out.flush();
        err.flush();
        System.exit(code);
    }
}
