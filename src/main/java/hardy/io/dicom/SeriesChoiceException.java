package hardy.io.dicom;

import hardy.io.VolumeFormatException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A DICOM folder holds several series and none was chosen, or the chosen one is not there. The message says so and
 * lists the series; {@link #series()} hands them to the caller, who says how to choose one (the CLI its
 * {@code --series} option, the GUI its series picker).
 */
public final class SeriesChoiceException extends VolumeFormatException {

    private static final long serialVersionUID = 1L;

    private final transient List<DicomSeries> series;
    private final String wanted;

    SeriesChoiceException(Path dir, List<DicomSeries> series, String wanted) {
        super(dir, (wanted == null ? "the folder holds " + series.size() + " series"
                : "no series " + wanted + " in this folder, which holds " + series.size() + " series")
                + ": " + series.stream().map(DicomSeries::describe).collect(Collectors.joining("; ")));
        this.series = List.copyOf(series);
        this.wanted = wanted;
    }

    /** The series in the folder, in the scanner's order. */
    public List<DicomSeries> series() {
        return series;
    }

    /** The series asked for (number or UID), or null if none was. */
    public String wanted() {
        return wanted;
    }
}
