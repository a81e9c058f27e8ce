package hardy.io.dicom;

/** The DICOM tags Hardy reads, as {@code (group << 16) | element}. */
final class Tags {

    static final int TRANSFER_SYNTAX_UID = 0x00020010;
    static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;
    static final int STUDY_DATE = 0x00080020;
    static final int STUDY_TIME = 0x00080030;
    static final int ACCESSION_NUMBER = 0x00080050;
    static final int MODALITY = 0x00080060;
    static final int REFERRING_PHYSICIAN_NAME = 0x00080090;
    static final int SERIES_DESCRIPTION = 0x0008103E;
    static final int PATIENT_NAME = 0x00100010;
    static final int PATIENT_ID = 0x00100020;
    static final int PATIENT_BIRTH_DATE = 0x00100030;
    static final int PATIENT_SEX = 0x00100040;
    static final int SLICE_THICKNESS = 0x00180050;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int STUDY_ID = 0x00200010;
    static final int SERIES_NUMBER = 0x00200011;
    static final int ACQUISITION_NUMBER = 0x00200012;
    static final int INSTANCE_NUMBER = 0x00200013;
    static final int IMAGE_POSITION_PATIENT = 0x00200032;
    static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
    static final int FRAME_OF_REFERENCE_UID = 0x00200052;
    static final int PLANE_POSITION_SEQUENCE = 0x00209113;
    static final int PLANE_ORIENTATION_SEQUENCE = 0x00209116;
    static final int SAMPLES_PER_PIXEL = 0x00280002;
    static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    static final int PLANAR_CONFIGURATION = 0x00280006;
    static final int NUMBER_OF_FRAMES = 0x00280008;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;
    static final int PIXEL_SPACING = 0x00280030;
    static final int BITS_ALLOCATED = 0x00280100;
    static final int BITS_STORED = 0x00280101;
    static final int HIGH_BIT = 0x00280102;
    static final int PIXEL_REPRESENTATION = 0x00280103;
    static final int RESCALE_INTERCEPT = 0x00281052;
    static final int RESCALE_SLOPE = 0x00281053;
    static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;
    static final int PIXEL_VALUE_TRANSFORMATION_SEQUENCE = 0x00289145;
    static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009229;
    static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009230;
    static final int GRID_FRAME_OFFSET_VECTOR = 0x3004000C;
    static final int PIXEL_DATA = 0x7FE00010;
    static final int ITEM = 0xFFFEE000;
    static final int ITEM_DELIMITATION = 0xFFFEE00D;
    static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    private Tags() {
    }

    /** "(gggg,eeee)" for messages. */
    static String format(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
