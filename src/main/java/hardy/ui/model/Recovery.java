package hardy.ui.model;

import hardy.core.AtomicFiles;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.nifti.NiftiWriter;
import hardy.volume.LabelMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The autosaved copy of unsaved label edits in the app-data folder, so that a crash loses at most a minute of
 * work. One recovery at a time: the labels (NIfTI on the image's grid) and a text file naming the image.
 */
public final class Recovery {

    /** A recovery found at start-up. */
    public record Found(Path image, Path labels) {
    }

    private final Path dir;

    public Recovery(Path dir) {
        this.dir = dir;
    }

    /** Writes (atomically) a recovery copy of {@code labels} for {@code image}. Run off the JavaFX thread. */
    public void save(LabelMap labels, Path image, Cancellation cancel) throws IOException {
        new NiftiWriter().write(labels.volume(), dir.resolve("labels.nii.gz"), ProgressListener.NONE, cancel);
        String text = image.toAbsolutePath() + "\n";
        AtomicFiles.write(dir.resolve("image.txt"), out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The recovery left by a session that did not end cleanly, if its image still exists. */
    public Optional<Found> find() {
        try {
            Path labels = dir.resolve("labels.nii.gz");
            Path note = dir.resolve("image.txt");
            if (!Files.isRegularFile(labels) || !Files.isRegularFile(note)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(note, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !Files.exists(Path.of(lines.getFirst().strip()))) {
                return Optional.empty();
            }
            return Optional.of(new Found(Path.of(lines.getFirst().strip()), labels));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Deletes the recovery (after a save, a clean exit, or when the user declines it). */
    public void clear() {
        try {
            Files.deleteIfExists(dir.resolve("labels.nii.gz"));
            Files.deleteIfExists(dir.resolve("image.txt"));
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(Recovery.class).warn("Could not delete the recovery copy", e);
        }
    }
}
