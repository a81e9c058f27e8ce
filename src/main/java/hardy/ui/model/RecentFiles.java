package hardy.ui.model;

import hardy.core.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The most recently opened images, newest first, kept in a text file in the app-data folder. The list holds
 * paths only; they are shown in the menu and never logged (a path can name a patient).
 */
public final class RecentFiles {

    private static final Logger LOG = LoggerFactory.getLogger(RecentFiles.class);
    private static final int LIMIT = 10;

    private final Path store;
    private final ObservableList<Path> files = FXCollections.observableArrayList();

    /** Recent files kept in {@code store}; reads it if it exists. */
    public RecentFiles(Path store) {
        this.store = store;
        try {
            if (Files.isRegularFile(store)) {
                Files.readAllLines(store, StandardCharsets.UTF_8).stream().filter(s -> !s.isBlank()).limit(LIMIT)
                        .map(Path::of).forEach(files::add);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not read the recent-files list; starting an empty one", e);
        }
    }

    /** Puts {@code file} first and saves the list. */
    public void add(Path file) {
        Path p = file.toAbsolutePath().normalize();
        List<Path> next = new ArrayList<>(files);
        next.remove(p);
        next.addFirst(p);
        while (next.size() > LIMIT) {
            next.removeLast();
        }
        files.setAll(next);
        try {
            String text = String.join("\n", next.stream().map(Path::toString).toList()) + "\n";
            AtomicFiles.write(store, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            LOG.warn("Could not save the recent-files list", e);
        }
    }

    public ObservableList<Path> files() {
        return files;
    }
}
