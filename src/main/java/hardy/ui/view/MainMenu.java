package hardy.ui.view;

import hardy.core.AtomicFiles;
import hardy.core.CaseNaming;
import hardy.io.labels.LabelTableFiles;
import hardy.pacs.PacsServerStore;
import hardy.pacs.SeriesCache;
import hardy.ui.model.FxBackgroundRunner;
import hardy.ui.model.PacsBrowserViewModel;
import hardy.ui.model.PacsServersViewModel;
import hardy.ui.model.LabelRow;
import hardy.ui.model.LabelsViewModel;
import hardy.ui.model.RecentFiles;
import hardy.ui.model.SegmentationViewModel;
import hardy.ui.model.Study;
import hardy.ui.model.UserMessage;
import hardy.ui.model.ViewerViewModel;
import hardy.ui.render.Plane;
import hardy.ui.render.WindowLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.collections.ListChangeListener;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Dialog;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/** The menu bar and the commands behind it. */
public final class MainMenu {

    /**
     * What the menus need from the application.
     *
     * @param recent  the recent-files list
     * @param demoDir the folder of the bundled demo study, or null when it cannot be found
     * @param files   the file choosers, or null for the system's
     */
    public record Services(RecentFiles recent, Path demoDir, FilePicker files) {

        /** Services with the system's file choosers. */
        public Services(RecentFiles recent, Path demoDir) {
            this(recent, demoDir, null);
        }
    }

    private final Stage stage;
    private final ViewerViewModel vm;
    private final MainWindow window;
    private final Services services;
    private final MenuBar bar = new MenuBar();
    private final FilePicker files;
    /** Runs the PACS dialogs' searches, retrievals and tests, apart from the viewer's own work. */
    private final FxBackgroundRunner pacsRunner = new FxBackgroundRunner();

    MainMenu(Stage stage, ViewerViewModel vm, MainWindow window, Services services) {
        this.stage = stage;
        this.vm = vm;
        this.window = window;
        this.services = services;
        this.files = services.files() != null ? services.files() : new NativeFilePicker(stage);
        vm.setRecentFiles(services.recent());
        vm.setSaveLocation(name -> files.saveFile("Save labels as NIfTI", name, "NIfTI (*.nii.gz, *.nii)",
                "*.nii.gz", "*.nii"));
        bar.getMenus().addAll(fileMenu(), editMenu(), viewMenu(), segmentationMenu(), helpMenu());
    }

    MenuBar menuBar() {
        return bar;
    }

    /** Opens an image (and optionally labels); it joins the recent list once it has opened. */
    void openImage(Path image, Path labels) {
        vm.open(image, labels);
    }

    /** Opens the bundled demo study. */
    public void openDemo() {
        Path dir = services.demoDir();
        if (dir == null) {
            vm.notesProperty().set("The demo study was not found (assets/demo)");
            return;
        }
        Path labels = dir.resolve(CaseNaming.labelsFile("demo"));
        vm.openUnlisted(dir.resolve("demo_t2w.nii.gz"), Files.exists(labels) ? labels : null, () -> { });
    }

