package hardy.io.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small axial DICOM slices for tests outside this package (4 x 3 int16 pixels, values base + index). */
public final class DicomTestSlices {

    private static final double[] AXIAL = {1, 0, 0, 0, 1, 0};

    private DicomTestSlices() {
    }

    /** Writes slice {@code instance} of series {@code seriesUid} at height {@code z} mm as {@code folder/name}. */
    public static Path write(Path folder, String name, String seriesUid, int instance, double z, int base)
            throws IOException {
        Files.createDirectories(folder);
        return DicomBuilder.slice(DicomBuilder.explicitLittle(), seriesUid, instance, new double[] {0, 0, z}, AXIAL,
                base).write(folder.resolve(name), DicomParser.EXPLICIT_LE);
    }
}
