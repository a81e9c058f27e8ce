package hardy.inference;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.training.TorchEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DJL is made offline in one place, {@link Engines#configure()}, and every way into an engine goes through it. */
class EnginesTest {

    private static final String OFFLINE = "ai.djl.offline";

    @AfterEach
    void offlineAgain() {
        Engines.configure();
    }

    @Test
    void theTrainingEngineIsOfflineEvenIfSomethingSwitchedItOff() {
        System.setProperty(OFFLINE, "false");
        TorchEngine.get();
        assertThat(System.getProperty(OFFLINE)).isEqualTo("true");
    }

    @Test
    void onnxRuntimeIsOfflineEvenIfSomethingSwitchedItOff() {
        System.clearProperty(OFFLINE);
        Engines.onnxRuntime();
        assertThat(System.getProperty(OFFLINE)).isEqualTo("true");
    }

    @Test
    void onlyEnginesSetsTheOfflineProperty() throws IOException {
        List<Path> setters;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            setters = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readString(p).contains("\"" + OFFLINE + "\"");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(setters).containsExactly(Path.of("src/main/java/hardy/inference/Engines.java"));
    }
}
