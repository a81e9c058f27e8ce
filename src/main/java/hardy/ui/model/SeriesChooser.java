package hardy.ui.model;

import hardy.io.dicom.DicomSeries;
import java.util.List;
import java.util.Optional;

/** Asks the user which series of a DICOM folder to open; empty when they cancel. Called on the JavaFX thread. */
@FunctionalInterface
public interface SeriesChooser {

    Optional<DicomSeries> choose(List<DicomSeries> series);
}
