package hardy.cli;

import hardy.core.CancelledException;
import hardy.io.VolumeFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hardy} command line: one subcommand per task. Exit codes: 0 success, 2 bad input or usage
 * (one line on stderr), 1 an internal error (details in the log), 130 cancelled.
 */
@Command(name = "hardy", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Robust 3D MRI segmentation: read, convert, segment, train and evaluate volumes.",
        subcommands = {InfoCommand.class, ConvertCommand.class, SegmentCommand.class, ModelsCommand.class,
                SynthCommand.class, EvaluateCommand.class, TrainCommand.class,
            CommandLine.HelpCommand.class})
public final class HardyCli {

    /** Exit code for bad input: a corrupt or unsupported file, a wrong argument. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for a failure of Hardy itself. */
    public static final int EXIT_INTERNAL = 1;
    /** Exit code when the user interrupted the work. */
    public static final int EXIT_CANCELLED = 130;

    /** Log events with this marker go to the log file only, not to the console. */
    static final Marker FILE_ONLY = MarkerFactory.getMarker("FILE_ONLY");

    private static final Logger LOG = LoggerFactory.getLogger(HardyCli.class);

    /** Runs a command line with the given output streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new HardyCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, commandLine.getErr()));
        return cli.execute(args);
    }

    /** Turns an exception from a command into one line on stderr and an exit code; the stack goes to the log. */
    static int handle(Exception e, PrintWriter err) {
        String line;
        int code = EXIT_BAD_INPUT;
        if (e instanceof VolumeFormatException v) {
            line = v.getMessage();
        } else if (e instanceof NoSuchFileException n) {
            line = n.getFile() + ": no such file or folder";
        } else if (e instanceof AccessDeniedException a) {
            line = a.getFile() + ": permission denied";
        } else if (e instanceof IllegalArgumentException) {
            line = e.getMessage();
        } else if (e instanceof CancelledException) {
            line = "cancelled";
            code = EXIT_CANCELLED;
        } else if (e instanceof IOException io) {
            line = "I/O error: " + io.getMessage();
        } else {
            line = "internal error (" + e.getClass().getSimpleName() + "); details are in the log";
            code = EXIT_INTERNAL;
        }
        LOG.warn(FILE_ONLY, "Command failed: {}", line, e);
        err.println("hardy: error: " + line);
        err.flush();
        return code;
    }
}
