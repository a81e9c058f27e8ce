package hardy.io.dicom;

import hardy.core.AtomicFiles;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.DicomSource;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.LabelTable;
import hardy.volume.VoxelArray;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a label map as a DICOM Segmentation (PS3.3 A.51): Segmentation Type BINARY, one segment per label value
 * present, on exactly the slices of the DICOM series the label map was made for.
 *
 * <ul>
 *   <li>Segments are numbered 1, 2, ... in increasing label value (the standard wants consecutive numbers from
 *       1); each one's Segment Description says its label value ({@value #LABEL_VALUE_PREFIX}N) so Hardy reads
 *       the same values back. Segment Label is the label's name, the anatomy is coded by {@link SegmentCodes},
 *       and the colour is the label's, in CIELab ({@link CieLab}).</li>
 *   <li>Frames: one per segment and source slice that holds at least one voxel of the segment, ordered by
 *       segment, then slice. Empty frames are left out (the standard allows it), which keeps a SEG of a few
 *       small structures small. Each frame lies on its source slice: the slice's own ImagePositionPatient and the
 *       series' ImageOrientationPatient and PixelSpacing, so oblique and irregularly spaced series are exact.</li>
 *   <li>References: the source series and every instance (Common Instance Reference), and per frame the source
 *       image it was derived from (Derivation Image, with the frame number for a multi-frame source).</li>
 *   <li>Copied from the source: StudyInstanceUID, FrameOfReferenceUID, and the patient and study attributes of
 *       {@link DicomSource.PatientStudy}; nothing else of the patient's. New UIDs come from {@link DicomUids}.</li>
 *   <li>Explicit VR Little Endian, 1-bit pixels packed across frame boundaries (PS3.5 8.1.1), written
 *       atomically.</li>
 * </ul>
 */
public final class DicomSegWriter {

    /** What the Segment Description of Hardy's segments starts with, before the label value. */
    public static final String LABEL_VALUE_PREFIX = "Hardy label value ";

