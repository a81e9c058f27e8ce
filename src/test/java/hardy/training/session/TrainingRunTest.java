package hardy.training.session;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.training.LearningRateSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny real training (3 cases of 16³, a 4-channel U-Net, 16³ patches) driven through the run's states. */
class TrainingRunTest {

    @TempDir
    Path dir;

    private TrainingWorkspace workspace;
    private final List<String> states = new CopyOnWriteArrayList<>();
    private final List<TrainingSession.Snapshot> snapshots = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        workspace = new TrainingWorkspace(dir.resolve("ws"), VolumeReaders.installed(), VolumeWriters.installed());
        for (int c = 0; c < 3; c++) {
            Cubes.Case cube = Cubes.of(c);
            workspace.addStudy("cube" + c, cube.image(), cube.labels(), "test");
        }
    }

    /** Tiny settings: a 4-channel U-Net of depth 2, 16³ patches, a checkpoint every iteration. */
    static RunSettings tiny(int iterations) {
        return new RunSettings(100, 0, true, 0, iterations, 16, 2, 1e-2, LearningRateSchedule.POLY, false, 0.5, 4, 2,
                17, null, 1, 0);
    }

    private TrainingRun run(int iterations, RunListener listener) throws IOException {
        return new TrainingRun(TrainingPlan.ofWorkspace(workspace, workspace.cases(), tiny(iterations), null),
                listener);
    }

    private RunListener recording(java.util.function.Consumer<TrainingSession.Snapshot> onIteration) {
        return new RunListener() {
            @Override
            public void stateChanged(RunState state, String message) {
                states.add(state + (message.isEmpty() ? "" : ": " + message));
            }

            @Override
            public void iteration(TrainingSession.Snapshot snapshot, int total) {
                snapshots.add(snapshot);
                onIteration.accept(snapshot);
            }
        };
    }

    @Test
    void aTinyRunPassesTheSelfCheckRunsToTheEndAndReportsTheSampler() throws Exception {
        TrainingRun run = run(3, recording(s -> { }));
        run.start();
        run.join();
        assertThat(run.state()).isEqualTo(RunState.FINISHED);
        assertThat(states.get(0)).isEqualTo("SELF_CHECK");
        assertThat(states.get(1)).isEqualTo("RUNNING: Gradient check passed");
        assertThat(states.get(2)).isEqualTo("FINISHED: 3 iterations done");
        assertThat(snapshots).extracting(TrainingSession.Snapshot::iteration).containsExactly(1, 2, 3);
        TrainingSession.Snapshot last = snapshots.getLast();
        assertThat(last.loss()).isFinite().isPositive();
        assertThat(last.probabilities()).hasSize(3);
        assertThat(java.util.Arrays.stream(last.probabilities()).sum()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(workspace.checkpointsDir().resolve(hardy.training.Trainer.PROGRESS_FILE)).exists();
    }

    @Test
    void pauseWritesACheckpointCancelKeepsItAndTheNextRunResumesFromIt() throws Exception {
        TrainingRun[] holder = new TrainingRun[1];
        holder[0] = run(3, recording(s -> {
            if (s.iteration() == 1) {
                holder[0].pause();
            }
        }));
        holder[0].start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        while (holder[0].state() != RunState.PAUSED && holder[0].state() != RunState.FAILED) {
            // A deadlock must fail the test, not hang the build.
            assertThat(System.nanoTime()).as("run reached PAUSED within 2 minutes; states %s", states)
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(states).last().isEqualTo("PAUSED: paused at iteration 1; checkpoint written");
        assertThat(Files.readString(workspace.checkpointsDir().resolve(hardy.training.Trainer.PROGRESS_FILE)))
                .contains("iterations=1");
        holder[0].cancel();
        holder[0].join();
        assertThat(holder[0].state()).isEqualTo(RunState.CANCELLED);
        assertThat(states).last().isEqualTo("CANCELLED: cancelled; the checkpoint at iteration 1 is kept");
        assertThat(snapshots).hasSize(1);

        // as after an app restart: a new run continues from the workspace's checkpoint
        snapshots.clear();
        TrainingRun again = run(3, recording(s -> { }));
        again.start();
        again.join();
        assertThat(again.state()).as(states.toString()).isEqualTo(RunState.FINISHED);
        assertThat(snapshots).extracting(TrainingSession.Snapshot::iteration).containsExactly(2, 3);
    }

    @Test
    void aRunThatCannotReadItsCasesFailsWithTheReason() throws Exception {
        Files.delete(workspace.imageOf(workspace.cases().getFirst()));
        TrainingRun run = run(2, recording(s -> { }));
        run.start();
        run.join();
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(states).last().asString().startsWith("FAILED: ").contains("cube0_image.nii.gz");
    }
}
