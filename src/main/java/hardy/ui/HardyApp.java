package hardy.ui;

import hardy.core.AppDirs;
import hardy.inference.ModelRegistry;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.ui.model.FxBackgroundRunner;
import hardy.ui.model.RecentFiles;
import hardy.ui.model.StudyFiles;
import hardy.ui.model.ViewerViewModel;
import hardy.ui.model.training.TrainingViewModel;
import hardy.training.session.TrainingWorkspace;
import hardy.ui.view.MainMenu;
import hardy.ui.view.MainWindow;
import hardy.ui.view.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

/**
 * The desktop application: builds the view model and the main window, then opens what the command line named,
 * an autosaved recovery, or the demo study.
 */
public final class HardyApp extends Application {

    /** Starts the JavaFX runtime and the app, and returns when its last window closes. */
    public static void run(String[] args) {
        Application.launch(HardyApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        ViewerArguments args = ViewerArguments.parse(getParameters().getRaw());
        open(stage).session().startUp(args.image(), args.labels());
    }

    /** The parts of a shown window, for {@link #start} and for tools that drive the app (the screenshot harness). */
    public record Desktop(ViewerViewModel viewer, MainWindow window, Session session) {
    }

    /** Builds the view model and the main window into {@code stage} and shows it, empty. */
    public static Desktop open(Stage stage) {
        ViewerViewModel vm = new ViewerViewModel(
                new StudyFiles(VolumeReaders.installed(), VolumeWriters.installed()), new FxBackgroundRunner());
        Path home = AppDirs.dataHome();
        MainWindow window = new MainWindow(stage, vm,
                new MainMenu.Services(new RecentFiles(home.resolve("recent-files.txt")), demoDir()), training());
        Scene scene = new Scene(window.root(), 1480, 920);
        scene.getStylesheets().add(HardyApp.class.getResource("viewer.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Hardy");
        Session session = new Session(stage, vm, window, home.resolve("recovery"));
        stage.show();
        return new Desktop(vm, window, session);
    }

    /** The training tab's view model over the user's workspace, or {@code null} (with a log line) if unusable. */
    private static TrainingViewModel training() {
        try {
            TrainingWorkspace workspace = new TrainingWorkspace(TrainingWorkspace.defaultLocation(),
                    VolumeReaders.installed(), VolumeWriters.installed());
            return new TrainingViewModel(workspace, ModelRegistry.installed(), new FxBackgroundRunner(),
                    Platform::runLater);
        } catch (IOException e) {
            LoggerFactory.getLogger(HardyApp.class).warn("No training tab: the workspace cannot be created", e);
            return null;
        }
    }

    /**
     * The demo study's folder: {@code hardy.demo.dir}, else {@code assets/demo} under the working directory or
     * beside the jar's folder (target/ in a build, the install folder in a package).
     */
    static Path demoDir() {
        String prop = System.getProperty("hardy.demo.dir");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop);
        }
        Path cwd = Path.of("assets", "demo");
        if (Files.isDirectory(cwd)) {
            return cwd.toAbsolutePath();
        }
        try {
            Path code = Path.of(HardyApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code.getParent(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("assets/demo"))) {
                    return p.resolve("assets/demo");
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
