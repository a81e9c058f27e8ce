package hardy.io.dicom;

import hardy.io.ReadResult;
import hardy.io.VolumeReaders;
import hardy.volume.LabelMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Small but complete DICOM series for the Segmentation tests, written element by element with
 * {@link DicomBuilder} (not with Hardy's writer): every attribute a SEG copies or references, in axial, oblique
 * and enhanced multi-frame form. 7 columns by 5 rows, so a frame is 35 bits and frames share bytes.
 */
public final class SegTestSeries {

    static final int COLUMNS = 7;
    static final int ROWS = 5;
    static final String STUDY_UID = "1.2.826.0.1.3680043.9.7001.1";
    static final String FRAME_OF_REFERENCE_UID = "1.2.826.0.1.3680043.9.7001.2";
    static final String MR = "1.2.840.10008.5.1.4.1.1.4";
    static final String ENHANCED_MR = "1.2.840.10008.5.1.4.1.1.4.1";

    /** Axial slices 2.5 mm apart. */
    public static final double[] AXIAL = {1, 0, 0, 0, 1, 0};
    /** Rotated 30 degrees about the row direction and 10 degrees in plane: a double-oblique acquisition. */
    public static final double[] OBLIQUE = oblique();

    private SegTestSeries() {
    }

    private static double[] oblique() {
        double a = Math.toRadians(10);
        double b = Math.toRadians(30);
        double[] row = {Math.cos(a), Math.sin(a), 0};
        double[] col = {-Math.sin(a) * Math.cos(b), Math.cos(a) * Math.cos(b), Math.sin(b)};
        return new double[] {row[0], row[1], row[2], col[0], col[1], col[2]};
    }

    static double[] normal(double[] o) {
        return SeriesAssembler.cross(new double[] {o[0], o[1], o[2]}, new double[] {o[3], o[4], o[5]});
    }

    /** Position of slice k: an origin plus k steps of 2.5 mm along the normal. */
    static double[] position(double[] o, int k) {
        double[] n = normal(o);
        return new double[] {-10.5 + 2.5 * k * n[0], 20.25 + 2.5 * k * n[1], 7.125 + 2.5 * k * n[2]};
    }

    private static DicomBuilder common(DicomBuilder b, String sopClass, String sopInstance, String seriesUid) {
        return b.text(Tags.SOP_CLASS_UID, "UI", sopClass)
                .text(Tags.SOP_INSTANCE_UID, "UI", sopInstance)
                .text(Tags.STUDY_DATE, "DA", "20260314")
                .text(Tags.STUDY_TIME, "TM", "093000")
                .text(Tags.ACCESSION_NUMBER, "SH", "ACC123")
                .text(Tags.MODALITY, "CS", "MR")
                .text(Tags.REFERRING_PHYSICIAN_NAME, "PN", "WHO^DOCTOR")
                .text(Tags.SERIES_DESCRIPTION, "LO", "T2 HASTE")
                .text(Tags.PATIENT_NAME, "PN", "DOE^JANE")
                .text(Tags.PATIENT_ID, "LO", "PID-0042")
                .text(Tags.PATIENT_BIRTH_DATE, "DA", "19900101")
                .text(Tags.PATIENT_SEX, "CS", "F")
                .text(0x00101010, "AS", "036Y")
                .text(Tags.STUDY_INSTANCE_UID, "UI", STUDY_UID)
                .text(Tags.SERIES_INSTANCE_UID, "UI", seriesUid)
                .text(Tags.STUDY_ID, "SH", "S1")
                .text(Tags.SERIES_NUMBER, "IS", "3");
    }

    private static short[] pixels(int k) {
        short[] px = new short[ROWS * COLUMNS];
        for (int i = 0; i < px.length; i++) {
            px[i] = (short) (100 * k + i);
        }
        return px;
    }

    /** Writes a single-frame series of {@code slices} files (in shuffled file order) into {@code dir}. */
    public static Path singleFrame(Path dir, double[] orientation, int slices) throws IOException {
        Files.createDirectories(dir);
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < slices; k++) {
            order.add(k);
        }
        Collections.shuffle(order, new Random(7));
        String series = "1.2.826.0.1.3680043.9.7001.3." + Math.abs(java.util.Arrays.hashCode(orientation));
        for (int n = 0; n < slices; n++) {
            int k = order.get(n);
            DicomBuilder b = common(DicomBuilder.explicitLittle(), MR, series + "." + (k + 1), series)
                    .text(Tags.INSTANCE_NUMBER, "IS", Integer.toString(n + 1))
                    .ds(Tags.IMAGE_POSITION_PATIENT, position(orientation, k))
                    .ds(Tags.IMAGE_ORIENTATION_PATIENT, orientation)
                    .text(Tags.FRAME_OF_REFERENCE_UID, "UI", FRAME_OF_REFERENCE_UID);
            image(b, 1).pixels16(pixels(k)).write(dir.resolve("img" + n), DicomParser.EXPLICIT_LE);
        }
        return dir;
    }

    private static DicomBuilder image(DicomBuilder b, int frames) {
        b.us(Tags.SAMPLES_PER_PIXEL, 1).text(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2");
        if (frames > 1) {
            b.text(Tags.NUMBER_OF_FRAMES, "IS", Integer.toString(frames));
        }
        b.us(Tags.ROWS, ROWS).us(Tags.COLUMNS, COLUMNS);
        if (frames == 1) {
            b.ds(Tags.PIXEL_SPACING, 0.8, 0.6);
        }
        return b.us(Tags.BITS_ALLOCATED, 16).us(Tags.BITS_STORED, 16).us(Tags.HIGH_BIT, 15)
                .us(Tags.PIXEL_REPRESENTATION, 1);
    }

    /**
     * Writes an enhanced MR object holding {@code slices} frames in a shuffled order (frame f is slice
     * {@code frameOrder[f]}), with per-frame plane positions and shared orientation and spacing.
     */
    public static Path multiFrame(Path file, double[] orientation, int slices) throws IOException {
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < slices; k++) {
            order.add(k);
        }
        Collections.shuffle(order, new Random(11));
        String series = "1.2.826.0.1.3680043.9.7001.5";
        DicomBuilder b = common(DicomBuilder.explicitLittle(), ENHANCED_MR, series + ".1", series)
                .text(Tags.INSTANCE_NUMBER, "IS", "1")
                .text(Tags.FRAME_OF_REFERENCE_UID, "UI", FRAME_OF_REFERENCE_UID);
        image(b, slices);
        DicomBuilder shared = DicomBuilder.explicitLittle()
                .sequence(Tags.PLANE_ORIENTATION_SEQUENCE, DicomBuilder.explicitLittle()
                        .ds(Tags.IMAGE_ORIENTATION_PATIENT, orientation))
                .sequence(Tags.PIXEL_MEASURES_SEQUENCE, DicomBuilder.explicitLittle()
                        .ds(Tags.SLICE_THICKNESS, 2.5).ds(Tags.PIXEL_SPACING, 0.8, 0.6));
        DicomBuilder[] perFrame = new DicomBuilder[slices];
        short[] all = new short[slices * ROWS * COLUMNS];
        for (int f = 0; f < slices; f++) {
            int k = order.get(f);
            perFrame[f] = DicomBuilder.explicitLittle().sequence(Tags.PLANE_POSITION_SEQUENCE,
                    DicomBuilder.explicitLittle().ds(Tags.IMAGE_POSITION_PATIENT, position(orientation, k)));
            System.arraycopy(pixels(k), 0, all, f * ROWS * COLUMNS, ROWS * COLUMNS);
        }
        b.sequence(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, shared)
                .sequence(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, perFrame)
                .pixels16(all);
        Files.createDirectories(file.getParent());
        return b.write(file, DicomParser.EXPLICIT_LE);
    }

    /** Reads a series folder or file with Hardy's readers. */
    public static ReadResult read(Path path) throws IOException {
        return VolumeReaders.installed().read(path);
    }

    /**
     * A label map on the series' grid with labels 1, 2, 4 and 7 (3, 5 and 6 absent, so segment numbers differ from
     * label values), some slices without a label, and label 4 only on one slice.
     */
    public static LabelMap labels(ReadResult series) {
        var g = series.volume().geometry();
        LabelMap labels = LabelMap.empty(g, 255);
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int v = k == 0 ? 0 : (i + 2 * j + 3 * k) % 5;
                    int label = switch (v) {
                        case 1 -> 1;
                        case 2 -> 2;
                        case 3 -> k == 2 ? 4 : 0;
                        case 4 -> 7;
                        default -> 0;
                    };
                    labels.setLabel(i, j, k, label);
                }
            }
        }
        return labels;
    }
}
