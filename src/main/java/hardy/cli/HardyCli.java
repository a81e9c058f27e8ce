package hardy.cli;

import hardy.core.CancelledException;
import hardy.core.InvalidSettingException;
import hardy.inference.ModelNotFoundException;
import hardy.io.VolumeFormatException;
import hardy.io.dicom.SeriesChoiceException;
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
        subcommands = {InfoCommand.class, ConvertCommand.class, SegmentCommand.class, SegCommand.class,
                ModelsCommand.class, SynthCommand.class, EvaluateCommand.class, TrainCommand.class,
                ReportCommand.class, PacsCommand.class, CommandLine.HelpCommand.class})
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
        String line = describe(e);
        int code = EXIT_BAD_INPUT;
        if (e instanceof CancelledException) {
            code = EXIT_CANCELLED;
        } else if (!(e instanceof IOException || e instanceof IllegalArgumentException)) {
            code = EXIT_INTERNAL;
        }
        LOG.warn(FILE_ONLY, "Command failed: {}", line, e);
        err.println("hardy: error: " + line);
        err.flush();
        return code;
    }

    /**
     * The line the command line shows for a failure. Core exceptions describe the problem; the remedy, where it
     * is an option of this command line, is added here.
     */
    static String describe(Exception e) {
        if (e instanceof SeriesChoiceException s) {
            return s.getMessage() + ". Choose one with --series N (its number above) or --series UID";
        }
        if (e instanceof VolumeFormatException v) {
            return v.getMessage();
        }
        if (e instanceof InvalidSettingException s) {
            return "--" + s.setting() + " " + s.problem();
        }
        if (e instanceof ModelNotFoundException m) {
            return m.getMessage() + (m.available().isEmpty() ? ". Give --model with a model folder"
                    : ". Give --model with a model folder or one of these names ('hardy models' lists them)");
        }
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file or folder";
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof CancelledException) {
            return "cancelled";
        }
        if (e instanceof hardy.training.export.ModelExport.ParityException p) {
            return p.getMessage() + "; the training checkpoint is kept";
        }
        if (e instanceof hardy.pacs.PacsException p) {
            return p.getMessage();
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + ": already exists";
        }
        if (e instanceof IOException io) {
            return "I/O error: " + io.getMessage();
        }
        return "internal error (" + e.getClass().getSimpleName() + "); details are in the log";
    }
}
