package hardy.ui.view;

import hardy.training.session.RunState;
import hardy.ui.model.training.TrainingViewModel;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.stage.Window;

/**
 * The training tab: the workspace's cases on the left; settings, run controls and the result in the middle; the
 * live curves, the sampler's distribution and the hardest cases on the right. While a run is under way, charts
 * are refreshed by an {@link AnimationTimer} through {@link TrainingViewModel#poll}, which hands over at most four
 * updates a second of at most 400 points, however fast the run (decision 0009).
 */
final class TrainingTab {

    private final TrainingViewModel vm;
    private final Window owner;
    private final SplitPane root;
    private final AnimationTimer timer;

    TrainingTab(TrainingViewModel vm, Window owner) {
        this.vm = vm;
        this.owner = owner;
        root = new SplitPane(new TrainingCasesPane(vm, owner).build(), new ScrollPane(new TrainingRunPane(vm).build()),
                new TrainingChartsPane(vm).build());
        ((ScrollPane) root.getItems().get(1)).setFitToWidth(true);
        root.setDividerPositions(0.37, 0.66);
        root.setId("training-tab");
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                vm.poll(now);
            }
        };
        // Poll only while a run is under way: an AnimationTimer asks for a pulse every frame.
        vm.stateProperty().addListener((o, a, b) -> {
            if (b == RunState.SELF_CHECK || b == RunState.RUNNING) {
                timer.start();
            } else {
                timer.stop();
            }
        });
    }

    Node root() {
        return root;
    }

    /** Stops the chart clock (the window closes). */
    void dispose() {
        timer.stop();
    }
}
