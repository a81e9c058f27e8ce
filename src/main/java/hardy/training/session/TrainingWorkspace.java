package hardy.training.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import hardy.core.AppDirs;
import hardy.core.AtomicFiles;
import hardy.core.Cancellation;
import hardy.core.CaseNaming;
import hardy.core.FileTrees;
import hardy.core.ProgressListener;
import hardy.inference.SegmentationModel;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.training.TrainingCases;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The user's training workspace: copies of the cases to train on, each in its own folder under {@code cases/}
 * with {@code NAME_image.nii.gz}, {@code NAME_labels.nii.gz} and a {@code case.json} record of where it came from.
 *
 * <p>Nothing is ever half-added: a case is assembled in a hidden staging folder (every file written atomically
 * and flushed) and then moved into place in one step, so a crash or a closed window leaves either the whole case
 * or none of it (left-over staging folders are removed on the next open). Removing a case moves it to
 * {@code removed/}; nothing the user added is deleted.
 */
public final class TrainingWorkspace {

    /** The per-case record. */
    public static final String RECORD_FILE = "case.json";

    private static final String STAGING_PREFIX = ".adding-";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;
    private final VolumeReaders readers;
    private final VolumeWriters writers;

    /** The outcome of adding a folder: the cases added and, for each pair refused, its reason. */
    public record FolderReport(List<TrainingCaseRecord> added, List<String> refused) {
        /** Copies the lists. */
        public FolderReport {
            added = List.copyOf(added);
            refused = List.copyOf(refused);
        }
    }

