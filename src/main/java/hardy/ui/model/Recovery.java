package hardy.ui.model;

import hardy.core.AtomicFiles;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.VolumeWriters;
import hardy.volume.LabelMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies of unsaved label edits in the app-data folder, each a NIfTI label map on its image's grid with a note
 * naming the image. Two kinds:
 * <ul>
 *   <li>the running session's <em>autosave</em>, rewritten every minute while labels have unsaved edits and
 *       deleted when they are saved or the session ends cleanly, so that a crash loses at most a minute of work;
 *   <li><em>kept</em> copies: edits replaced without saving (another study or label map opened, a segmentation
 *       run), and the autosave of a session that crashed. They outlive the session and are offered at the next
 *       start until the user opens or declines them.
 * </ul>
 * All methods do file I/O: call them off the JavaFX thread.
 */
public final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    /** The autosave slot's files (the names of the single slot older versions wrote, so a crash of one is found). */
    private static final String AUTOSAVE_LABELS = "labels.nii.gz";
    private static final String AUTOSAVE_NOTE = "image.txt";
    private static final String KEPT = "kept-";
    /** Kept copies beyond this many are deleted, oldest first. */
    static final int KEEP_AT_MOST = 10;

    /** Why a copy was kept. */
    public enum Reason {
        /** Hardy did not close cleanly while the labels had unsaved edits. */
        CRASH,
        /** The labels were replaced (another study, labels or a segmentation) and the user did not save them. */
        REPLACED
    }

    /** A kept copy: the image it belongs to, its labels file, why and when it was kept. */
    public record Found(Path image, Path labels, Reason reason, Instant when) {
    }

    private final Path dir;

    public Recovery(Path dir) {
        this.dir = dir;
    }

    /** Writes (atomically) the session's autosave copy of {@code labels} for {@code image}. */
    public void save(LabelMap labels, Path image, Cancellation cancel) throws IOException {
        write(labels, dir.resolve(AUTOSAVE_LABELS), dir.resolve(AUTOSAVE_NOTE), image, Reason.CRASH, cancel);
    }

    /** Deletes the session's autosave copy (after a save, a replacement, or a clean exit). */
    public void clear() {
        delete(dir.resolve(AUTOSAVE_LABELS), dir.resolve(AUTOSAVE_NOTE));
    }

    /** Keeps a copy of labels that were replaced without saving, until it is offered at a start. */
    public void keep(LabelMap labels, Path image) throws IOException {
        String id = KEPT + System.currentTimeMillis();
        for (int n = 1; Files.exists(dir.resolve(id + ".txt")); n++) {
            id = KEPT + System.currentTimeMillis() + "-" + n;
        }
        write(labels, dir.resolve(id + ".nii.gz"), dir.resolve(id + ".txt"), image, Reason.REPLACED,
                Cancellation.NEVER);
        List<Path> notes = keptNotes();
        for (Path old : notes.subList(Math.min(KEEP_AT_MOST, notes.size()), notes.size())) {
            delete(labelsOf(old), old);
        }
    }

    /**
     * Turns an autosave left by a session that did not end cleanly into a kept copy, so that this session's own
     * autosave and clean exit cannot overwrite or delete it. Call once at start-up.
     */
    public void adoptCrashed() {
        Path labels = dir.resolve(AUTOSAVE_LABELS);
        Path note = dir.resolve(AUTOSAVE_NOTE);
        if (!Files.isRegularFile(labels) || !Files.isRegularFile(note)) {
            return;
        }
        try {
            Instant when = Files.getLastModifiedTime(labels).toInstant();
            String id = KEPT + when.toEpochMilli() + "-crash";
            Path image = read(note).map(NoteFile::image).orElse(null);
            if (image == null) {
                clear();
                return;
            }
            String text = image + "\n" + Reason.CRASH + "\n" + when.toEpochMilli() + "\n";
            Files.move(labels, dir.resolve(id + ".nii.gz"));
            AtomicFiles.write(dir.resolve(id + ".txt"), out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
            Files.deleteIfExists(note);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not set aside the recovery copy of the last session", e);
        }
    }

    /** The kept copies whose image still exists, newest first. */
    public List<Found> find() {
        List<Found> found = new ArrayList<>();
        for (Path note : keptNotes()) {
            Path labels = labelsOf(note);
            read(note).filter(n -> Files.isRegularFile(labels) && Files.exists(n.image()))
                    .ifPresent(n -> found.add(new Found(n.image(), labels, n.reason(), n.when())));
        }
        return found;
    }

    /** Deletes a kept copy (opened, or declined). */
    public void remove(Found copy) {
        String name = copy.labels().getFileName().toString();
        delete(copy.labels(), copy.labels().resolveSibling(name.substring(0, name.length() - ".nii.gz".length())
                + ".txt"));
    }

    private void write(LabelMap labels, Path file, Path note, Path image, Reason reason, Cancellation cancel)
            throws IOException {
        VolumeWriters.installed().writerFor(file).write(labels.volume(), file, ProgressListener.NONE, cancel);
        String text = image.toAbsolutePath() + "\n" + reason + "\n" + System.currentTimeMillis() + "\n";
        AtomicFiles.write(note, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The notes of the kept copies, newest first. */
    private List<Path> keptNotes() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            record Dated(Path note, Instant when) {
            }
            return files.filter(p -> p.getFileName().toString().startsWith(KEPT)
                            && p.getFileName().toString().endsWith(".txt"))
                    .map(p -> new Dated(p, read(p).map(NoteFile::when).orElse(Instant.EPOCH)))
                    .sorted(Comparator.comparing(Dated::when).reversed()).map(Dated::note).toList();
        } catch (IOException e) {
            LOG.warn("Could not list the recovery copies", e);
            return List.of();
        }
    }

    private static Path labelsOf(Path note) {
        String name = note.getFileName().toString();
        return note.resolveSibling(name.substring(0, name.length() - ".txt".length()) + ".nii.gz");
    }

    private record NoteFile(Path image, Reason reason, Instant when) {
    }

    /** A note: the image's path, then (not in older versions' notes) the reason and the time in epoch ms. */
    private static Optional<NoteFile> read(Path note) {
        try {
            List<String> lines = Files.readAllLines(note, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.getFirst().isBlank()) {
                return Optional.empty();
            }
            Reason reason = lines.size() > 1 ? Reason.valueOf(lines.get(1).strip()) : Reason.CRASH;
            Instant when = lines.size() > 2 ? Instant.ofEpochMilli(Long.parseLong(lines.get(2).strip()))
                    : Files.getLastModifiedTime(note).toInstant();
            return Optional.of(new NoteFile(Path.of(lines.getFirst().strip()), reason, when));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void delete(Path... files) {
        try {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete a recovery copy", e);
        }
    }
}
