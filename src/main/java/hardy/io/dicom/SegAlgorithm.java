package hardy.io.dicom;

import java.util.Objects;

/**
 * How the segments of a DICOM Segmentation were made (Segment Algorithm Type and Name, PS3.3 C.8.20.4.1).
 *
 * @param type what made them
 * @param name the algorithm, e.g. a model's name and version; "" for {@link Type#MANUAL}, where DICOM has none
 */
public record SegAlgorithm(Type type, String name) {

    /** The enumerated values of Segment Algorithm Type. */
    public enum Type {
        /** Calculated by an algorithm (a model's output, not edited). */
        AUTOMATIC,
        /** Calculated, then edited by a user. */
        SEMIAUTOMATIC,
        /** Drawn by a user. */
        MANUAL
    }

    public SegAlgorithm {
        Objects.requireNonNull(type, "type");
        name = name == null ? "" : name.strip();
        if (type != Type.MANUAL && name.isEmpty()) {
            throw new IllegalArgumentException("an " + type + " segmentation needs the algorithm's name");
        }
    }

    /** A model's unedited output. */
    public static SegAlgorithm automatic(String name) {
        return new SegAlgorithm(Type.AUTOMATIC, name);
    }

    /** A model's output that a user edited. */
    public static SegAlgorithm semiautomatic(String name) {
        return new SegAlgorithm(Type.SEMIAUTOMATIC, name);
    }

    /** Labels drawn by hand (or of unknown origin). */
    public static SegAlgorithm manual() {
        return new SegAlgorithm(Type.MANUAL, "");
    }

    /**
     * What the labels on screen are: the model's output as it stands, or edited since ({@code modelName} null
     * when no model made them in this session).
     */
    public static SegAlgorithm of(String modelName, boolean edited) {
        if (modelName == null || modelName.isBlank()) {
            return manual();
        }
        return edited ? semiautomatic(modelName) : automatic(modelName);
    }
}
