package hardy.ui.model;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.ReadOptions;
import hardy.io.ReadResult;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.io.dicom.DicomReader;
import hardy.io.dicom.DicomSeries;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.Resampler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The file work behind the viewer's open and save commands, as plain methods for background threads.
 */
public final class StudyFiles {

    /** A label map read for an image, and what was done to fit it. */
    public record LoadedLabels(LabelMap labels, Path file, List<String> notes) {
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
        return Study.of(name, path, r.format(), r.volume(), r.warnings());
    }

    /**
     * Reads a label map for an image on {@code target}. A map on another grid is resampled by nearest neighbour
     * through the shared world, and the note says so.
     *
     * @throws IllegalArgumentException if the file's values are not labels (negative or fractional)
     */
    public LoadedLabels readLabels(Path path, Geometry target, ProgressListener progress, Cancellation cancel)
            throws IOException {
        ReadResult r = readers.read(path, ReadOptions.DEFAULT, progress, cancel);
        LabelMap labels = LabelMap.fromImage(r.volume());
        List<String> notes = new ArrayList<>(r.warnings());
        if (!labels.geometry().sameGrid(target)) {
            progress.progress(0, -1, "Resampling labels onto the image grid");
            labels = Resampler.resample(labels, target, cancel);
            notes.add("labels were on another grid and were resampled onto the image (nearest neighbour)");
        }
        return new LoadedLabels(labels, path, notes);
    }

    /** Writes a label map (atomically, on its own grid, which is the image's). */
    public void writeLabels(LabelMap labels, Path path, ProgressListener progress, Cancellation cancel)
            throws IOException {
        writers.writerFor(path).write(labels.volume(), path, progress, cancel);
    }
}
