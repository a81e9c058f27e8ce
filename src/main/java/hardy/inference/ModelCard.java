package hardy.inference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import hardy.volume.LabelTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A model card ({@code model.json}): what a segmentation network expects and produces, where it came from and how
 * well it did. The schema is documented in {@code docs/model-card.md}; Jackson binds it, {@link #validate()}
 * checks it. Axis-ordered fields ({@code spacing}, {@code patchSize}) are along the model grid's i, j, k.
 *
 * @param schemaVersion   {@link #SCHEMA_VERSION}
 * @param name            short identifier, used by {@code --model NAME}
 * @param version         the model's own version
 * @param description     one paragraph for the model picker
 * @param labels          the label table; value 0 is background and may be omitted
 * @param inputChannels   image channels the network takes (1 for one MRI contrast)
 * @param numClasses      output channels, background included; class c becomes label value c
 * @param spacing         target voxel spacing in mm along i, j, k of the model grid
 * @param orientation     how the model grid's axes are chosen, see {@link Orientation}
 * @param tensorAxes      how voxel axes map to the tensor's last three dimensions, see {@link TensorAxes}
 * @param normalization   intensity normalisation before the network
 * @param patchSize       sliding-window patch in voxels along i, j, k
 * @param outputActivation {@code softmax} (the network returns logits) or {@code none} (it returns probabilities)
 * @param largestComponentLabels labels reduced to their largest connected component after argmax
 * @param largestForegroundComponent whether the foreground as a whole (all labels together) is reduced to its
 *                        largest connected component after argmax, before {@code largestComponentLabels}; absent
 *                        means no
 * @param provenance      training provenance (algorithm, beta, iterations, data, seed, date), free-form
 * @param evaluation      evaluation summary (e.g. Dice per label), free-form
 * @param sha256          SHA-256 of {@code model.onnx}, lowercase hex
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String version,
        String description,
        @JsonProperty(required = true) List<Label> labels,
        @JsonProperty(required = true) int inputChannels,
        @JsonProperty(required = true) int numClasses,
        @JsonProperty(required = true) double[] spacing,
        Orientation orientation,
        TensorAxes tensorAxes,
        @JsonProperty(required = true) Normalization normalization,
        @JsonProperty(required = true) int[] patchSize,
        Activation outputActivation,
        List<Integer> largestComponentLabels,
        Boolean largestForegroundComponent,
        JsonNode provenance,
        JsonNode evaluation,
        @JsonProperty(required = true) String sha256) {

    /** The card schema this code reads. */
    public static final int SCHEMA_VERSION = 1;

    /** One label: voxel value, name and display colour {@code #RRGGBB}. */
    public record Label(@JsonProperty(required = true) int value, @JsonProperty(required = true) String name,
                        @JsonProperty(required = true) String color) {
    }

    /** How the model grid is oriented relative to the image. */
    public enum Orientation {
        /** Keep the image's own voxel axes (oblique stays oblique); only the spacing changes. nnU-Net does this. */
        @JsonProperty("image") IMAGE,
        /** Axes permuted and flipped to the closest of R, A, S (nibabel's {@code as_closest_canonical}). */
        @JsonProperty("ras") RAS
    }

    /** Which voxel axis is the tensor's last (fastest) dimension. */
    public enum TensorAxes {
        /** Tensor {@code [N, C, k, j, i]}: i fastest, as Hardy, ITK and SimpleITK (nnU-Net) arrays. */
        @JsonProperty("kji") KJI,
        /** Tensor {@code [N, C, i, j, k]}: k fastest, as nibabel arrays (MONAI). */
        @JsonProperty("ijk") IJK
    }

    /** Whether the network's outputs still need a softmax. */
    public enum Activation {
        @JsonProperty("softmax") SOFTMAX,
        @JsonProperty("none") NONE
    }

    /**
     * Intensity normalisation.
     *
     * @param method        {@code zscore}, {@code percentile} or {@code none}
     * @param mask          for zscore: {@code nonzero} (statistics inside voxels != 0, as nnU-Net does for MRI)
     *                      or {@code all}
     * @param lower         for percentile: lower percentile in [0, 100]
     * @param upper         for percentile: upper percentile, above lower; values are clipped to the two and
     *                      scaled linearly to [0, 1]
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Normalization(@JsonProperty(required = true) String method, String mask, Double lower,
                                Double upper) {
    }

    /** The orientation, {@link Orientation#IMAGE} when the card does not say. */
    public Orientation effectiveOrientation() {
        return orientation == null ? Orientation.IMAGE : orientation;
    }

    /** The tensor axis order, {@link TensorAxes#KJI} when the card does not say. */
    public TensorAxes effectiveTensorAxes() {
        return tensorAxes == null ? TensorAxes.KJI : tensorAxes;
    }

    /** The output activation, softmax when the card does not say. */
    public Activation effectiveActivation() {
        return outputActivation == null ? Activation.SOFTMAX : outputActivation;
    }

    /** Whether the foreground is reduced to its largest connected component after argmax (absent: no). */
    public boolean keepsLargestForegroundComponent() {
        return Boolean.TRUE.equals(largestForegroundComponent);
    }

    /** The labels as a {@link LabelTable}. */
    public LabelTable labelTable() {
        List<LabelTable.Entry> entries = new ArrayList<>();
        for (Label l : labels) {
            entries.add(new LabelTable.Entry(l.value(), l.name(), Integer.parseInt(l.color().substring(1), 16)));
        }
        return LabelTable.of(entries);
    }

    /**
     * Checks the card's own consistency.
     *
     * @throws IllegalArgumentException naming the first problem found
     */
    public void validate() {
        require(schemaVersion == SCHEMA_VERSION, "schemaVersion " + schemaVersion + " is not supported (this Hardy "
                + "reads " + SCHEMA_VERSION + ")");
        require(name != null && name.matches("[A-Za-z0-9._-]+"), "name must be letters, digits, '.', '_' or '-'");
        require(inputChannels >= 1, "inputChannels must be at least 1");
        require(numClasses >= 2 && numClasses <= 65536, "numClasses must be in 2..65536");
        require(spacing != null && spacing.length == 3, "spacing needs 3 values");
        for (double s : spacing) {
            require(s > 0 && Double.isFinite(s), "spacing values must be positive");
        }
        require(patchSize != null && patchSize.length == 3, "patchSize needs 3 values");
        for (int p : patchSize) {
            require(p >= 1 && p <= 1024, "patchSize values must be in 1..1024");
        }
        require(sha256 != null && sha256.matches("[0-9a-f]{64}"), "sha256 must be 64 lowercase hex digits");
        validateNormalization();
        for (Label l : labels) {
            require(l.color() != null && l.color().matches("#[0-9A-Fa-f]{6}"),
                    "label " + l.value() + ": color must be #RRGGBB");
            require(l.value() >= 0 && l.value() < numClasses,
                    "label " + l.value() + " is not a class of a " + numClasses + "-class model");
        }
        labelTable();
        if (largestComponentLabels != null) {
            for (int l : largestComponentLabels) {
                require(l > 0 && l < numClasses, "largestComponentLabels: " + l + " is not a foreground class");
            }
        }
    }

    private void validateNormalization() {
        require(normalization != null && normalization.method() != null, "normalization.method is missing");
        switch (normalization.method().toLowerCase(Locale.ROOT)) {
            case "zscore" -> require(normalization.mask() == null || normalization.mask().equals("nonzero")
                    || normalization.mask().equals("all"), "normalization.mask must be 'nonzero' or 'all'");
            case "percentile" -> require(normalization.lower() != null && normalization.upper() != null
                            && normalization.lower() >= 0 && normalization.upper() <= 100
                            && normalization.lower() < normalization.upper(),
                    "percentile normalization needs 0 <= lower < upper <= 100");
            case "none" -> { }
            default -> throw new IllegalArgumentException("normalization.method must be zscore, percentile or none, "
                    + "not '" + normalization.method() + "'");
        }
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }
}
