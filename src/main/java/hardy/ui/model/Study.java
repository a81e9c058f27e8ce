package hardy.ui.model;

import hardy.io.DicomSource;
import hardy.ui.render.DisplayGrid;
import hardy.volume.Volume;
import hardy.volume.VolumeStatistics;
import java.nio.file.Path;
import java.util.List;

/**
 * An image open in the viewer, with what the views need to show it: its display grid and value statistics.
 *
 * @param name       what the title bar shows (a file or series name, never a patient identifier)
 * @param source     the file or folder it was read from, or null for a generated volume
 * @param format     the reader's format name
 * @param image      the voxels, in their native type
 * @param grid       the patient-aligned display grid
 * @param statistics value statistics, for auto window/level
 * @param warnings   what the reader noticed, one line each
 * @param dicom      the DICOM identity of a study read from DICOM (what a DICOM SEG references), else null
 */
public record Study(String name, Path source, String format, Volume image, DisplayGrid grid,
                    VolumeStatistics statistics, List<String> warnings, DicomSource dicom) {

    public Study {
        warnings = List.copyOf(warnings);
    }

    /** A study of a volume, computing its display grid and statistics (slow for big volumes: off the FX thread). */
    public static Study of(String name, Path source, String format, Volume image, List<String> warnings) {
        return of(name, source, format, image, warnings, null);
    }

    /** A study of a volume read from DICOM, with its DICOM identity ({@code dicom} null for other formats). */
    public static Study of(String name, Path source, String format, Volume image, List<String> warnings,
            DicomSource dicom) {
        return new Study(name, source, format, image, DisplayGrid.of(image.geometry()), VolumeStatistics.of(image),
                warnings, dicom);
    }
}
