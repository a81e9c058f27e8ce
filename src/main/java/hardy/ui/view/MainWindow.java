package hardy.ui.view;

import hardy.ui.model.SliceViewModel;
import hardy.ui.model.Study;
import hardy.ui.model.ViewerViewModel;
import hardy.ui.model.training.TrainingViewModel;
import hardy.ui.render.Plane;
import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The main window: menus, the slice views (three planes or one), the label panel and the status bar. Files
 * dropped on it open: the first as the image, a second one as its labels.
 */
public final class MainWindow {

    private final ViewerViewModel vm;
    private final BorderPane root = new BorderPane();
    private final Map<Plane, SliceView> views = new EnumMap<>(Plane.class);
    private final GridPane grid = new GridPane();
    private final Label info = new Label();
    private final MainMenu menu;
    private final TrainingViewModel training;
    private final TabPane tabs = new TabPane();
    private final Tab viewerTab = new Tab("Viewer");
    private TrainingTab trainingTab;

    /** The viewer alone, without the training tab. */
    public MainWindow(Stage stage, ViewerViewModel vm, MainMenu.Services services) {
        this(stage, vm, services, null);
    }

    /**
     * The viewer and, if {@code training} is given, the training tab beside it.
     */
    public MainWindow(Stage stage, ViewerViewModel vm, MainMenu.Services services, TrainingViewModel training) {
        this.vm = vm;
        this.training = training;
        for (Plane p : Plane.values()) {
            views.put(p, new SliceView(new SliceViewModel(p, vm)));
        }
        menu = new MainMenu(stage, vm, this, services);
        info.setId("study-info");
        info.getStyleClass().add("study-info");
        info.setWrapText(true);
        info.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        vm.studyProperty().addListener(o -> info.setText(describe(vm.studyProperty().get())));
        vm.notesProperty().addListener(o -> info.setText(describe(vm.studyProperty().get())));
        info.setText(describe(null));
        grid.getStyleClass().add("view-grid");
        grid.setHgap(2);
        grid.setVgap(2);
        layoutViews();
        vm.layoutProperty().addListener(o -> layoutViews());
        vm.mainPlaneProperty().addListener(o -> layoutViews());

        VBox side = new VBox(new SegmentPanel(vm), new LabelPanel(vm.labels()));
        VBox.setVgrow(side.getChildren().get(1), Priority.ALWAYS);
        vm.segmentation().setConfirmer((title, question) -> Dialogs.confirm(stage, title, question));
        vm.segmentation().refresh();
        SplitPane split = new SplitPane(grid, side);
        split.setDividerPositions(0.74);
        SplitPane.setResizableWithParent(split.getItems().get(1), false);
        root.setTop(new VBox(menu.menuBar()));
        BorderPane viewer = new BorderPane(split);
        viewer.setBottom(new StatusLine(vm));
        viewerTab.setContent(viewer);
        viewerTab.setClosable(false);
        viewerTab.setId("tab-viewer");
        tabs.getTabs().add(viewerTab);
        if (training != null) {
            trainingTab = new TrainingTab(training, stage);
            Tab tab = new Tab("Training", trainingTab.root());
            tab.setClosable(false);
            tab.setId("tab-training");
            tabs.getTabs().add(tab);
            training.setMessageSink(m -> Dialogs.error(stage, m));
            training.setConfirmer((title, question) -> Dialogs.confirm(stage, title, question));
            training.setOnModelsChanged(() -> vm.segmentation().refresh());
            training.setCaseOpener(this::openSegmented);
            // Read the workspace and load PyTorch only when the tab is first shown: a radiologist who only
            // reviews studies never pays for either.
            tab.selectedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean a, Boolean b) {
                    if (b) {
                        tab.selectedProperty().removeListener(this);
                        training.refresh();
                        training.detectDevice();
                    }
                }
            });
        }
        root.setCenter(tabs);
        root.getStyleClass().add("hardy-root");
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
            if (!files.isEmpty()) {
                open(files.stream().map(File::toPath).toList());
            }
            e.setDropCompleted(!files.isEmpty());
            e.consume();
        });
    }

    /** Shows the viewer with an image segmented by a model folder (from the training tab's hardest cases). */
    private void openSegmented(Path image, Path modelDir) {
        tabs.getSelectionModel().select(viewerTab);
        vm.openUnlisted(image, null, () -> vm.segmentation().segmentWith(modelDir));
    }

    /** The training tab's view model, or {@code null} when the window has no training tab. */
    public TrainingViewModel training() {
        return training;
    }

    /** Selects the training tab (tests, screenshots). */
    void showTraining() {
        tabs.getTabs().stream().filter(t -> "tab-training".equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** Selects the viewer tab. */
    void showViewer() {
        tabs.getSelectionModel().select(viewerTab);
    }

    /** Stops a training run (with a checkpoint) and the charts' clock; the window is closing. */
    public void dispose() {
        if (trainingTab != null) {
            trainingTab.dispose();
            training.pause();
            training.cancel();
            try {
                training.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Opens dropped files: the first as the image, a second as its labels. */
    void open(List<Path> files) {
        menu.openImage(files.getFirst(), files.size() > 1 ? files.get(1) : null);
    }

    private void layoutViews() {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        if (vm.layoutProperty().get() == ViewerViewModel.Layout.ONE) {
            grid.getColumnConstraints().add(grow());
            grid.getRowConstraints().add(growRow());
            grid.add(views.get(vm.mainPlaneProperty().get()), 0, 0);
            return;
        }
        grid.getColumnConstraints().addAll(grow(), grow());
        grid.getRowConstraints().addAll(growRow(), growRow());
        grid.add(views.get(Plane.AXIAL), 0, 0);
        grid.add(views.get(Plane.CORONAL), 1, 0);
        grid.add(views.get(Plane.SAGITTAL), 0, 1);
        grid.add(info, 1, 1);
    }

    private static ColumnConstraints grow() {
        ColumnConstraints c = new ColumnConstraints();
        c.setPercentWidth(-1);
        c.setHgrow(Priority.ALWAYS);
        c.setFillWidth(true);
        c.setMinWidth(10);
        c.setPrefWidth(100);
        return c;
    }

    private static RowConstraints growRow() {
        RowConstraints r = new RowConstraints();
        r.setVgrow(Priority.ALWAYS);
        r.setFillHeight(true);
        r.setMinHeight(10);
        r.setPrefHeight(100);
        return r;
    }

    private String describe(Study s) {
        if (s == null) {
            return "No image open.\n\nFile > Open, drop a file here, or Help > Open demo study.";
        }
        var g = s.image().geometry();
        double[] sp = g.spacing();
        StringBuilder sb = new StringBuilder();
        sb.append(s.name()).append('\n').append(s.format()).append('\n');
        sb.append(String.format(Locale.ROOT, "%d x %d x %d  %s%n", g.nx(), g.ny(), g.nz(), s.image().type().id()));
        sb.append(String.format(Locale.ROOT, "%.3g x %.3g x %.3g mm  (%s)%n", sp[0], sp[1], sp[2],
                g.voxelToLps().flipXY().axisCodes("RAS", "LPI")));
        sb.append(String.format(Locale.ROOT, "Values %.4g .. %.4g%n", s.statistics().min(), s.statistics().max()));
        if (!vm.notesProperty().get().isEmpty()) {
            sb.append('\n').append(vm.notesProperty().get().replace("; ", "\n"));
        }
        return sb.toString();
    }

    /** The window's content. */
    public Parent root() {
        return root;
    }

    /** The view of a plane (for tests and screenshots). */
    public SliceView view(Plane plane) {
        return views.get(plane);
    }

    /** The node a screenshot captures: the views. */
    javafx.scene.Node viewArea() {
        return grid;
    }

    MainMenu menu() {
        return menu;
    }
}
