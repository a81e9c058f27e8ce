package hardy.training.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunStateTest {

    @Test
    void aRunGoesThroughTheSelfCheckAndCanPauseResumeAndCancel() {
        assertThat(RunState.IDLE.canGoTo(RunState.SELF_CHECK)).isTrue();
        assertThat(RunState.IDLE.canGoTo(RunState.RUNNING)).as("no run without the self-check").isFalse();
        assertThat(RunState.SELF_CHECK.canGoTo(RunState.RUNNING)).isTrue();
        assertThat(RunState.SELF_CHECK.canGoTo(RunState.FAILED)).isTrue();
        assertThat(RunState.RUNNING.canGoTo(RunState.PAUSED)).isTrue();
        assertThat(RunState.PAUSED.canGoTo(RunState.RUNNING)).isTrue();
        assertThat(RunState.PAUSED.canGoTo(RunState.CANCELLED)).isTrue();
        assertThat(RunState.PAUSED.canGoTo(RunState.FINISHED)).as("a paused run does not finish").isFalse();
        assertThat(RunState.FINISHED.canGoTo(RunState.RUNNING)).isFalse();
        assertThat(RunState.CANCELLED.canGoTo(RunState.SELF_CHECK)).as("resume from the checkpoint").isTrue();
    }

    @Test
    void settingsAreLockedOnlyWhileARunIsInProgress() {
        assertThat(RunState.RUNNING.active()).isTrue();
        assertThat(RunState.PAUSED.active()).isTrue();
        assertThat(RunState.IDLE.active()).isFalse();
        assertThat(RunState.FAILED.active()).isFalse();
    }
}
