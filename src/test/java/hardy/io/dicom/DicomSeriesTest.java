package hardy.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import hardy.io.ReadOptions;
import hardy.io.ReadResult;
import hardy.io.VolumeFormatException;
import hardy.io.VolumeReaders;
import hardy.volume.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Series assembly: sorting by position, geometry from the positions, and the warnings a reader needs. */
class DicomSeriesTest {

    @TempDir
    Path dir;

    /** Coronal-ish oblique: rows run along +x (L), columns along -z tilted by 10 degrees towards +y. */
    private static final double C = Math.cos(Math.toRadians(10));
    private static final double S = Math.sin(Math.toRadians(10));
    private static final double[] IOP = {1, 0, 0, 0, S, -C};
    /** The slice normal: row x column. */
    private static final double[] NORMAL = {0, C, S};

    private Path writeSlice(Path folder, String name, String uid, int instance, double distance, int base)
            throws Exception {
        double[] p = {-20 + 0, 30 + distance * NORMAL[1], 40 + distance * NORMAL[2]};
        Files.createDirectories(folder);
        return DicomBuilder.slice(DicomBuilder.explicitLittle(), uid, instance, p, IOP, base)
                .write(folder.resolve(name), DicomParser.EXPLICIT_LE);
    }

    @Test
    void slicesAreSortedAlongTheNormalNotByNameOrInstanceNumber() throws Exception {
        // Spatial order is distance 0, 3, 6, 9; names and instance numbers say otherwise.
        writeSlice(dir, "b", "1.2.3", 1, 9, 300);
        writeSlice(dir, "a", "1.2.3", 2, 0, 0);
        writeSlice(dir, "d", "1.2.3", 3, 6, 200);
        writeSlice(dir, "c", "1.2.3", 4, 3, 100);
        ReadResult r = VolumeReaders.installed().read(dir);
        Volume v = r.volume();
        assertThat(r.format()).isEqualTo("DICOM");
        assertThat(v.geometry().dims()).containsExactly(4, 3, 4);
        for (int k = 0; k < 4; k++) {
            assertThat(v.value(0, 0, k)).as("slice %d", k).isEqualTo(100 * k);
        }
        assertThat(v.value(3, 2, 0)).isEqualTo(11);
        // Columns: i along the row direction at PixelSpacing[1], j along the column direction at PixelSpacing[0].
        assertThat(v.geometry().spacing()).containsExactly(new double[] {0.5, 0.8, 3}, within(1e-9));
        assertThat(v.geometry().origin()).containsExactly(new double[] {-20, 30, 40}, within(1e-9));
        assertThat(v.geometry().direction(1)).containsExactly(new double[] {0, S, -C}, within(1e-9));
        assertThat(v.geometry().direction(2)).containsExactly(NORMAL, within(1e-9));
        assertThat(r.warnings()).isEmpty();
        assertThat(v.type().id()).isEqualTo("int16");
    }

    @Test
    void irregularSpacingAndAMissingSliceAreReported() throws Exception {
        writeSlice(dir, "1", "1.2.3", 1, 0, 0);
        writeSlice(dir, "2", "1.2.3", 2, 3, 0);
        writeSlice(dir, "3", "1.2.3", 3, 9, 0);
        writeSlice(dir, "4", "1.2.3", 4, 12, 0);
        ReadResult r = VolumeReaders.installed().read(dir);
        assertThat(r.warnings()).anyMatch(w -> w.contains("irregular slice spacing") && w.contains("missing"));
    }

    @Test
    void gantryTiltIsReportedAndKeptInTheAffine() throws Exception {
        for (int k = 0; k < 3; k++) {
            double[] p = {-20 + 0.5 * k, 30 + 3 * k * NORMAL[1], 40 + 3 * k * NORMAL[2]};
            DicomBuilder.slice(DicomBuilder.explicitLittle(), "1.2.3", k, p, IOP, 0)
                    .write(dir.resolve("s" + k), DicomParser.EXPLICIT_LE);
        }
        ReadResult r = VolumeReaders.installed().read(dir);
        assertThat(r.warnings()).anyMatch(w -> w.contains("gantry tilt"));
        double[] last = r.volume().geometry().toWorld(0, 0, 2);
        assertThat(last).containsExactly(new double[] {-19, 30 + 6 * NORMAL[1], 40 + 6 * NORMAL[2]}, within(1e-9));
    }

