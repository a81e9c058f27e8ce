package hardy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.inference.ModelRegistry;
import hardy.inference.SegmentationModel;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.training.session.CheckpointFolder;
import hardy.training.session.Cubes;
import hardy.training.session.RunState;
import hardy.training.session.TrainingWorkspace;
import hardy.ui.model.DirectRunner;
import hardy.ui.model.training.ChartThrottle;
import hardy.ui.model.training.TrainingViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run, two drivers: a run that {@code hardy train --workspace} stopped continues in the training tab, and a
 * run the tab paused continues with {@code hardy train --workspace --resume} (real, tiny DJL PyTorch runs).
 */
class TrainingAcrossCliAndTabTest {

    @TempDir
    Path dir;

    private TrainingWorkspace workspace;
    private ModelRegistry registry;

    @BeforeEach
    void cases() throws IOException {
        workspace = new TrainingWorkspace(dir.resolve("ws"), VolumeReaders.installed(), VolumeWriters.installed());
        for (int c = 0; c < 3; c++) {
            Cubes.Case cube = Cubes.of(c);
            workspace.addStudy("cube" + c, cube.image(), cube.labels(), "test");
        }
        registry = new ModelRegistry(dir.resolve("shipped"), dir.resolve("user-models"));
    }

    private static CliRunner train(String... args) {
        return CliRunner.run(args);
    }

    @Test
    void aRunTheCommandLineStoppedContinuesInTheTrainingTab() throws Exception {
        CliRunner cli = train("train", "--workspace", workspace.root().toString(), "--out",
                dir.resolve("cli-model").toString(), "--iterations", "2", "--schedule", "constant", "--patch", "16",
                "--base-channels", "4", "--depth", "2", "--lr", "1e-2", "--beta", "30", "--no-augment");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(CheckpointFolder.iterations(workspace.checkpointsDir())).isEqualTo(2);

        TrainingViewModel tab = new TrainingViewModel(workspace, registry, new DirectRunner(), Runnable::run);
        tab.refresh();
        // the tab shows the command line's run as it was started
        assertThat(tab.resumableProperty().get()).isNotEmpty();
        assertThat(tab.settingsModel().betaProperty().get()).isEqualTo(30);
        assertThat(tab.settingsModel().patchSizeProperty().get()).isEqualTo(16);
        assertThat(tab.settingsModel().learningRateProperty().get()).isEqualTo(1e-2);
        assertThat(tab.settingsModel().augmentationProperty().get()).isFalse();
        assertThat(tab.settingsModel().iterationsProperty().get()).isEqualTo(2);
        tab.settingsModel().iterationsProperty().set(4); // a constant learning rate does not depend on the run's length
        tab.settingsModel().validationEveryProperty().set(0);

        tab.start();
        tab.join();
        assertThat(tab.stateProperty().get()).as(tab.messageProperty().get()).isEqualTo(RunState.FINISHED);
        assertThat(tab.progress().lossCurve()).as("iterations 1 and 2 were the command line's")
                .extracting(ChartThrottle.Point::x).containsExactly(3.0, 4.0);
        SegmentationModel candidate = SegmentationModel.load(tab.candidateProperty().get());
        var settings = candidate.card().provenance().path("settings");
        assertThat(settings.path("baseChannels").asInt()).as("the command line's network").isEqualTo(4);
        assertThat(settings.path("depth").asInt()).isEqualTo(2);
        assertThat(settings.path("startingModel").asText()).isEqualTo("none");
        assertThat(candidate.card().provenance().path("caseFilesSha256")).hasSize(3);
    }

    @Test
    void aRunTheTabPausedContinuesOnTheCommandLine() throws Exception {
        AtomicBoolean pausedOnce = new AtomicBoolean();
        TrainingViewModel[] holder = new TrainingViewModel[1];
        TrainingViewModel tab = new TrainingViewModel(workspace, registry, new DirectRunner(), task -> {
            task.run();
            // The run reports its validation of iteration 2 through here: pause after that iteration.
            if (holder[0].activityProperty().get().startsWith("validating the model of iteration 2")
                    && pausedOnce.compareAndSet(false, true)) {
                holder[0].pause();
            }
        });
        holder[0] = tab;
        tab.refresh();
        tab.settingsModel().iterationsProperty().set(4);
        tab.settingsModel().patchSizeProperty().set(16);
        tab.settingsModel().batchSizeProperty().set(2);
        tab.settingsModel().learningRateProperty().set(1e-2);
        tab.settingsModel().betaProperty().set(30);
        tab.settingsModel().validationEveryProperty().set(2);
        tab.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (tab.stateProperty().get() != RunState.PAUSED && tab.stateProperty().get().active()) {
            assertThat(System.nanoTime()).as("the run pauses within 3 minutes").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(tab.stateProperty().get()).as(tab.messageProperty().get()).isEqualTo(RunState.PAUSED);
        tab.cancel();
        tab.join();
        assertThat(CheckpointFolder.iterations(workspace.checkpointsDir())).isEqualTo(2);

        Path model = dir.resolve("cli-model");
        List<String> args = List.of("train", "--workspace", workspace.root().toString(), "--out", model.toString(),
                "--resume", "--iterations", "4", "--patch", "16", "--lr", "1e-2", "--beta", "30");
        CliRunner cli = train(args.toArray(String[]::new));
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).contains("iteration 3/4").contains("iteration 4/4").doesNotContain("iteration 2/4");
        assertThat(CheckpointFolder.iterations(workspace.checkpointsDir())).isEqualTo(4);
        var provenance = SegmentationModel.load(model).card().provenance();
        assertThat(provenance.path("settings").path("iterations").asInt()).isEqualTo(4);
        assertThat(provenance.path("caseFilesSha256")).hasSize(3);
        assertThat(provenance.path("command").asText()).startsWith("hardy train --workspace ws --out cli-model");

        CliRunner other = train("train", "--workspace", workspace.root().toString(), "--out",
                dir.resolve("other").toString(), "--resume", "--iterations", "4", "--patch", "16", "--lr", "1e-2");
        assertThat(other.exitCode()).isEqualTo(HardyCli.EXIT_BAD_INPUT);
        assertThat(other.err()).contains("beta 30.0 -> 0.0").contains("give the first run's options");
    }
}
