package hardy.pacs;

import hardy.testing.InteropData;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Orthanc with its DICOMweb plugin, started by {@code scripts/orthanc-test-server.sh} for one test class and
 * stopped by {@link #close()} (and by a shutdown hook should the JVM end first).
 *
 * <p>Where Orthanc, its plugin or the interop series are missing, the tests are skipped with a notice on stderr,
 * unless the environment variable {@code HARDY_REQUIRE_ORTHANC} is set (as {@code .ci/run} does): then they fail.
 */
public final class OrthancServer implements AutoCloseable {

    public static final String USER = "hardy-test";
    /** A throw-away password for the test server only; tests check it never reaches a log or a file. */
    public static final String PASSWORD = "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random()));

    private final Path state;
    private final int port;
    private final boolean auth;
    private final Thread hook;

    private OrthancServer(Path state, int port, boolean auth) {
        this.state = state;
        this.port = port;
        this.auth = auth;
        this.hook = new Thread(this::stopQuietly, "orthanc-test-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Whether missing Orthanc fails the tests instead of skipping them. */
    static boolean required() {
        String v = System.getenv("HARDY_REQUIRE_ORTHANC");
        return v != null && !v.isBlank() && !v.equals("0");
    }

    /** The interop series folder {@code name} (e.g. {@code axial}), or skips/fails when it is missing. */
    public static Path interopSeries(String name) {
        Path dir = InteropData.dir().resolve("series").resolve(name);
        if (!Files.isDirectory(dir)) {
            unavailable(dir + " is missing; run scripts/fetch-interop-data.sh");
        }
        return dir;
    }

    /** Starts an Orthanc loaded with {@code load}; with {@code auth}, basic authentication as {@link #USER}. */
    public static OrthancServer start(Path state, boolean auth, Path... load) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", InteropData.repo().resolve("scripts/orthanc-test-server.sh")
                .toString(), "start", state.toString()));
        if (auth) {
            cmd.addAll(List.of("--auth", USER));
        }
        for (Path p : load) {
            cmd.addAll(List.of("--load", p.toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("ORTHANC_TEST_PASSWORD", PASSWORD);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("orthanc-test-server.sh did not finish: " + output);
        }
        if (p.exitValue() == 3) {
            unavailable(output.strip());
        }
        if (p.exitValue() != 0) {
            throw new IOException("orthanc-test-server.sh failed (" + p.exitValue() + "): " + output);
        }
        int port = Integer.parseInt(Files.readString(state.resolve("port")).strip());
        return new OrthancServer(state, port, auth);
    }

    private static void unavailable(String why) {
        String notice = "Orthanc tests: " + why;
        if (required()) {
            throw new AssertionError(notice + " (HARDY_REQUIRE_ORTHANC is set: Orthanc is required here)");
        }
        System.err.println("SKIPPED " + notice);
        Assumptions.abort(notice);
    }

    public int port() {
        return port;
    }

    public URI dicomWeb() {
        return URI.create("http://127.0.0.1:" + port + "/dicom-web");
    }

    /** Orthanc's own REST API root. */
    public URI rest() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A server setting for this Orthanc, with the right credentials when it has authentication. */
    public PacsServer server(String name) {
        return new PacsServer(name, dicomWeb(), auth ? new PacsAuth.Basic(USER, PASSWORD) : PacsAuth.NONE, null);
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs (and stops nothing more).
        }
    }

    private void stopQuietly() {
        try {
            Process p = new ProcessBuilder("bash", InteropData.repo().resolve("scripts/orthanc-test-server.sh")
                    .toString(), "stop", state.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
