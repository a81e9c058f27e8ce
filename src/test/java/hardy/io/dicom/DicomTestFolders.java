package hardy.io.dicom;

import java.io.IOException;
import java.nio.file.Path;

/** DICOM folders for tests outside this package (the builder itself stays package-private). */
public final class DicomTestFolders {

    private DicomTestFolders() {
    }

    /** Writes two axial series into {@code dir}: series 7 with three slices (UID 1.2.3) and one slice (UID 1.2.4). */
    public static void twoSeries(Path dir) throws IOException {
        double[] axial = {1, 0, 0, 0, 1, 0};
        for (int k = 0; k < 3; k++) {
            DicomBuilder.slice(DicomBuilder.explicitLittle(), "1.2.3", k, new double[] {0, 0, 2.5 * k}, axial, k)
                    .write(dir.resolve("a" + k), DicomParser.EXPLICIT_LE);
        }
        DicomBuilder.slice(DicomBuilder.explicitLittle(), "1.2.4", 1, new double[] {0, 0, 0}, axial, 9)
                .write(dir.resolve("b"), DicomParser.EXPLICIT_LE);
    }
}
