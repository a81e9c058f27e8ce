package hardy.io.dicom;

import java.util.Map;

/**
 * The tags of the Segmentation IOD (PS3.3 A.51, C.8.20) and of the references and functional groups it uses,
 * with the VRs an implicit VR dataset needs to parse them (sequences and binary numbers).
 */
final class SegTags {

    static final int FILE_META_GROUP_LENGTH = 0x00020000;
    static final int FILE_META_VERSION = 0x00020001;
    static final int MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
    static final int MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;
    static final int IMPLEMENTATION_CLASS_UID = 0x00020012;
    static final int IMPLEMENTATION_VERSION_NAME = 0x00020013;

    static final int IMAGE_TYPE = 0x00080008;
    static final int INSTANCE_CREATION_DATE = 0x00080012;
    static final int INSTANCE_CREATION_TIME = 0x00080013;
    static final int SERIES_DATE = 0x00080021;
    static final int CONTENT_DATE = 0x00080023;
    static final int SERIES_TIME = 0x00080031;
    static final int CONTENT_TIME = 0x00080033;
    static final int MANUFACTURER = 0x00080070;
    static final int CODE_VALUE = 0x00080100;
    static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
    static final int CODE_MEANING = 0x00080104;
    static final int MANUFACTURER_MODEL_NAME = 0x00081090;
    static final int REFERENCED_SERIES_SEQUENCE = 0x00081115;
    static final int REFERENCED_INSTANCE_SEQUENCE = 0x0008114A;
    static final int REFERENCED_SOP_CLASS_UID = 0x00081150;
    static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
    static final int REFERENCED_FRAME_NUMBER = 0x00081160;
    static final int SOURCE_IMAGE_SEQUENCE = 0x00082112;
    static final int DERIVATION_IMAGE_SEQUENCE = 0x00089124;
    static final int DERIVATION_CODE_SEQUENCE = 0x00089215;
    static final int SPACING_BETWEEN_SLICES = 0x00180088;
    static final int DEVICE_SERIAL_NUMBER = 0x00181000;
    static final int SOFTWARE_VERSIONS = 0x00181020;
    static final int POSITION_REFERENCE_INDICATOR = 0x00201040;
    static final int FRAME_CONTENT_SEQUENCE = 0x00209111;
    static final int DIMENSION_INDEX_VALUES = 0x00209157;
    static final int DIMENSION_ORGANIZATION_UID = 0x00209164;
    static final int DIMENSION_INDEX_POINTER = 0x00209165;
    static final int FUNCTIONAL_GROUP_POINTER = 0x00209167;
    static final int DIMENSION_ORGANIZATION_SEQUENCE = 0x00209221;
    static final int DIMENSION_INDEX_SEQUENCE = 0x00209222;
    static final int DIMENSION_DESCRIPTION_LABEL = 0x00209421;
    static final int LOSSY_IMAGE_COMPRESSION = 0x00282110;
    static final int PURPOSE_OF_REFERENCE_CODE_SEQUENCE = 0x0040A170;
    static final int SEGMENTATION_TYPE = 0x00620001;
    static final int SEGMENT_SEQUENCE = 0x00620002;
    static final int SEGMENTED_PROPERTY_CATEGORY_CODE_SEQUENCE = 0x00620003;
    static final int SEGMENT_NUMBER = 0x00620004;
    static final int SEGMENT_LABEL = 0x00620005;
    static final int SEGMENT_DESCRIPTION = 0x00620006;
    static final int SEGMENT_ALGORITHM_TYPE = 0x00620008;
    static final int SEGMENT_ALGORITHM_NAME = 0x00620009;
    static final int SEGMENT_IDENTIFICATION_SEQUENCE = 0x0062000A;
    static final int REFERENCED_SEGMENT_NUMBER = 0x0062000B;
    static final int RECOMMENDED_DISPLAY_CIELAB_VALUE = 0x0062000D;
    static final int MAXIMUM_FRACTIONAL_VALUE = 0x0062000E;
    static final int SEGMENTED_PROPERTY_TYPE_CODE_SEQUENCE = 0x0062000F;
    static final int SEGMENTATION_FRACTIONAL_TYPE = 0x00620010;
    static final int CONTENT_LABEL = 0x00700080;
    static final int CONTENT_DESCRIPTION = 0x00700081;
    static final int CONTENT_CREATOR_NAME = 0x00700084;

    private static final Map<Integer, String> IMPLICIT = Map.ofEntries(
            Map.entry(REFERENCED_SERIES_SEQUENCE, "SQ"), Map.entry(REFERENCED_INSTANCE_SEQUENCE, "SQ"),
            Map.entry(SOURCE_IMAGE_SEQUENCE, "SQ"), Map.entry(DERIVATION_IMAGE_SEQUENCE, "SQ"),
            Map.entry(DERIVATION_CODE_SEQUENCE, "SQ"), Map.entry(FRAME_CONTENT_SEQUENCE, "SQ"),
            Map.entry(DIMENSION_ORGANIZATION_SEQUENCE, "SQ"), Map.entry(DIMENSION_INDEX_SEQUENCE, "SQ"),
            Map.entry(PURPOSE_OF_REFERENCE_CODE_SEQUENCE, "SQ"), Map.entry(SEGMENT_SEQUENCE, "SQ"),
            Map.entry(SEGMENTED_PROPERTY_CATEGORY_CODE_SEQUENCE, "SQ"),
            Map.entry(SEGMENTED_PROPERTY_TYPE_CODE_SEQUENCE, "SQ"), Map.entry(SEGMENT_IDENTIFICATION_SEQUENCE, "SQ"),
            Map.entry(SEGMENT_NUMBER, "US"), Map.entry(REFERENCED_SEGMENT_NUMBER, "US"),
            Map.entry(RECOMMENDED_DISPLAY_CIELAB_VALUE, "US"), Map.entry(MAXIMUM_FRACTIONAL_VALUE, "US"),
            Map.entry(DIMENSION_INDEX_VALUES, "UL"), Map.entry(REFERENCED_FRAME_NUMBER, "IS"),
            Map.entry(SEGMENTATION_TYPE, "CS"), Map.entry(SEGMENT_LABEL, "LO"), Map.entry(SEGMENT_DESCRIPTION, "ST"),
            Map.entry(SEGMENT_ALGORITHM_TYPE, "CS"), Map.entry(SEGMENT_ALGORITHM_NAME, "LO"),
            Map.entry(REFERENCED_SOP_CLASS_UID, "UI"), Map.entry(REFERENCED_SOP_INSTANCE_UID, "UI"));

    private SegTags() {
    }

    /** The VR of a segmentation tag in an implicit VR dataset, "UN" for tags Hardy does not interpret. */
    static String implicitVr(int tag) {
        return IMPLICIT.getOrDefault(tag, "UN");
    }
}