    private static final String IMPLEMENTATION_VERSION = "HARDY";
    private static final int SERIES_NUMBER_OFFSET = 1000;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);

    /**
     * What was written.
     *
     * @param sopInstanceUid the new SOPInstanceUID
     * @param seriesUid      the new SeriesInstanceUID
     * @param studyUid       the source's StudyInstanceUID, which the SEG belongs to
     * @param segments       the number of segments
     * @param frames         the number of frames
     */
    public record Written(String sopInstanceUid, String seriesUid, String studyUid, int segments, int frames) {
    }

    private record Frame(int segment, int value, int slice) {
    }

    private DicomSegWriter() {
    }

    /** {@link #write(LabelMap, DicomSource, LabelTable, SegAlgorithm, Path, ProgressListener, Cancellation)}. */
    public static Written write(LabelMap labels, DicomSource source, LabelTable table, SegAlgorithm algorithm,
            Path out) throws IOException {
        return write(labels, source, table, algorithm, out, ProgressListener.NONE, Cancellation.NEVER);
    }

    /**
     * Writes {@code labels}, made on the grid of the DICOM series {@code source}, as a DICOM Segmentation at
     * {@code out} (replaced atomically).
     *
     * @param table     names and colours of the label values ({@link LabelTable#name}, {@link LabelTable#colour})
     * @param algorithm how the labels were made
     * @throws IllegalArgumentException if the label map is empty, does not lie on the source's slices, or the
     *                                  source lacks what a Segmentation must reference (one line, for the user)
     */
    public static Written write(LabelMap labels, DicomSource source, LabelTable table, SegAlgorithm algorithm,
            Path out, ProgressListener progress, Cancellation cancel) throws IOException {
        Geometry g = labels.geometry();
        checkSource(source, g);
        int[] values = presentValues(labels);
        if (values.length == 0) {
            throw new IllegalArgumentException("the label map is empty: a DICOM Segmentation needs labelled voxels");
        }
        List<Frame> frames = frames(labels, values);
        Charset charset = needsUtf8(source, table, algorithm, values) ? StandardCharsets.UTF_8
                : StandardCharsets.US_ASCII;
        String sopInstanceUid = DicomUids.create();
        String seriesUid = DicomUids.create();
        DicomOutput ds = new DicomOutput(charset);
        if (charset == StandardCharsets.UTF_8) {
            ds.text(Tags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 192");
        }
        LocalDateTime now = LocalDateTime.now();
        ds.text(SegTags.IMAGE_TYPE, "CS", "DERIVED\\PRIMARY")
                .text(SegTags.INSTANCE_CREATION_DATE, "DA", DATE.format(now))
                .text(SegTags.INSTANCE_CREATION_TIME, "TM", TIME.format(now))
                .text(Tags.SOP_CLASS_UID, "UI", DicomFileInfo.SEGMENTATION_SOP_CLASS)
                .text(Tags.SOP_INSTANCE_UID, "UI", sopInstanceUid)
                .text(SegTags.SERIES_DATE, "DA", DATE.format(now))
                .text(SegTags.CONTENT_DATE, "DA", DATE.format(now))
                .text(SegTags.SERIES_TIME, "TM", TIME.format(now))
                .text(SegTags.CONTENT_TIME, "TM", TIME.format(now))
                .text(Tags.MODALITY, "CS", "SEG")
                .text(Tags.SERIES_DESCRIPTION, "LO", lo("Segmentation by " + (algorithm.name().isEmpty()
                        ? "hand" : algorithm.name())))
                .text(Tags.SERIES_INSTANCE_UID, "UI", seriesUid)
                .text(Tags.SERIES_NUMBER, "IS", Integer.toString(SERIES_NUMBER_OFFSET
                        + Math.max(0, Math.min(source.seriesNumber(), 1_000_000))))
                .text(Tags.INSTANCE_NUMBER, "IS", "1")
                .text(Tags.FRAME_OF_REFERENCE_UID, "UI", source.frameOfReferenceUid())
                .text(SegTags.POSITION_REFERENCE_INDICATOR, "LO", "");
        patientAndStudy(ds, source);
        equipment(ds);
        ds.text(SegTags.LOSSY_IMAGE_COMPRESSION, "CS", "00")
                .text(SegTags.CONTENT_LABEL, "CS", "SEGMENTATION")
                .text(SegTags.CONTENT_DESCRIPTION, "LO", lo("Labels of " + table.entries().size()
                        + " tissues, " + algorithm.type().name().toLowerCase(Locale.ROOT)))
                .text(SegTags.CONTENT_CREATOR_NAME, "PN", "");
        imagePixel(ds, g, frames.size());
        ds.text(SegTags.SEGMENTATION_TYPE, "CS", "BINARY");
        ds.sequence(SegTags.SEGMENT_SEQUENCE, segments(ds, values, table, algorithm));
        references(ds, source);
        dimensions(ds);
        sharedGroups(ds, source, g);
        ds.sequence(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, perFrameGroups(ds, source, frames));
        ds.bytes(Tags.PIXEL_DATA, "OB", pixels(labels, frames, progress, cancel));
        AtomicFiles.write(out, o -> {
            BufferedOutputStream b = new BufferedOutputStream(o, 1 << 16);
            DicomOutput.writePart10(b, DicomFileInfo.SEGMENTATION_SOP_CLASS, sopInstanceUid,
                    DicomUids.IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION, ds);
            b.flush();
        });
        return new Written(sopInstanceUid, seriesUid, source.studyUid(), values.length, frames.size());
    }

    private static void checkSource(DicomSource source, Geometry g) {
        if (source.studyUid().isEmpty()) {
            throw new IllegalArgumentException("the DICOM series has no StudyInstanceUID, which a Segmentation "
                    + "must copy");
        }
        if (source.frameOfReferenceUid().isEmpty()) {
            throw new IllegalArgumentException("the DICOM series has no FrameOfReferenceUID, so a Segmentation "
                    + "cannot be placed on it");
        }
        if (source.images().size() != g.nz()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the label map has %d slices but the DICOM "
                    + "series %d images", g.nz(), source.images().size()));
        }
        double[] firstOrientation = source.images().get(0).orientation();
        for (int k = 0; k < g.nz(); k++) {
            DicomSource.Image image = source.images().get(k);
            if (image.sopInstanceUid().isEmpty() || image.sopClassUid().isEmpty()) {
                throw new IllegalArgumentException("image " + (k + 1) + " of the DICOM series has no SOP "
                        + "Instance or Class UID");
            }
            if (image.position() == null || image.orientation() == null || firstOrientation == null) {
                throw new IllegalArgumentException("image " + (k + 1) + " of the DICOM series has no position "
                        + "or orientation, so a Segmentation cannot be placed on it");
            }
            double[] world = g.toWorld(0, 0, k);
            double[] p = image.position();
            double off = Math.sqrt(sq(world[0] - p[0]) + sq(world[1] - p[1]) + sq(world[2] - p[2]));
            if (off > 0.5 * g.spacing()[2]) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "the label map's slice %d is %.2f mm "
                        + "from image %d of the DICOM series: it was not made on this series", k, off, k + 1));
            }
        }
        double[] o = firstOrientation;
        double[] i = g.direction(0);
        double[] j = g.direction(1);
        if (Math.abs(i[0] - o[0]) + Math.abs(i[1] - o[1]) + Math.abs(i[2] - o[2]) > 1e-3
                || Math.abs(j[0] - o[3]) + Math.abs(j[1] - o[4]) + Math.abs(j[2] - o[5]) > 1e-3) {
            throw new IllegalArgumentException("the label map's rows and columns do not run along the DICOM "
                    + "series' rows and columns: it was not made on this series");
        }
    }

    private static double sq(double v) {
        return v * v;
    }

    /** Label values above 0 with at least one voxel, increasing. */
    private static int[] presentValues(LabelMap labels) {
        long[] counts = labels.counts();
        return java.util.stream.IntStream.range(1, counts.length).filter(v -> counts[v] > 0).toArray();
    }

    private static List<Frame> frames(LabelMap labels, int[] values) {
        Geometry g = labels.geometry();
        int plane = g.nx() * g.ny();
        int[] segmentOf = new int[values[values.length - 1] + 1];
        for (int s = 0; s < values.length; s++) {
            segmentOf[values[s]] = s + 1;
        }
        boolean[][] present = new boolean[values.length + 1][g.nz()];
        VoxelArray data = labels.volume().data();
        for (int k = 0; k < g.nz(); k++) {
            for (int p = k * plane, end = p + plane; p < end; p++) {
                int v = (int) data.get(p);
                if (v > 0) {
                    present[segmentOf[v]][k] = true;
                }
            }
        }
        List<Frame> frames = new ArrayList<>();
        for (int s = 1; s <= values.length; s++) {
            for (int k = 0; k < g.nz(); k++) {
                if (present[s][k]) {
                    frames.add(new Frame(s, values[s - 1], k));
                }
            }
        }
        return frames;
    }

    private static boolean needsUtf8(DicomSource source, LabelTable table, SegAlgorithm algorithm, int[] values) {
        DicomSource.PatientStudy p = source.patientStudy();
        List<String> texts = new ArrayList<>(List.of(p.patientName(), p.patientId(), p.studyId(),
                p.accessionNumber(), p.referringPhysicianName(), algorithm.name()));
        for (int v : values) {
            texts.add(table.name(v));
        }
        return texts.stream().anyMatch(t -> !StandardCharsets.US_ASCII.newEncoder().canEncode(t));
    }

    private static void patientAndStudy(DicomOutput ds, DicomSource source) {
        DicomSource.PatientStudy p = source.patientStudy();
        ds.text(Tags.PATIENT_NAME, "PN", p.patientName())
                .text(Tags.PATIENT_ID, "LO", p.patientId())
                .text(Tags.PATIENT_BIRTH_DATE, "DA", p.patientBirthDate())
                .text(Tags.PATIENT_SEX, "CS", p.patientSex())
                .text(Tags.STUDY_INSTANCE_UID, "UI", source.studyUid())
                .text(Tags.STUDY_DATE, "DA", p.studyDate())
                .text(Tags.STUDY_TIME, "TM", p.studyTime())
                .text(Tags.STUDY_ID, "SH", p.studyId())
                .text(Tags.ACCESSION_NUMBER, "SH", p.accessionNumber())
                .text(Tags.REFERRING_PHYSICIAN_NAME, "PN", p.referringPhysicianName());
    }

    /** General and Enhanced General Equipment. */
    private static void equipment(DicomOutput ds) {
        String version = DicomSegWriter.class.getPackage().getImplementationVersion();
        ds.text(SegTags.MANUFACTURER, "LO", "Hardy")
                .text(SegTags.MANUFACTURER_MODEL_NAME, "LO", "Hardy")
                // Type 1, and Hardy is software without a serial number: "0" says there is none.
                .text(SegTags.DEVICE_SERIAL_NUMBER, "LO", "0")
                .text(SegTags.SOFTWARE_VERSIONS, "LO", version == null ? "development build" : lo(version));
    }

    private static void imagePixel(DicomOutput ds, Geometry g, int frames) {
        ds.us(Tags.SAMPLES_PER_PIXEL, 1)
                .text(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2")
                .text(Tags.NUMBER_OF_FRAMES, "IS", Integer.toString(frames))
                .us(Tags.ROWS, g.ny())
                .us(Tags.COLUMNS, g.nx())
                .us(Tags.BITS_ALLOCATED, 1)
                .us(Tags.BITS_STORED, 1)
                .us(Tags.HIGH_BIT, 0)
                .us(Tags.PIXEL_REPRESENTATION, 0);
    }

    private static List<DicomOutput> segments(DicomOutput ds, int[] values, LabelTable table, SegAlgorithm algorithm) {
        List<DicomOutput> items = new ArrayList<>();
        for (int s = 0; s < values.length; s++) {
            int value = values[s];
            String name = table.name(value);
            SegmentCodes.Coding coding = SegmentCodes.forLabel(name);
            DicomOutput item = ds.item()
                    .sequence(SegTags.SEGMENTED_PROPERTY_CATEGORY_CODE_SEQUENCE, code(ds, coding.category()))
                    .us(SegTags.SEGMENT_NUMBER, s + 1)
                    .text(SegTags.SEGMENT_LABEL, "LO", lo(name))
                    .text(SegTags.SEGMENT_DESCRIPTION, "ST", LABEL_VALUE_PREFIX + value)
                    .text(SegTags.SEGMENT_ALGORITHM_TYPE, "CS", algorithm.type().name())
                    .us(SegTags.RECOMMENDED_DISPLAY_CIELAB_VALUE, CieLab.dicomOf(table.colour(value)))
                    .sequence(SegTags.SEGMENTED_PROPERTY_TYPE_CODE_SEQUENCE, code(ds, coding.type()));
            if (algorithm.type() != SegAlgorithm.Type.MANUAL) {
                item.text(SegTags.SEGMENT_ALGORITHM_NAME, "LO", lo(algorithm.name()));
            }
            items.add(item);
        }
        return items;
    }

    private static DicomOutput code(DicomOutput ds, SegmentCodes.Code code) {
        return ds.item().text(SegTags.CODE_VALUE, "SH", code.value())
                .text(SegTags.CODING_SCHEME_DESIGNATOR, "SH", code.scheme())
                .text(SegTags.CODE_MEANING, "LO", code.meaning());
    }

    /** Common Instance Reference: the source series and its instances, each once. */
    private static void references(DicomOutput ds, DicomSource source) {
        Map<String, String> instances = new LinkedHashMap<>();
        for (DicomSource.Image image : source.images()) {
            instances.putIfAbsent(image.sopInstanceUid(), image.sopClassUid());
        }
        List<DicomOutput> refs = new ArrayList<>();
        instances.forEach((uid, cls) -> refs.add(ds.item().text(SegTags.REFERENCED_SOP_CLASS_UID, "UI", cls)
                .text(SegTags.REFERENCED_SOP_INSTANCE_UID, "UI", uid)));
        ds.sequence(SegTags.REFERENCED_SERIES_SEQUENCE, ds.item()
                .sequence(SegTags.REFERENCED_INSTANCE_SEQUENCE, refs)
                .text(Tags.SERIES_INSTANCE_UID, "UI", source.seriesUid()));
    }

    /** Multi-frame Dimension: frames are indexed by segment number, then by plane position. */
    private static void dimensions(DicomOutput ds) {
        String organisation = DicomUids.create();
        ds.sequence(SegTags.DIMENSION_ORGANIZATION_SEQUENCE, ds.item()
                .text(SegTags.DIMENSION_ORGANIZATION_UID, "UI", organisation));
        ds.sequence(SegTags.DIMENSION_INDEX_SEQUENCE, List.of(
                ds.item().text(SegTags.DIMENSION_ORGANIZATION_UID, "UI", organisation)
                        .at(SegTags.DIMENSION_INDEX_POINTER, SegTags.REFERENCED_SEGMENT_NUMBER)
                        .at(SegTags.FUNCTIONAL_GROUP_POINTER, SegTags.SEGMENT_IDENTIFICATION_SEQUENCE)
                        .text(SegTags.DIMENSION_DESCRIPTION_LABEL, "LO", "Segment Number"),
                ds.item().text(SegTags.DIMENSION_ORGANIZATION_UID, "UI", organisation)
                        .at(SegTags.DIMENSION_INDEX_POINTER, Tags.IMAGE_POSITION_PATIENT)
                        .at(SegTags.FUNCTIONAL_GROUP_POINTER, Tags.PLANE_POSITION_SEQUENCE)
                        .text(SegTags.DIMENSION_DESCRIPTION_LABEL, "LO", "Image Position Patient")));
    }

    /** Orientation and pixel spacing, the same for every frame: the source series'. */
    private static void sharedGroups(DicomOutput ds, DicomSource source, Geometry g) {
        double[] o = source.images().get(0).orientation();
        double[] spacing = g.spacing();
        ds.sequence(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, ds.item()
                .sequence(Tags.PLANE_ORIENTATION_SEQUENCE, ds.item()
                        .text(Tags.IMAGE_ORIENTATION_PATIENT, "DS", decimals(o)))
                .sequence(Tags.PIXEL_MEASURES_SEQUENCE, ds.item()
                        .text(Tags.SLICE_THICKNESS, "DS", decimals(spacing[2]))
                        .text(SegTags.SPACING_BETWEEN_SLICES, "DS", decimals(spacing[2]))
                        .text(Tags.PIXEL_SPACING, "DS", decimals(spacing[1], spacing[0]))));
    }

    private static List<DicomOutput> perFrameGroups(DicomOutput ds, DicomSource source, List<Frame> frames) {
        DicomOutput derivationCode = ds.item().text(SegTags.CODE_VALUE, "SH", "113076")
                .text(SegTags.CODING_SCHEME_DESIGNATOR, "SH", "DCM").text(SegTags.CODE_MEANING, "LO", "Segmentation");
        DicomOutput purpose = ds.item().text(SegTags.CODE_VALUE, "SH", "121322")
                .text(SegTags.CODING_SCHEME_DESIGNATOR, "SH", "DCM")
                .text(SegTags.CODE_MEANING, "LO", "Source image for image processing operation");
        List<DicomOutput> items = new ArrayList<>(frames.size());
        for (Frame f : frames) {
            DicomSource.Image image = source.images().get(f.slice());
            DicomOutput sourceImage = ds.item()
                    .text(SegTags.REFERENCED_SOP_CLASS_UID, "UI", image.sopClassUid())
                    .text(SegTags.REFERENCED_SOP_INSTANCE_UID, "UI", image.sopInstanceUid())
                    .sequence(SegTags.PURPOSE_OF_REFERENCE_CODE_SEQUENCE, purpose);
            if (image.frameNumber() > 0) {
                sourceImage.text(SegTags.REFERENCED_FRAME_NUMBER, "IS", Integer.toString(image.frameNumber()));
            }
            items.add(ds.item()
                    .sequence(SegTags.DERIVATION_IMAGE_SEQUENCE, ds.item()
                            .sequence(SegTags.SOURCE_IMAGE_SEQUENCE, sourceImage)
                            .sequence(SegTags.DERIVATION_CODE_SEQUENCE, derivationCode))
                    .sequence(SegTags.FRAME_CONTENT_SEQUENCE, ds.item()
                            .ul(SegTags.DIMENSION_INDEX_VALUES, f.segment(), f.slice() + 1))
                    .sequence(Tags.PLANE_POSITION_SEQUENCE, ds.item()
                            .text(Tags.IMAGE_POSITION_PATIENT, "DS", decimals(image.position())))
                    .sequence(SegTags.SEGMENT_IDENTIFICATION_SEQUENCE, ds.item()
                            .us(SegTags.REFERENCED_SEGMENT_NUMBER, f.segment())));
        }
        return items;
    }

    /** The frames' bits, packed across frame boundaries, first pixel in the lowest bit, padded to even length. */
    private static byte[] pixels(LabelMap labels, List<Frame> frames, ProgressListener progress, Cancellation cancel) {
        Geometry g = labels.geometry();
        int plane = g.nx() * g.ny();
        long bits = (long) frames.size() * plane;
        long bytes = (bits + 7) / 8;
        bytes += bytes % 2;
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("the segmentation would need more than 2 GB of pixel data");
        }
        byte[] out = new byte[(int) bytes];
        VoxelArray data = labels.volume().data();
        for (int f = 0; f < frames.size(); f++) {
            cancel.check();
            Frame frame = frames.get(f);
            long base = (long) f * plane;
            int offset = frame.slice() * plane;
            for (int p = 0; p < plane; p++) {
                if ((int) data.get(offset + p) == frame.value()) {
                    long bit = base + p;
                    out[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                }
            }
            progress.progress(f + 1, frames.size(), "Writing DICOM segmentation frames");
        }
        return out;
    }

    /** Text for a LO element: no backslash or control characters, at most 64 characters. */
    static String lo(String s) {
        String clean = s.replaceAll("[\\\\\\p{Cntrl}]", " ").strip();
        return clean.length() > 64 ? clean.substring(0, 64).strip() : clean;
    }

    /** Decimal strings (DS) of at most 16 characters each, with as many significant digits as fit. */
    static String decimals(double... values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.isEmpty() ? "" : "\\").append(decimal(v));
        }
        return sb.toString();
    }

    private static String decimal(double v) {
        if (v == 0) {
            return "0";
        }
        for (int digits = 16; digits > 0; digits--) {
            BigDecimal d = new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros();
            for (String s : new String[] {d.toPlainString(), d.toString()}) {
                if (s.length() <= 16) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("cannot write " + v + " as a DICOM decimal string");
    }
}
