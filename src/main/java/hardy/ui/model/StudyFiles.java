package hardy.ui.model;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.DicomSource;
import hardy.io.ReadOptions;
import hardy.io.ReadResult;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.io.dicom.DicomReader;
import hardy.io.dicom.DicomSegReader;
import hardy.io.dicom.DicomSegWriter;
import hardy.io.dicom.DicomSeries;
import hardy.io.dicom.SegAlgorithm;
import hardy.io.labels.LabelTableFiles;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.LabelTable;
import hardy.volume.Resampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The file work behind the viewer's open and save commands, as plain methods for background threads.
 */
public final class StudyFiles {

    /**
     * A label map read for an image, and what was done to fit it.
     *
     * @param table     the names and colours kept beside the file ({@link LabelTableFiles#sidecar}) or in the
     *                  DICOM SEG, or null if none
     * @param algorithm how a DICOM SEG says its segments were made, or null for other label files
     */
    public record LoadedLabels(LabelMap labels, Path file, List<String> notes, LabelTable table,
                               SegAlgorithm algorithm) {

        /** Labels without a table of their own. */
        public LoadedLabels(LabelMap labels, Path file, List<String> notes) {
            this(labels, file, notes, null, null);
        }

        /** Labels from a label map file, with the names beside it (or null). */
        public LoadedLabels(LabelMap labels, Path file, List<String> notes, LabelTable table) {
            this(labels, file, notes, table, null);
        }
    }

    private final VolumeReaders readers;
    private final VolumeWriters writers;

    public StudyFiles(VolumeReaders readers, VolumeWriters writers) {
        this.readers = readers;
        this.writers = writers;
    }

    /** Reads an image (a NIfTI file, a DICOM file, or one series of a DICOM folder). */
    public Study readImage(Path path, ReadOptions options, ProgressListener progress, Cancellation cancel)
            throws IOException {
        return study(path, readers.read(path, options, progress, cancel), progress);
    }

    /**
     * Reads one series of a DICOM folder that {@code DicomSeriesScanner} has scanned, from the headers it read:
     * the folder is not scanned a second time.
     */
    public Study readSeries(Path dir, DicomSeries series, ProgressListener progress, Cancellation cancel)
            throws IOException {
        return study(dir, DicomReader.readSeries(dir, series, progress, cancel), progress);
    }

    private static Study study(Path path, ReadResult r, ProgressListener progress) {
        progress.progress(0, -1, "Computing statistics");
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        return Study.of(name, path, r.format(), r.volume(), r.warnings(), r.dicomSource());
    }

    /**
     * Reads a label map for an image on {@code target}. A map on another grid is resampled by nearest neighbour
     * through the shared world, and the note says so. The names and colours come from the ITK-SNAP label
     * description beside the file ({@code NAME.label.txt}), if there is one; one that cannot be read is noted, not
     * fatal.
     *
     * @throws IllegalArgumentException if the file's values are not labels (negative or fractional)
     */
    public LoadedLabels readLabels(Path path, Geometry target, ProgressListener progress, Cancellation cancel)
            throws IOException {
        return readLabels(path, target, null, progress, cancel);
    }

    /**
     * Reads labels for an image on {@code target} as {@link #readLabels(Path, Geometry, ProgressListener,
     * Cancellation)} does, or, when {@code path} is a DICOM Segmentation, its segments on the grid of the series
     * {@code dicom} (null when the image is not DICOM: its frames are then placed by the grid alone), with their
     * names and colours.
     *
     * @throws hardy.io.VolumeFormatException if a SEG does not fit the image
     */
    public LoadedLabels readLabels(Path path, Geometry target, DicomSource dicom, ProgressListener progress,
            Cancellation cancel) throws IOException {
        if (Files.isRegularFile(path) && DicomSegReader.isSegmentation(path)) {
            DicomSegReader.SegLabels seg = DicomSegReader.read(path, target, dicom, progress, cancel);
            return new LoadedLabels(seg.labels(), path, seg.warnings(), seg.table(), seg.algorithm());
        }
        ReadResult r = readers.read(path, ReadOptions.DEFAULT, progress, cancel);
        LabelMap labels = LabelMap.fromImage(r.volume());
        List<String> notes = new ArrayList<>(r.warnings());
        if (!labels.geometry().sameGrid(target)) {
            progress.progress(0, -1, "Resampling labels onto the image grid");
            labels = Resampler.resample(labels, target, cancel);
            notes.add("labels were on another grid and were resampled onto the image (nearest neighbour)");
        }
        LabelTable table = null;
        Path names = LabelTableFiles.sidecar(path);
        if (Files.isRegularFile(names)) {
            try {
                table = LabelTableFiles.read(names);
            } catch (IOException e) {
                notes.add("label names not read (" + e.getMessage() + ")");
            }
        }
        return new LoadedLabels(labels, path, notes, table);
    }

    /**
     * Writes labels made on the DICOM series {@code dicom} as a DICOM Segmentation of it (atomically).
     *
     * @throws IllegalArgumentException if the labels are empty or not on the series' slices (one line)
     */
    public DicomSegWriter.Written writeSeg(LabelMap labels, LabelTable table, SegAlgorithm algorithm,
            DicomSource dicom, Path path, ProgressListener progress, Cancellation cancel) throws IOException {
        return DicomSegWriter.write(labels, dicom, table, algorithm, path, progress, cancel);
    }

    /** Writes a label map (atomically, on its own grid, which is the image's). */
    private void writeLabels(LabelMap labels, Path path, ProgressListener progress, Cancellation cancel)
            throws IOException {
        writers.writerFor(path).write(labels.volume(), path, progress, cancel);
    }

    /**
     * Writes a label map and, beside it, its names and colours as an ITK-SNAP label description file
     * ({@code NAME.label.txt}, {@link LabelTableFiles#sidecar}), each atomically; ITK-SNAP and Hardy read both.
     */
    public void writeLabels(LabelMap labels, LabelTable table, Path path, ProgressListener progress,
            Cancellation cancel) throws IOException {
        writeLabels(labels, path, progress, cancel);
        LabelTableFiles.write(LabelTableFiles.sidecar(path), table, LabelTableFiles.Format.ITK_SNAP);
    }
}