    @Test
    void aFolderWithTwoSeriesAsksWhichOne() throws Exception {
        writeSlice(dir.resolve("x"), "1", "1.2.3", 1, 0, 0);
        writeSlice(dir.resolve("x"), "2", "1.2.3", 2, 3, 0);
        writeSlice(dir.resolve("y"), "1", "1.2.4", 1, 0, 500);
        assertThatThrownBy(() -> VolumeReaders.installed().read(dir))
                .isInstanceOf(SeriesChoiceException.class).hasMessageContaining("holds 2 series: 1) series 7")
                .hasMessageNotContaining("--series")
                .satisfies(e -> assertThat(((SeriesChoiceException) e).series()).extracting(DicomSeries::seriesUid)
                        .containsExactlyInAnyOrder("1.2.3", "1.2.4"));
        assertThatThrownBy(() -> VolumeReaders.installed().read(dir, new ReadOptions(0, "9"),
                hardy.core.ProgressListener.NONE, hardy.core.Cancellation.NEVER))
                .isInstanceOf(SeriesChoiceException.class)
                .hasMessageContaining("no series 9 in this folder, which holds 2 series: 1) series 7")
                .hasMessageNotContaining("hardy info");
        assertThatThrownBy(() -> VolumeReaders.installed().read(dir, new ReadOptions(1, "1.2.4"),
                hardy.core.ProgressListener.NONE, hardy.core.Cancellation.NEVER))
                .isInstanceOf(VolumeFormatException.class)
                .hasMessageEndingWith("a DICOM series is one volume, so volume 1 cannot be chosen; choose a series "
                        + "instead");
        ReadResult second = VolumeReaders.installed().read(dir, new ReadOptions(0, "1.2.4"),
                hardy.core.ProgressListener.NONE, hardy.core.Cancellation.NEVER);
        assertThat(second.volume().value(0, 0, 0)).isEqualTo(500);
    }

    @Test
    void aScannedSeriesIsReadFromTheScansHeadersWithoutScanningAgain() throws Exception {
        DicomTestSlices.write(dir, "1", "1.2.3", 1, 0, 0);
        DicomTestSlices.write(dir, "2", "1.2.3", 2, 3, 100);
        DicomTestSlices.write(dir, "other", "1.2.4", 1, 0, 500);
        DicomSeriesScanner.Scan scan = DicomSeriesScanner.scan(dir, hardy.core.ProgressListener.NONE,
                hardy.core.Cancellation.NEVER);
        DicomSeries first = scan.series().getFirst();
        // A slice that arrives after the scan: a second scan would find it, the scanned series does not hold it.
        DicomTestSlices.write(dir, "3", "1.2.3", 3, 6, 200);
        java.util.List<String> scanning = new java.util.ArrayList<>();
        ReadResult r = DicomReader.readSeries(dir, first, (done, total, message) -> {
            if (message.startsWith("Scanning")) {
                scanning.add(message);
            }
        }, hardy.core.Cancellation.NEVER);
        assertThat(r.volume().geometry().dims()).containsExactly(4, 3, 2);
        assertThat(r.volume().value(0, 0, 1)).isEqualTo(100);
        assertThat(scanning).isEmpty();
        assertThat(VolumeReaders.installed().read(dir, new ReadOptions(0, "1.2.3"), hardy.core.ProgressListener.NONE,
                hardy.core.Cancellation.NEVER).volume().geometry().nz()).as("reading the folder scans it").isEqualTo(3);
    }

    @Test
    void emptyAndNonDicomFoldersGetClearErrors() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> VolumeReaders.installed().read(empty)).isInstanceOf(VolumeFormatException.class)
                .hasMessageContaining("no readable volume");
        Path text = Files.createDirectories(dir.resolve("text"));
        Files.writeString(text.resolve("notes.txt"), "not an image");
        assertThatThrownBy(() -> VolumeReaders.installed().read(text)).isInstanceOf(VolumeFormatException.class);
    }
}