    private Menu fileMenu() {
        MenuItem open = item("Open image file...", "Shortcut+O", () -> files.openFile("Open image (NIfTI or DICOM)")
                .ifPresent(p -> openImage(p, null)));
        MenuItem folder = item("Open DICOM folder...", "Shortcut+Shift+O", () -> files.openFolder(
                "Open DICOM folder").ifPresent(p -> openImage(p, null)));
        MenuItem pacs = item("Open from PACS...", null, this::openFromPacs);
        pacs.setId("open-from-pacs");
        Menu recent = new Menu("Open recent");
        if (services.recent() != null) {
            Runnable fill = () -> recent.getItems().setAll(services.recent().files().stream().map(p -> {
                MenuItem i = new MenuItem(p.toString());
                i.setMnemonicParsing(false);
                i.setOnAction(e -> openImage(p, null));
                return i;
            }).toList());
            services.recent().files().addListener((ListChangeListener<Path>) c -> fill.run());
            fill.run();
        }
        MenuItem labels = item("Open labels...", "Shortcut+L", () -> files.openFile(
                "Open labels (NIfTI label map or DICOM SEG)").ifPresent(vm::openLabels));
        MenuItem save = item("Save labels", "Shortcut+S", () -> vm.saveLabels(false, () -> { }));
        MenuItem saveAs = item("Save labels as...", "Shortcut+Shift+S", () -> vm.saveLabels(true, () -> { }));
        MenuItem importNames = item("Import label names...", null, () -> files.openFile(
                "Import label names (ITK-SNAP label descriptions or 3D Slicer colour table)")
                .ifPresent(vm::importLabelNames));
        MenuItem exportNames = item("Export label names...", null, this::exportLabelNames);
        MenuItem exportSeg = segExportItem();
        importNames.setId("import-label-names");
        exportNames.setId("export-label-names");
        importNames.disableProperty().bind(vm.labels().labelMapProperty().isNull());
        exportNames.disableProperty().bind(vm.labels().labelMapProperty().isNull());
        MenuItem csv = item("Export label volumes (CSV)...", null, this::exportCsv);
        MenuItem png = item("Export screenshot (PNG)...", "Shortcut+P", this::exportPng);
        MenuItem quit = item("Quit", "Shortcut+Q", () -> stage.fireEvent(new javafx.stage.WindowEvent(stage,
                javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        labels.disableProperty().bind(vm.studyProperty().isNull());
        save.disableProperty().bind(vm.labels().labelMapProperty().isNull());
        saveAs.disableProperty().bind(vm.labels().labelMapProperty().isNull());
        Menu m = new Menu("File");
        m.getItems().addAll(open, folder, pacs, recent, new SeparatorMenuItem(), labels, save, saveAs, exportSeg,
                new SeparatorMenuItem(), importNames, exportNames, csv, png, new SeparatorMenuItem(), quit);
        return m;
    }

    private Menu segmentationMenu() {
        SegmentationViewModel seg = vm.segmentation();
        MenuItem segment = item("Segment with model", "Shortcut+G", seg::segment);
        segment.disableProperty().bind(vm.studyProperty().isNull()
                .or(seg.stateProperty().isEqualTo(SegmentationViewModel.State.RUNNING)));
        MenuItem importModel = item("Import model...", null, () -> files.openFolder(
                "Import model folder (model.json + model.onnx)").ifPresent(f -> seg.importModel(f,
                target -> vm.notesProperty().set("Model installed in " + target))));
        MenuItem refresh = item("Refresh model list", null, seg::refresh);
        CheckMenuItem uncertainty = new CheckMenuItem("Show uncertainty");
        uncertainty.selectedProperty().bindBidirectional(seg.showEntropyProperty());
        uncertainty.disableProperty().bind(seg.entropyProperty().isNull());
        Menu m = new Menu("Segmentation");
        m.getItems().addAll(segment, new SeparatorMenuItem(), importModel, refresh, new SeparatorMenuItem(),
                uncertainty);
        if (window.training() != null) {
            MenuItem add = item("Add this study to the training set", null, this::addStudyToTraining);
            add.setId("add-study-to-training");
            add.disableProperty().bind(vm.labels().labelMapProperty().isNull());
            m.getItems().addAll(new SeparatorMenuItem(), add);
        }
        return m;
    }

    /**
     * Copies the open study and its labels as they are now (with the user's corrections) into the training
     * workspace, with a record of where they came from.
     */
    void addStudyToTraining() {
        var study = vm.studyProperty().get();
        var labels = vm.labels().labelMapProperty().get();
        if (study == null || labels == null) {
            return;
        }
        long labelled = java.util.Arrays.stream(labels.counts()).skip(1).sum();
        if (labelled == 0) {
            Dialogs.error(stage, new UserMessage("Not added to the training set",
                    "The label map is empty: segment or paint the study first."));
            return;
        }
        String source = study.source() != null ? study.source().toString() : study.name();
        window.training().addStudy(study.name(), study.image(), labels, source, name -> vm.notesProperty()
                .set("Added to the training set as " + name));
    }

    private Menu editMenu() {
        MenuItem undo = item("Undo", "Shortcut+Z", () -> vm.labels().undo());
        MenuItem redo = item("Redo", "Shortcut+Y", () -> vm.labels().redo());
        undo.disableProperty().bind(vm.labels().canUndoProperty().not());
        redo.disableProperty().bind(vm.labels().canRedoProperty().not());
        // Plain keys, as in ITK-SNAP: JavaFX does not fire them while a text field has the focus, so typing a
        // label name or a brush size is not taken for a shortcut.
        ToggleGroup tools = new ToggleGroup();
        MenuItem cursor = tool("Cursor tool", KeyCode.C, LabelsViewModel.Tool.CURSOR, tools);
        MenuItem brush = tool("Brush", KeyCode.B, LabelsViewModel.Tool.BRUSH, tools);
        MenuItem eraser = tool("Eraser", KeyCode.E, LabelsViewModel.Tool.ERASER, tools);
        vm.labels().toolProperty().addListener((o, a, t) -> tools.getToggles().forEach(
                tg -> tg.setSelected(tg.getUserData() == t)));
        MenuItem larger = item("Larger brush (+1 mm)", null, () -> vm.labels().growBrush(1));
        larger.setAccelerator(new KeyCodeCombination(KeyCode.CLOSE_BRACKET));
        MenuItem smaller = item("Smaller brush (-1 mm)", null, () -> vm.labels().growBrush(-1));
        smaller.setAccelerator(new KeyCodeCombination(KeyCode.OPEN_BRACKET));
        MenuItem pacs = item("PACS servers...", null, this::editPacsServers);
        pacs.setId("pacs-servers");
        Menu m = new Menu("Edit");
        m.getItems().addAll(undo, redo, new SeparatorMenuItem(), cursor, brush, eraser, new SeparatorMenuItem(),
                larger, smaller, labelMenu(), new SeparatorMenuItem(), pacs);
        return m;
    }

    private RadioMenuItem tool(String text, KeyCode key, LabelsViewModel.Tool tool, ToggleGroup group) {
        RadioMenuItem i = new RadioMenuItem(text);
        i.setUserData(tool);
        i.setToggleGroup(group);
        i.setSelected(vm.labels().toolProperty().get() == tool);
        i.setAccelerator(new KeyCodeCombination(key));
        i.setOnAction(e -> {
            vm.labels().toolProperty().set(tool);
            i.setSelected(true); // choosing the active tool again keeps it on
        });
        return i;
    }

    /** Edit > Paint with label: one entry per label of the table, keys 1 to 9 for labels 1 to 9. */
    private Menu labelMenu() {
        Menu menu = new Menu("Paint with label");
        ToggleGroup group = new ToggleGroup();
        Runnable fill = () -> {
            group.getToggles().clear();
            menu.getItems().setAll(vm.labels().rows().stream().map(row -> {
                RadioMenuItem i = new RadioMenuItem();
                i.textProperty().bind(row.nameProperty().map(name -> row.value() + "  " + name));
                i.setMnemonicParsing(false);
                i.setToggleGroup(group);
                i.setUserData(row);
                i.setSelected(vm.labels().selectedProperty().get() == row);
                if (row.value() >= 1 && row.value() <= 9) {
                    i.setAccelerator(new KeyCodeCombination(KeyCode.valueOf("DIGIT" + row.value())));
                }
                i.setOnAction(e -> {
                    vm.labels().selectLabel(row.value());
                    i.setSelected(true);
                });
                return (MenuItem) i;
            }).toList());
            menu.setDisable(menu.getItems().isEmpty());
        };
        vm.labels().rows().addListener((ListChangeListener<LabelRow>) c -> fill.run());
        vm.labels().selectedProperty().addListener((o, a, row) -> group.getToggles().forEach(
                tg -> tg.setSelected(tg.getUserData() == row)));
        fill.run();
        return menu;
    }

    private Menu viewMenu() {
        CheckMenuItem radiological = new CheckMenuItem("Radiological convention (patient left on screen right)");
        radiological.selectedProperty().bindBidirectional(vm.radiologicalProperty());
        CheckMenuItem outline = new CheckMenuItem("Label outlines");
        outline.selectedProperty().bindBidirectional(vm.labels().outlineProperty());
        Menu layout = new Menu("Layout");
        layout.getItems().add(item("Three planes", "Shortcut+3",
                () -> vm.layoutProperty().set(ViewerViewModel.Layout.THREE)));
        for (Plane p : Plane.values()) {
            layout.getItems().add(item(p.title() + " only", "Shortcut+" + (p.ordinal() + 4), () -> {
                vm.mainPlaneProperty().set(p);
                vm.layoutProperty().set(ViewerViewModel.Layout.ONE);
            }));
        }
        Menu presets = new Menu("Window/level");
        presets.getItems().addAll(
                item("Auto (1st-99th percentile)", "Shortcut+Shift+A", vm::autoWindow),
                item("Full range", null, () -> preset(1.0, true)),
                item("High contrast (half width)", null, () -> preset(0.5, false)),
                item("Low contrast (double width)", null, () -> preset(2.0, false)));
        MenuItem reset = item("Reset views", "Shortcut+R", () -> {
            for (Plane p : Plane.values()) {
                window.view(p).model().reset();
            }
            vm.autoWindow();
        });
        Menu m = new Menu("View");
        m.getItems().addAll(layout, presets, reset, new SeparatorMenuItem(), radiological, outline);
        return m;
    }

    private void preset(double widthFactor, boolean full) {
        if (vm.studyProperty().get() == null) {
            return;
        }
        var stats = vm.studyProperty().get().statistics();
        WindowLevel auto = full ? WindowLevel.fullRange(stats) : WindowLevel.auto(stats);
        vm.windowProperty().set(new WindowLevel(auto.level(), auto.width() * (full ? 1 : widthFactor)));
    }

    private Menu helpMenu() {
        Menu m = new Menu("Help");
        m.getItems().addAll(item("Open demo study", null, this::openDemo), item("Mouse and keys", null, () ->
                Dialogs.info(stage, "Mouse and keys", """
                        Left click/drag: move the crosshair (or paint with Brush/Eraser)
                        Right drag: window (left-right) and level (up-down)
                        Middle drag: pan.  Ctrl+wheel: zoom.  Wheel, arrows, Page Up/Down: slices
                        Ctrl+Z / Ctrl+Y: undo / redo a stroke.  Ctrl+R: reset views.  Ctrl+Shift+A: auto window
                        C / B / E: cursor, brush, eraser.  [ / ]: brush 1 mm smaller / larger
                        1 to 9: paint with label 1 to 9""")));
        return m;
    }

    /** File > Open from PACS: a retrieved series opens as a local DICOM folder does (series picker included). */
    void openFromPacs() {
        AtomicReference<Dialog<Void>> dialog = new AtomicReference<>();
        PacsBrowserViewModel browser = new PacsBrowserViewModel(PacsServerStore.installed(), SeriesCache.installed(),
                pacsRunner, dir -> {
                    dialog.get().close();
                    vm.openUnlisted(dir, null, () -> { });
                });
        browser.setMessageSink(m -> Dialogs.error(stage, m));
        dialog.set(PacsBrowserDialog.create(stage, browser));
        dialog.get().show();
    }

    /** Edit > PACS servers. */
    void editPacsServers() {
        PacsServersViewModel servers = new PacsServersViewModel(PacsServerStore.installed(), pacsRunner);
        servers.setMessageSink(m -> Dialogs.error(stage, m));
        PacsServersDialog.create(stage, servers, files).show();
    }

    /**
     * File > Export DICOM SEG...: enabled for labels on a study read from DICOM. For any other study the item is
     * disabled and its text says why (a NIfTI image has no DICOM identity; its labels are saved as NIfTI).
     */
    private MenuItem segExportItem() {
        MenuItem item = item("Export DICOM SEG...", null, () -> {
            Study s = vm.studyProperty().get();
            String base = s == null ? "labels" : s.name().replaceFirst("(?i)\\.dcm$", "");
            files.saveFile("Export labels as DICOM Segmentation", base + "_seg.dcm", "DICOM (*.dcm)", "*.dcm")
                    .ifPresent(vm::exportSeg);
        });
        item.setId("export-dicom-seg");
        Runnable update = () -> {
            String why = vm.segExportUnavailable();
            boolean niftiStudy = vm.studyProperty().get() != null && !why.isEmpty();
            item.setText(niftiStudy ? "Export DICOM SEG (" + why.substring(0, why.indexOf(':')) + ")"
                    : "Export DICOM SEG...");
            item.setDisable(!why.isEmpty() || vm.labels().labelMapProperty().get() == null);
        };
        vm.studyProperty().addListener((o, a, b) -> update.run());
        vm.labels().labelMapProperty().addListener((o, a, b) -> update.run());
        update.run();
        return item;
    }

    private void exportLabelNames() {
        Path labels = vm.labels().fileProperty().get();
        String suggested = labels == null ? "labels.label.txt"
                : LabelTableFiles.sidecar(labels).getFileName().toString();
        files.saveFile("Export label names (.txt: ITK-SNAP, .ctbl: 3D Slicer)", suggested,
                "ITK-SNAP label descriptions (*.txt), 3D Slicer colour table (*.ctbl)", "*.txt", "*.ctbl")
                .ifPresent(vm::exportLabelNames);
    }

    private void exportCsv() {
        files.saveFile("Export label volumes", "label_volumes.csv", "CSV", "*.csv").ifPresent(f -> {
            String csv = vm.labels().volumesCsv();
            write(f, () -> AtomicFiles.write(f, out -> out.write(csv.getBytes(StandardCharsets.UTF_8))));
        });
    }

    private void exportPng() {
        files.saveFile("Export screenshot", "hardy_views.png", "PNG", "*.png")
                .ifPresent(f -> write(f, () -> Screenshots.save(window.viewArea(), f)));
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void write(Path target, IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            Dialogs.error(stage, new UserMessage("Cannot write file", target.getFileName() + ": " + e.getMessage()));
        }
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem i = new MenuItem(text);
        if (accelerator != null) {
            i.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        i.setOnAction(e -> action.run());
        return i;
    }
}
