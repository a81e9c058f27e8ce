package hardy.io.dicom;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The coded anatomy of a segment (Segmented Property Category and Type, PS3.3 C.8.20.4.1) for a label name.
 *
 * <p>The codes are SNOMED CT ("SCT") concepts as DICOM PS3.16 lists them in its context groups, looked up in the
 * standard (the tables as Debian's python3-pydicom 2.3.1 carries them, generated from PS3.16: {@code
 * pydicom/sr/_cid_dict.py}); none is invented. The category of every anatomical label is "Anatomical Structure"
 * (SCT 123037004) from CID 7150 "Segmentation Property Categories". The types, for the FeTA tissues:
 *
 * <table>
 *   <caption>Label names and their Segmented Property Type</caption>
 *   <tr><th>Label (and aliases)</th><th>Code</th><th>Context group</th></tr>
 *   <tr><td>External CSF</td><td>SCT 33930006 "Cranial Subarachnoid Space"</td>
 *       <td>CID 7140 Brain Structures for Volumetric Measurements: FeTA's external CSF is the fluid of the
 *       subarachnoid space around the brain</td></tr>
 *   <tr><td>Grey matter (cortical)</td><td>SCT 40146001 "Cerebral cortex"</td>
 *       <td>CID 7153 CNS Segmentation Types (CID 7140 lists the same concept as "Cerebral Gray Matter")</td></tr>
 *   <tr><td>White matter</td><td>SCT 68523003 "Cerebral White Matter"</td><td>CID 7153, CID 7140</td></tr>
 *   <tr><td>Ventricles</td><td>SCT 35764002 "Brain ventricle"</td>
 *       <td>CID 7153: the ventricular system, since a "ventricles" label may hold more than the lateral
 *       ventricles (SCT 66720007, used for a label named "Lateral ventricles")</td></tr>
 *   <tr><td>Cerebellum</td><td>SCT 113305005 "Cerebellum"</td><td>CID 7151 Segmentation Property Types</td></tr>
 *   <tr><td>Deep grey matter</td><td>SCT 389081007 "Gray Matter"</td>
 *       <td>CID 7153. No code of PS3.16 names the basal ganglia and thalami together; this is the nearest
 *       concept that holds both. The Segment Label says which grey matter it is</td></tr>
 *   <tr><td>Brainstem</td><td>SCT 119238007 "Brain stem"</td><td>CID 7153, CID 7140</td></tr>
 * </table>
 *
 * <p>A label with any other name (a site's own label, "Label 9") is coded as category and type "Tissue" (SCT
 * 85756007, in CID 7150 and in CID 7151 through CID 7166 Common Tissue Segmentation Types): true of every
 * segment of a brain MRI, and its Segment Label carries the name. No private coding scheme is needed for that.
 */
public final class SegmentCodes {

    /**
     * A coded concept (PS3.3 Table 8.8-1, Code Sequence Macro).
     *
     * @param value   Code Value
     * @param scheme  Coding Scheme Designator ("SCT" for SNOMED CT)
     * @param meaning Code Meaning
     */
    public record Code(String value, String scheme, String meaning) {
        public Code {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(meaning, "meaning");
        }
    }

    /** The category and type of one segment. */
    public record Coding(Code category, Code type) {
    }

    /** CID 7150: Anatomical Structure. */
    public static final Code ANATOMICAL_STRUCTURE = new Code("123037004", "SCT", "Anatomical Structure");
    /** CID 7150 and CID 7166: Tissue, the fallback for labels without a code. */
    public static final Code TISSUE = new Code("85756007", "SCT", "Tissue");
    /** What a label without a code of its own is coded as. */
    public static final Coding FALLBACK = new Coding(TISSUE, TISSUE);

    private static final Map<String, Code> TYPES = java.util.stream.Stream.of(
            type("33930006", "Cranial Subarachnoid Space", "external csf", "external cerebrospinal fluid", "ecsf",
                    "csf", "cerebrospinal fluid", "extra-axial csf"),
            type("40146001", "Cerebral cortex", "grey matter", "gray matter", "cortical grey matter",
                    "cortical gray matter", "cortex", "cerebral cortex"),
            type("68523003", "Cerebral White Matter", "white matter", "cerebral white matter"),
            type("35764002", "Brain ventricle", "ventricles", "ventricle", "ventricular system"),
            type("66720007", "Lateral ventricle", "lateral ventricles", "lateral ventricle"),
            type("113305005", "Cerebellum", "cerebellum"),
            type("389081007", "Gray Matter", "deep grey matter", "deep gray matter", "deep grey nuclei",
                    "deep gray nuclei", "basal ganglia and thalamus", "basal ganglia and thalami"),
            type("119238007", "Brain stem", "brainstem", "brain stem"))
            .flatMap(List::stream)
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private SegmentCodes() {
    }

    private static List<Map.Entry<String, Code>> type(String value, String meaning, String... names) {
        Code code = new Code(value, "SCT", meaning);
        return java.util.Arrays.stream(names).map(n -> Map.entry(n, code)).toList();
    }

    /** The coding of a label by its name (case, spacing and underscores aside), else {@link #FALLBACK}. */
    public static Coding forLabel(String name) {
        Code type = TYPES.get(key(name));
        return type == null ? FALLBACK : new Coding(ANATOMICAL_STRUCTURE, type);
    }

    private static String key(String name) {
        return name.strip().replaceAll("[\\s_]+", " ").toLowerCase(Locale.ROOT);
    }
}
