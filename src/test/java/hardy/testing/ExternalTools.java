package hardy.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Independent programs the validation tests run (dciodvfy from dicom3tools, Debian's pydicom). Where one is
 * missing, a test is skipped with a notice on stderr naming the Debian package, like the interop tests that
 * need fetched data; under CI (the environment variable {@code CI} set, as {@code .ci/run} does after installing
 * the packages) a missing tool fails the test instead, so the validation can never pass by not running.
 */
public final class ExternalTools {

    /** Debian's Python, without PYTHONPATH or the user's site packages. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    /** What a program printed and its exit code. */
    public record Run(int exitCode, String stdout, String stderr) {
    }

    private ExternalTools() {
    }

    /** The program at {@code path}, or a skip (outside CI) or failure (under CI) naming {@code debianPackage}. */
    public static Path require(Path path, String debianPackage, String what) {
        if (!Files.isExecutable(path)) {
            missing(what + ": " + path + " is missing; install the Debian package " + debianPackage);
        }
        return path;
    }

    /** Debian's python3 with pydicom and numpy, or a skip (outside CI) or failure (under CI). */
    public static Path requirePydicom(String what) throws IOException {
        require(PYTHON, "python3", what);
        Run r = run(List.of(PYTHON.toString(), "-Es", "-c", "import pydicom, numpy"), 60);
        if (r.exitCode() != 0) {
            missing(what + ": Debian's python3 cannot import pydicom and numpy; install python3-pydicom "
                    + "python3-numpy");
        }
        return PYTHON;
    }

    private static void missing(String notice) {
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank() && !ci.equals("false")) {
            Assertions.fail("CI requires it: " + notice);
        }
        System.err.println("SKIPPED " + notice);
        Assumptions.abort(notice);
    }

    /** Runs a program and waits at most {@code timeoutSeconds}. */
    public static Run run(List<String> command, long timeoutSeconds) throws IOException {
        Path out = Files.createTempFile("hardy-tool", ".out");
        Path err = Files.createTempFile("hardy-tool", ".err");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
