package hardy.io.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Hardy needs to know of one DICOM image file to place it in a series, without its pixel data. Patient
 * name and ID are kept for the series list a radiologist sees, and never logged.
 *
 * @param path            the file
 * @param transferSyntax  transfer syntax UID
 * @param rows            Rows
 * @param columns         Columns
 * @param samples         SamplesPerPixel
 * @param bitsAllocated   BitsAllocated
 * @param bitsStored      BitsStored
 * @param signed          PixelRepresentation == 1
 * @param photometric     PhotometricInterpretation
 * @param planar          PlanarConfiguration (0 when absent)
 * @param frames          per-frame geometry and rescale, one entry per frame
 * @param series          the identity of the series and its description
 * @param instanceNumber  InstanceNumber, for display only (never for sorting)
 * @param instance        the instance's identity and the patient and study attributes a derived object copies
 */
public record DicomFileInfo(Path path, String transferSyntax, int rows, int columns, int samples, int bitsAllocated,
                     int bitsStored, boolean signed, String photometric, int planar, List<Frame> frames,
                     SeriesKey series, int instanceNumber, Instance instance) {

    /** SOP Class UID of the Segmentation Storage SOP class (PS3.4 B.5). */
    public static final String SEGMENTATION_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.66.4";

    /**
     * The identity of the instance ("" where the file has none), and the patient and study attributes a derived
     * object copies from it.
     */
    public record Instance(String sopClassUid, String sopInstanceUid, String frameOfReferenceUid,
                           hardy.io.DicomSource.PatientStudy patientStudy) {
    }

    /** Whether this is a DICOM Segmentation (its frames are labels of another series, not an image). */
    public boolean isSegmentation() {
        return instance.sopClassUid().equals(SEGMENTATION_SOP_CLASS);
    }

    /**
     * Geometry and rescale of one frame; arrays are null when the file does not give them.
     *
     * @param position     ImagePositionPatient (LPS, mm), 3 values
     * @param orientation  ImageOrientationPatient: row then column direction cosines, 6 values
     * @param spacing      PixelSpacing: between rows, then between columns (mm)
     * @param slope        RescaleSlope (1 when absent)
     * @param intercept    RescaleIntercept (0 when absent)
     */
    public record Frame(double[] position, double[] orientation, double[] spacing, double slope, double intercept) {
    }

    /** Identity and description of a series, as a radiologist recognises it. */
    public record SeriesKey(String seriesUid, String studyUid, String modality, String studyDate, int seriesNumber,
                     String description, String patientName, String patientId) {
    }

    /** Reads the image attributes of a parsed file. */
    static DicomFileInfo of(Path path, DicomParser.Parsed parsed) throws DicomFormatException {
        DicomDataset ds = parsed.dataset();
        if (!ds.contains(Tags.PIXEL_DATA)) {
            throw new DicomFormatException("no pixel data (not an image)");
        }
        int rows = ds.integer(Tags.ROWS, 0);
        int columns = ds.integer(Tags.COLUMNS, 0);
        int bitsAllocated = ds.integer(Tags.BITS_ALLOCATED, 0);
        int samples = ds.integer(Tags.SAMPLES_PER_PIXEL, 1);
        int nFrames = ds.integer(Tags.NUMBER_OF_FRAMES, 1);
        if (rows < 1 || columns < 1 || rows > 65535 || columns > 65535) {
            throw new DicomFormatException("invalid image size " + rows + " x " + columns);
        }
        if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw new DicomFormatException("unsupported BitsAllocated " + bitsAllocated);
        }
        if (bitsAllocated == 1 && ds.get(Tags.PIXEL_DATA).isEncapsulated()) {
            throw new DicomFormatException("compressed pixel data with BitsAllocated 1 are not supported");
        }
        if (samples != 1 && samples != 3) {
            throw new DicomFormatException("unsupported SamplesPerPixel " + samples);
        }
        if (nFrames < 1) {
            throw new DicomFormatException("invalid NumberOfFrames " + nFrames);
        }
        checkPixelDataSize(ds.get(Tags.PIXEL_DATA), parsed.transferSyntax(), rows, columns, samples, bitsAllocated,
                nFrames);
        int bitsStored = ds.integer(Tags.BITS_STORED, bitsAllocated);
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            bitsStored = bitsAllocated;
        }
        List<Frame> frames = frames(ds, nFrames);
        SeriesKey key = new SeriesKey(nonNull(ds.string(Tags.SERIES_INSTANCE_UID)),
                nonNull(ds.string(Tags.STUDY_INSTANCE_UID)), nonNull(ds.string(Tags.MODALITY)),
                nonNull(ds.string(Tags.STUDY_DATE)), ds.integer(Tags.SERIES_NUMBER, 0),
                nonNull(ds.string(Tags.SERIES_DESCRIPTION)), nonNull(ds.string(Tags.PATIENT_NAME)),
                nonNull(ds.string(Tags.PATIENT_ID)));
        String photometric = ds.string(Tags.PHOTOMETRIC_INTERPRETATION);
        return new DicomFileInfo(path, parsed.transferSyntax(), rows, columns, samples, bitsAllocated, bitsStored,
                ds.integer(Tags.PIXEL_REPRESENTATION, 0) == 1, photometric == null ? "MONOCHROME2" : photometric,
                ds.integer(Tags.PLANAR_CONFIGURATION, 0), frames, key, ds.integer(Tags.INSTANCE_NUMBER, 0),
                instance(ds));
    }

    private static Instance instance(DicomDataset ds) {
        hardy.io.DicomSource.PatientStudy ps = new hardy.io.DicomSource.PatientStudy(ds.string(Tags.PATIENT_NAME),
                ds.string(Tags.PATIENT_ID), ds.string(Tags.PATIENT_BIRTH_DATE), ds.string(Tags.PATIENT_SEX),
                ds.string(Tags.STUDY_DATE), ds.string(Tags.STUDY_TIME), ds.string(Tags.STUDY_ID),
                ds.string(Tags.ACCESSION_NUMBER), ds.string(Tags.REFERRING_PHYSICIAN_NAME));
        return new Instance(uid(ds, Tags.SOP_CLASS_UID), uid(ds, Tags.SOP_INSTANCE_UID),
                uid(ds, Tags.FRAME_OF_REFERENCE_UID), ps);
    }

    /** A UID without its padding (trailing NUL or space), "" when absent. */
    static String uid(DicomDataset ds, int tag) {
        String s = ds.string(tag);
        return s == null ? "" : s.replace("\0", "").strip();
    }

    /**
     * Refuses sizes the pixel data cannot hold, before anything is allocated for them: native data must hold
     * every frame; compressed data cannot expand beyond what their codec's best ratio allows (64:1 for RLE's
     * PackBits, 2^15:1 for the JPEG family, whose run modes compress flat images that far).
     */
    private static void checkPixelDataSize(DicomElement pixels, String syntax, int rows, int columns, int samples,
                                           int bitsAllocated, int frames) throws DicomFormatException {
        // One-bit data (segmentations) are packed across frame boundaries.
        long needed = ((long) rows * columns * samples * frames * bitsAllocated + 7) / 8;
        if (!pixels.isEncapsulated()) {
            if (needed > pixels.length()) {
                throw new DicomFormatException(String.format("pixel data hold %,d bytes; %d frame(s) of %d x %d at %d "
                        + "bits need %,d", pixels.length(), frames, rows, columns, bitsAllocated, needed));
            }
            return;
        }
        long compressed = pixels.unread() ? pixels.length() : 0;
        for (int[] f : pixels.fragments()) {
            compressed += f[1];
        }
        long ratio = syntax.equals(PixelDecoder.RLE) ? 64 : 1L << 15;
        if (frames > compressed || needed > compressed * ratio) {
            throw new DicomFormatException(String.format("%,d bytes of compressed pixel data cannot hold %d frame(s) of"
                    + " %d x %d", compressed, frames, rows, columns));
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** Per-frame attributes: from the functional groups of enhanced objects, else from the top level. */
    private static List<Frame> frames(DicomDataset ds, int n) {
        DicomDataset shared = ds.firstItem(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE);
        List<DicomDataset> perFrame = ds.items(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        Frame top = new Frame(vector(ds, Tags.IMAGE_POSITION_PATIENT, 3), vector(ds, Tags.IMAGE_ORIENTATION_PATIENT, 6),
                vector(ds, Tags.PIXEL_SPACING, 2), slope(ds), ds.number(Tags.RESCALE_INTERCEPT, 0));
        // RT Dose and similar multi-frame objects give one position and each frame's offset along the normal.
        double[] gridOffsets = n > 1 && perFrame.isEmpty() ? ds.doubles(Tags.GRID_FRAME_OFFSET_VECTOR) : null;
        if (gridOffsets != null && (gridOffsets.length != n || top.position() == null || top.orientation() == null)) {
            gridOffsets = null;
        }
        List<Frame> out = new ArrayList<>(Math.min(n, 1 << 16));
        for (int f = 0; f < n; f++) {
            DicomDataset item = f < perFrame.size() ? perFrame.get(f) : null;
            double[] topPosition = gridOffsets == null ? top.position()
                    : alongNormal(top.position(), top.orientation(), gridOffsets[f]);
            out.add(new Frame(
                    firstOf(item, shared, Tags.PLANE_POSITION_SEQUENCE, Tags.IMAGE_POSITION_PATIENT, 3, topPosition),
                    firstOf(item, shared, Tags.PLANE_ORIENTATION_SEQUENCE, Tags.IMAGE_ORIENTATION_PATIENT, 6,
                            top.orientation()),
                    firstOf(item, shared, Tags.PIXEL_MEASURES_SEQUENCE, Tags.PIXEL_SPACING, 2, top.spacing()),
                    rescale(item, shared, Tags.RESCALE_SLOPE, top.slope()),
                    rescale(item, shared, Tags.RESCALE_INTERCEPT, top.intercept())));
        }
        return out;
    }

    /** {@code position + offset * (row x column)}. */
    private static double[] alongNormal(double[] position, double[] o, double offset) {
        double[] n = {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
        return new double[] {position[0] + offset * n[0], position[1] + offset * n[1], position[2] + offset * n[2]};
    }

    private static double slope(DicomDataset ds) {
        double s = ds.number(Tags.RESCALE_SLOPE, 1);
        return s == 0 ? 1 : s;
    }

    private static double[] firstOf(DicomDataset perFrame, DicomDataset shared, int sequence, int tag, int n,
                                    double[] fallback) {
        for (DicomDataset group : new DicomDataset[] {perFrame, shared}) {
            DicomDataset item = group == null ? null : group.firstItem(sequence);
            double[] v = item == null ? null : vector(item, tag, n);
            if (v != null) {
                return v;
            }
        }
        return fallback;
    }

    private static double rescale(DicomDataset perFrame, DicomDataset shared, int tag, double fallback) {
        for (DicomDataset group : new DicomDataset[] {perFrame, shared}) {
            DicomDataset item = group == null ? null : group.firstItem(Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE);
            double v = item == null ? Double.NaN : item.number(tag, Double.NaN);
            if (!Double.isNaN(v) && !(tag == Tags.RESCALE_SLOPE && v == 0)) {
                return v;
            }
        }
        return fallback;
    }

    private static double[] vector(DicomDataset ds, int tag, int n) {
        double[] v = ds.doubles(tag);
        if (v == null || v.length < n) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(v[i])) {
                return null;
            }
        }
        return java.util.Arrays.copyOf(v, n);
    }

    /** Whether the pixels are grey values a segmentation model can use. */
    boolean isMonochrome() {
        return samples == 1 && (photometric.equals("MONOCHROME1") || photometric.equals("MONOCHROME2"));
    }
}
