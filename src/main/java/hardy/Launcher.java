package hardy;

import hardy.cli.HardyCli;
import hardy.core.AppDirs;
import hardy.inference.Engines;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The program's entry point. A plain class, not a JavaFX {@code Application}, so that the JavaFX runtime is
 * loaded from the class path without the module-path launcher check. With a command it runs the CLI; the
 * desktop viewer will start when it is given none.
 */
public final class Launcher {

    private Launcher() {
    }

    /** Runs Hardy and exits with the command's exit code. */
    public static void main(String[] args) {
        // Must precede the first logger: logback.xml reads it to place the log file.
        if (System.getProperty("hardy.log.dir") == null) {
            System.setProperty("hardy.log.dir", AppDirs.logDir().toString());
        }
        // Offline engines before anything can touch DJL: nothing is ever downloaded.
        Engines.configure();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        String[] effective = args.length == 0 ? new String[] {"--help"} : args;
        System.exit(HardyCli.run(out, err, effective));
    }
}
