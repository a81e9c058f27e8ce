package hardy.io.labels;

import hardy.core.AtomicFiles;
import hardy.io.VolumeFormatException;
import hardy.volume.LabelTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Label names and colours in the files other tools use, so a site's label scheme carries over: ITK-SNAP label
 * description files ({@link Format#ITK_SNAP}) and 3D Slicer colour tables ({@link Format#SLICER}).
 *
 * <p>Hardy keeps a label map's names beside it as an ITK-SNAP file, {@code NAME.label.txt} for {@code NAME.nii.gz}
 * ({@link #sidecar}); ITK-SNAP itself can load that file (Segmentation > Import Label Descriptions). Reading never
 * trusts the file: its size, every number and every name are checked, and a bad file gives a one-line
 * {@link VolumeFormatException} naming the line.
 */
public final class LabelTableFiles {

    /** The file formats. */
    public enum Format { ITK_SNAP, SLICER }

    /** Larger files are not label tables (ITK-SNAP's largest, 65,536 labels, is about 3 MB). */
    static final long MAX_BYTES = 4L << 20;

    /** Names of a label table beside a folder of training cases, looked for in this order. */
    private static final List<String> CASE_TABLE_NAMES = List.of("labels.txt", "labels.ctbl");

    private LabelTableFiles() {
    }

    /**
     * Reads an ITK-SNAP label description file or a Slicer colour table (told apart by content, not by name).
     * Label 0, the background, is left out of the table.
     *
     * @throws VolumeFormatException if the file is neither, or a line is malformed, or a value appears twice
     */
    public static LabelTable read(Path file) throws IOException {
        String text = decode(file, bytes(file));
        List<String> data = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String l = lines[n].strip();
            if (l.startsWith(SlicerColorTable.PROCEDURAL)) {
                throw new VolumeFormatException(file, "a Slicer procedural (continuous) colour scale, not a label "
                        + "table");
            }
            if (!l.isEmpty() && !l.startsWith("#")) {
                data.add(l);
                lineNumbers.add(n + 1);
            }
        }
        if (data.isEmpty()) {
            throw new VolumeFormatException(file, "no labels: not an ITK-SNAP label description file or a Slicer "
                    + "colour table");
        }
        boolean itk = ItkSnapLabels.looksLike(data.getFirst());
        List<LabelTable.Entry> entries = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            try {
                LabelTable.Entry e = itk ? ItkSnapLabels.parse(data.get(i)) : SlicerColorTable.parse(data.get(i));
                if (e != null) {
                    entries.add(e);
                }
            } catch (IllegalArgumentException e) {
                throw new VolumeFormatException(file, "line " + lineNumbers.get(i) + ": " + e.getMessage()
                        + (i == 0 && e.getMessage().startsWith("expected")
                            ? " (not an ITK-SNAP label description file or a Slicer colour table?)" : ""));
            }
        }
        try {
            return LabelTable.of(entries);
        } catch (IllegalArgumentException e) {
            throw new VolumeFormatException(file, e.getMessage());
        }
    }

    /** The format a file name asks for: {@code .ctbl} is Slicer's, anything else ITK-SNAP's. */
    public static Format formatFor(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ctbl") ? Format.SLICER
                : Format.ITK_SNAP;
    }

    /** Writes {@code table} in {@code format}, atomically. */
    public static void write(Path file, LabelTable table, Format format) throws IOException {
        String text = format == Format.SLICER ? SlicerColorTable.format(table, file.getFileName().toString())
                : ItkSnapLabels.format(table);
        AtomicFiles.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The label names file kept beside a label map: {@code NAME.label.txt} for {@code NAME.nii[.gz]}. */
    public static Path sidecar(Path labelMap) {
        String name = labelMap.getFileName().toString().replaceFirst("(?i)\\.nii(\\.gz)?$", "");
        return labelMap.resolveSibling(name + ".label.txt");
    }

    /**
     * The label table that describes a set of training cases, if one lies beside them: {@code labels.txt}
     * (ITK-SNAP's or Slicer's format) or {@code labels.ctbl} in the cases' folder (or the folder of their CSV).
     */
    public static Optional<Path> besideCases(Path casesDirOrCsv) {
        Path dir = Files.isDirectory(casesDirOrCsv) ? casesDirOrCsv : casesDirOrCsv.toAbsolutePath().getParent();
        if (dir == null) {
            return Optional.empty();
        }
        return CASE_TABLE_NAMES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
    }

    private static byte[] bytes(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new VolumeFormatException(file, "larger than " + (MAX_BYTES >> 20) + " MB: not a label table");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes((int) MAX_BYTES + 1);
            if (b.length > MAX_BYTES) {
                throw new VolumeFormatException(file, "larger than " + (MAX_BYTES >> 20) + " MB: not a label table");
            }
            return b;
        }
    }

    /** UTF-8 (what Hardy and recent tools write), else Latin-1 (older ITK-SNAP builds on Windows). */
    private static String decode(Path file, byte[] bytes) throws VolumeFormatException {
        for (byte b : bytes) {
            if (b == 0) {
                throw new VolumeFormatException(file, "binary data, not a text label table");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString()
                    .replaceFirst("^\uFEFF", "");
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