    /**
     * Opens (creating if needed) the workspace in {@code root}, removing staging folders a crash left behind.
     *
     * @throws IOException if the folder cannot be created
     */
    public TrainingWorkspace(Path root, VolumeReaders readers, VolumeWriters writers) throws IOException {
        this.root = root;
        this.readers = readers;
        this.writers = writers;
        Files.createDirectories(casesDir());
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(casesDir(), STAGING_PREFIX + "*")) {
            for (Path staging : stream) {
                FileTrees.deleteTree(staging);
            }
        }
    }

    /** The workspace in the user's app-data folder: {@code AppDirs.dataHome()/training}. */
    public static Path defaultLocation() {
        return AppDirs.dataHome().resolve("training");
    }

    /** The workspace folder. */
    public Path root() {
        return root;
    }

    /** Where the cases live. */
    public Path casesDir() {
        return root.resolve("cases");
    }

    /** Where checkpoints of the workspace's run live. */
    public Path checkpointsDir() {
        return root.resolve("checkpoints");
    }

    /** The image file of a case. */
    public Path imageOf(TrainingCaseRecord c) {
        return casesDir().resolve(c.name()).resolve(CaseNaming.imageFile(c.name()));
    }

    /** The label file of a case. */
    public Path labelsOf(TrainingCaseRecord c) {
        return casesDir().resolve(c.name()).resolve(CaseNaming.labelsFile(c.name()));
    }

    /** The image and label files of cases, for a {@link TrainingPlan}. */
    public List<TrainingCases.CaseFiles> files(List<TrainingCaseRecord> records) {
        return records.stream().map(c -> new TrainingCases.CaseFiles(c.name(), imageOf(c), labelsOf(c))).toList();
    }

    /**
     * All cases, by name. A folder whose record cannot be read is skipped (it is left on disk untouched).
     *
     * @throws IOException if the cases folder cannot be listed
     */
    public List<TrainingCaseRecord> cases() throws IOException {
        List<TrainingCaseRecord> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(casesDir())) {
            for (Path dir : dirs.sorted().toList()) {
                Path record = dir.resolve(RECORD_FILE);
                if (dir.getFileName().toString().startsWith(".") || !Files.isRegularFile(record)) {
                    continue;
                }
                try {
                    out.add(JSON.readValue(record.toFile(), TrainingCaseRecord.class));
                } catch (IOException | RuntimeException e) {
                    // a damaged record is not fatal for the other cases; the folder stays for the user to inspect
                }
            }
        }
        out.sort(Comparator.comparing(TrainingCaseRecord::name));
        return out;
    }

    /**
     * Adds every {@code NAME_image.nii.gz} with a {@code NAME_labels.nii.gz} beside it in {@code dir}. Pairs that
     * are refused (no labels, unreadable, different geometry) are listed with their reason; the others are added.
     *
     * @throws IOException if the folder cannot be listed
     */
    public FolderReport addFolder(Path dir, Cancellation cancel) throws IOException {
        List<TrainingCaseRecord> added = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<Path> images;
        try (Stream<Path> files = Files.list(dir)) {
            images = files.filter(p -> CaseNaming.caseOfImage(p.getFileName().toString()).isPresent()).sorted()
                    .toList();
        }
        for (Path image : images) {
            cancel.check();
            String name = CaseNaming.caseOfImage(image.getFileName().toString()).orElseThrow();
            Path labels = image.resolveSibling(CaseNaming.labelsFile(name));
            if (!Files.isRegularFile(labels)) {
                refused.add(name + ": no " + labels.getFileName() + " beside the image");
                continue;
            }
            try {
                added.add(addFiles(image, labels));
            } catch (IOException e) {
                refused.add(e.getMessage());
            }
        }
        if (images.isEmpty()) {
            refused.add(dir.getFileName() + ": no *" + CaseNaming.imageFile("") + " files in this folder");
        }
        return new FolderReport(added, refused);
    }

    /**
     * Copies an image and its labels into the workspace as a new training case.
     *
     * @throws CaseRefusedException if a file is unreadable, the labels are not a label map or the two do not share
     *                              one geometry (the message says which)
     * @throws IOException          if the workspace cannot be written (nothing is then added)
     */
    public TrainingCaseRecord addFiles(Path image, Path labels) throws IOException {
        String name = caseNameOf(image);
        Volume img = read(image, name);
        Volume lab = read(labels, name);
        LabelMap labelMap = checkPair(name, img, lab);
        return add(name, img, labelMap, image.toAbsolutePath().toString(), labels.toAbsolutePath().toString(),
                image, labels);
    }

    /**
     * Adds a study open in the viewer with its (corrected) labels. The volumes are written, not the original files,
     * so the user's corrections are what gets trained on.
     *
     * @param name        the wanted case name (made unique and file-safe)
     * @param source      where the study came from, for the record (e.g. its file path)
     * @throws CaseRefusedException if the labels are not on the image's grid
     */
    public TrainingCaseRecord addStudy(String name, Volume image, LabelMap labels, String source) throws IOException {
        String safe = caseNameOf(name);
        checkPair(safe, image, labels.volume());
        return add(safe, image, labels, source, source + " (labels as edited in the viewer)", null, null);
    }

    /**
     * Changes whether a case is used for training or validation (its record is rewritten atomically).
     *
     * @throws NoSuchFileException if there is no such case
     */
    public TrainingCaseRecord setRole(String name, TrainingCaseRecord.Role role) throws IOException {
        TrainingCaseRecord current = find(name).orElseThrow(() -> new NoSuchFileException(name));
        TrainingCaseRecord updated = current.withRole(role);
        writeRecord(casesDir().resolve(name), updated);
        return updated;
    }

    /**
     * Takes a case out of the workspace by moving its folder to {@code removed/} (never deleting it).
     *
     * @throws NoSuchFileException if there is no such case
     */
    public void remove(String name) throws IOException {
        Path dir = casesDir().resolve(name);
        if (!Files.isRegularFile(dir.resolve(RECORD_FILE))) {
            throw new NoSuchFileException(name);
        }
        Path removed = root.resolve("removed");
        Files.createDirectories(removed);
        Path target = removed.resolve(name + "-" + Instant.now().toEpochMilli());
        move(dir, target);
    }

    /** The case of that name, if any. */
    public Optional<TrainingCaseRecord> find(String name) throws IOException {
        return cases().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private TrainingCaseRecord add(String wanted, Volume image, LabelMap labels, String sourceImage,
            String sourceLabels, Path imageFile, Path labelsFile) throws IOException {
        Path staging = casesDir().resolve(STAGING_PREFIX + UUID.randomUUID());
        boolean done = false;
        try {
            Files.createDirectories(staging);
            String name = uniqueName(wanted);
            Path imageCopy = staging.resolve(CaseNaming.imageFile(name));
            Path labelsCopy = staging.resolve(CaseNaming.labelsFile(name));
            place(image, imageFile, imageCopy);
            place(labels.volume(), labelsFile, labelsCopy);
            Geometry g = image.geometry();
            TrainingCaseRecord record = new TrainingCaseRecord(name, TrainingCaseRecord.Role.TRAIN, sourceImage,
                    sourceLabels, Instant.now().toString(), g.dims(), g.spacing(), labelVoxels(labels),
                    SegmentationModel.sha256(imageCopy), SegmentationModel.sha256(labelsCopy));
            writeRecord(staging, record);
            Path target = casesDir().resolve(name);
            move(staging, target);
            done = true;
            return record;
        } finally {
            if (!done) {
                FileTrees.deleteTree(staging);
            }
        }
    }

    private void place(Volume volume, Path original, Path target) throws IOException {
        if (original != null && original.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".nii.gz")) {
            AtomicFiles.write(target, out -> Files.copy(original, out));
        } else {
            writers.writerFor(target).write(volume, target, ProgressListener.NONE, Cancellation.NEVER);
        }
    }

    private static LabelMap checkPair(String name, Volume image, Volume labels) throws CaseRefusedException {
        Geometry a = image.geometry();
        Geometry b = labels.geometry();
        if (a.nx() != b.nx() || a.ny() != b.ny() || a.nz() != b.nz()) {
            throw new CaseRefusedException(name + ": image " + a.nx() + "×" + a.ny() + "×" + a.nz() + " and labels "
                    + b.nx() + "×" + b.ny() + "×" + b.nz() + " differ in size");
        }
        if (!a.sameGrid(b)) {
            throw new CaseRefusedException(name + ": image and labels have the same size but lie differently in "
                    + "space (origin, spacing or orientation differ)");
        }
        try {
            return LabelMap.fromImage(labels);
        } catch (IllegalArgumentException e) {
            throw new CaseRefusedException(name + ": labels are " + e.getMessage());
        }
    }

    private Volume read(Path file, String name) throws CaseRefusedException {
        try {
            return readers.read(file).volume();
        } catch (NoSuchFileException e) {
            throw new CaseRefusedException(name + ": " + file.getFileName() + ": no such file");
        } catch (IOException | RuntimeException e) {
            throw new CaseRefusedException(name + ": " + file.getFileName() + ": " + e.getMessage());
        }
    }

    private String uniqueName(String wanted) throws IOException {
        String name = wanted;
        for (int i = 2; Files.exists(casesDir().resolve(name)); i++) {
            name = wanted + "-" + i;
        }
        return name;
    }

    static String caseNameOf(Path image) {
        return caseNameOf(image.getFileName().toString());
    }

    /** A file or study name without its image ending ({@code .nii.gz}, {@code _image.nii.gz}...), file-safe. */
    static String caseNameOf(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        for (String ending : List.of(CaseNaming.imageFile(""), ".nii.gz", ".nii", ".dcm")) {
            if (lower.endsWith(ending)) {
                return safeName(file.substring(0, file.length() - ending.length()));
            }
        }
        return safeName(file);
    }

    static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._]+", "");
        return safe.isEmpty() ? "case" : safe;
    }

    private static Map<Integer, Long> labelVoxels(LabelMap labels) {
        long[] counts = labels.counts();
        Map<Integer, Long> out = new TreeMap<>();
        for (int v = 1; v < counts.length; v++) {
            if (counts[v] > 0) {
                out.put(v, counts[v]);
            }
        }
        return out;
    }

    private static void writeRecord(Path dir, TrainingCaseRecord record) throws IOException {
        byte[] json = JSON.writeValueAsBytes(record);
        AtomicFiles.write(dir.resolve(RECORD_FILE), out -> out.write(json));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
