package hardy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/hardy}, the README's way to run the built jar: it finds a Java 25 with or without {@code JAVA_HOME},
 * passes over an older one, says how to build a missing jar, and prints what {@code java -jar} prints.
 */
class LauncherScriptIT {

    private static final Path REPO = Path.of(System.getProperty("hardy.repo.dir", ".")).toAbsolutePath();
    private static final Path SCRIPT = REPO.resolve("bin/hardy");
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void needsPosixShell() {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "bin/hardy is a POSIX shell script");
    }

    /** Runs {@code script} with exactly the given environment (no JAVA_HOME unless given). */
    private Run run(Path script, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(2, script, env, args);
    }

    /** As above, killed (and failed) after {@code minutes}: training on a loaded 2-core machine takes minutes. */
    private Run run(int minutes, Path script, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        pb.environment().clear();
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("bin/hardy " + String.join(" ", args) + " did not finish in " + minutes + " min");
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("stdout")), Files.readString(dir.resolve("stderr")));
    }

    private String jarVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(JAVA_HOME.resolve("bin/java").toString(), "-jar",
                REPO.resolve("target/hardy.jar").toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return out;
    }

    /** The link to the JDK's java goes before JUnit cleans up, which would otherwise warn about it. */
    @AfterEach
    void removeJavaLink() throws IOException {
        Files.deleteIfExists(dir.resolve("path-bin/java"));
    }

    /** A folder holding only a {@code java} link to the running JDK's, for PATH. */
    private Path pathWithJava25() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("path-bin"));
        Files.createSymbolicLink(bin.resolve("java"), JAVA_HOME.resolve("bin/java"));
        return bin;
    }

    @Test
    void withJavaHomeSetItPrintsWhatTheJarPrints() throws Exception {
        Run r = run(SCRIPT, Map.of("JAVA_HOME", JAVA_HOME.toString(), "PATH", "/usr/bin:/bin"), "--version");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(jarVersion()).startsWith("Hardy ");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void withoutJavaHomeItFindsJava25OnThePath() throws Exception {
        Run r = run(SCRIPT, Map.of("PATH", pathWithJava25() + ":/usr/bin:/bin"), "--version");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(jarVersion());
        assertThat(r.err()).isEmpty();
    }

    @Test
    void anOlderJavaHomeIsPassedOver() throws Exception {
        Path old = Files.createDirectories(dir.resolve("jdk-17/bin"));
        Files.writeString(old.resolve("java"), "#!/bin/sh\necho 'the old java ran' >&2\nexit 3\n");
        Files.setPosixFilePermissions(old.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(old.getParent().resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        Run r = run(SCRIPT, Map.of("JAVA_HOME", old.getParent().toString(),
                "PATH", pathWithJava25() + ":/usr/bin:/bin"), "--version");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(jarVersion());
    }

    @Test
    void aMissingJarIsOneLineSayingHowToBuildIt() throws Exception {
        Path checkout = Files.createDirectories(dir.resolve("checkout/bin"));
        Path script = Files.copy(SCRIPT, checkout.resolve("hardy"));
        Run r = run(script, Map.of("JAVA_HOME", JAVA_HOME.toString(), "PATH", "/usr/bin:/bin"), "--version");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).singleElement().asString().contains("hardy.jar not found", "./mvnw package");
    }

    @Test
    void theBuildLeavesAClassDataArchiveThatTheScriptKeeps() throws Exception {
        Path jsa = REPO.resolve("target/hardy.jsa");
        assertThat(jsa).as("written by ./mvnw package").isNotEmptyFile();
        long before = Files.getLastModifiedTime(jsa).toMillis();
        Run r = run(SCRIPT, Map.of("JAVA_HOME", JAVA_HOME.toString(), "PATH", "/usr/bin:/bin"), "--version");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.getLastModifiedTime(jsa).toMillis()).as("an up-to-date archive is not rewritten")
                .isEqualTo(before);
    }

    @Test
    void aTinyTrainingRunPrintsNoEngineOrJdkWarnings() throws Exception {
        Map<String, String> env = Map.of("JAVA_HOME", JAVA_HOME.toString(), "PATH", "/usr/bin:/bin");
        Path cases = dir.resolve("cases");
        Run synth = run(SCRIPT, env, "synth", "--out", cases.toString(), "--count", "2", "--seed", "1", "--size",
                "32", "--spacing", "2");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        Run train = run(10, SCRIPT, env, "train", "--cases", cases.toString(), "--out",
                dir.resolve("model").toString(), "--iterations", "1", "--patch", "16", "--batch", "2",
                "--base-channels", "4", "--depth", "2");
        assertThat(train.exitCode()).as(train.err()).isZero();
        // libtorch's "[W... AutoNonVariableTypeMode is deprecated" and the JDK's "WARNING: ... sun.misc.Unsafe"
        assertThat(train.err()).doesNotContain("AutoNonVariableTypeMode").doesNotContain("WARNING")
                .doesNotContain("Unsafe");
    }
}
