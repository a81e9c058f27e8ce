package hardy.io.dicom;

import java.util.Map;

/** Value representations: which use a 4-byte length in explicit VR, and the VRs of tags for implicit VR. */
final class Vr {

    /** The VR of tags in implicit VR datasets; everything else is treated as opaque bytes ("UN"). */
    private static final Map<Integer, String> IMPLICIT = Map.ofEntries(
            Map.entry(Tags.TRANSFER_SYNTAX_UID, "UI"), Map.entry(Tags.SPECIFIC_CHARACTER_SET, "CS"),
            Map.entry(Tags.SOP_CLASS_UID, "UI"), Map.entry(Tags.SOP_INSTANCE_UID, "UI"),
            Map.entry(Tags.STUDY_DATE, "DA"), Map.entry(Tags.MODALITY, "CS"),
            Map.entry(Tags.SERIES_DESCRIPTION, "LO"), Map.entry(Tags.PATIENT_NAME, "PN"),
            Map.entry(Tags.PATIENT_ID, "LO"), Map.entry(Tags.SLICE_THICKNESS, "DS"),
            Map.entry(Tags.STUDY_INSTANCE_UID, "UI"), Map.entry(Tags.SERIES_INSTANCE_UID, "UI"),
            Map.entry(Tags.SERIES_NUMBER, "IS"), Map.entry(Tags.ACQUISITION_NUMBER, "IS"),
            Map.entry(Tags.INSTANCE_NUMBER, "IS"), Map.entry(Tags.IMAGE_POSITION_PATIENT, "DS"),
            Map.entry(Tags.IMAGE_ORIENTATION_PATIENT, "DS"), Map.entry(Tags.PLANE_POSITION_SEQUENCE, "SQ"),
            Map.entry(Tags.PLANE_ORIENTATION_SEQUENCE, "SQ"), Map.entry(Tags.SAMPLES_PER_PIXEL, "US"),
            Map.entry(Tags.PHOTOMETRIC_INTERPRETATION, "CS"), Map.entry(Tags.PLANAR_CONFIGURATION, "US"),
            Map.entry(Tags.NUMBER_OF_FRAMES, "IS"), Map.entry(Tags.ROWS, "US"), Map.entry(Tags.COLUMNS, "US"),
            Map.entry(Tags.PIXEL_SPACING, "DS"), Map.entry(Tags.BITS_ALLOCATED, "US"),
            Map.entry(Tags.BITS_STORED, "US"), Map.entry(Tags.HIGH_BIT, "US"),
            Map.entry(Tags.PIXEL_REPRESENTATION, "US"), Map.entry(Tags.RESCALE_INTERCEPT, "DS"),
            Map.entry(Tags.RESCALE_SLOPE, "DS"), Map.entry(Tags.PIXEL_MEASURES_SEQUENCE, "SQ"),
            Map.entry(Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, "SQ"),
            Map.entry(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, "SQ"),
            Map.entry(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, "SQ"), Map.entry(Tags.PIXEL_DATA, "OW"),
            Map.entry(Tags.GRID_FRAME_OFFSET_VECTOR, "DS"), Map.entry(Tags.STUDY_TIME, "TM"),
            Map.entry(Tags.ACCESSION_NUMBER, "SH"), Map.entry(Tags.REFERRING_PHYSICIAN_NAME, "PN"),
            Map.entry(Tags.PATIENT_BIRTH_DATE, "DA"), Map.entry(Tags.PATIENT_SEX, "CS"),
            Map.entry(Tags.STUDY_ID, "SH"), Map.entry(Tags.FRAME_OF_REFERENCE_UID, "UI"));

    private Vr() {
    }

    /** The VR of a tag in an implicit VR dataset. */
    static String implicit(int tag) {
        if ((tag & 0xFFFF) == 0) {
            return "UL"; // group length
        }
        String vr = IMPLICIT.get(tag);
        return vr != null ? vr : SegTags.implicitVr(tag);
    }

    /** Whether explicit VR encodes this VR with 2 reserved bytes and a 4-byte length. */
    static boolean hasLongLength(String vr) {
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
            default -> false;
        };
    }

    /** Whether two bytes are a plausible VR (two upper-case letters). */
    static boolean isVr(int a, int b) {
        return a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z';
    }
}
