package hardy.training.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import java.util.Objects;

/**
 * What the training workspace knows about one case, stored as {@code case.json} beside its copied files: where it
 * came from, its grid and labels, and whether it is used for training or validation.
 *
 * @param name         the case's name in the workspace (its folder name)
 * @param role         training or validation
 * @param sourceImage  the image file the case was copied from, or a description for a study added from the viewer
 * @param sourceLabels the label file the case was copied from, or a description
 * @param addedAt      when it was added (ISO-8601 instant)
 * @param dims         voxels along i, j, k
 * @param spacing      voxel size in mm along i, j, k
 * @param labelVoxels  voxels per non-zero label value
 * @param imageSha256  SHA-256 of the copied image file
 * @param labelsSha256 SHA-256 of the copied label file
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainingCaseRecord(String name, Role role, String sourceImage, String sourceLabels, String addedAt,
        int[] dims, double[] spacing, Map<Integer, Long> labelVoxels, String imageSha256, String labelsSha256) {

    /** What a case is used for. */
    public enum Role {
        /** Drawn by the sampler and trained on. */
        TRAIN,
        /** Held back and only evaluated. */
        VALIDATION
    }

    /** Checks the fields a record cannot do without. */
    public TrainingCaseRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(dims, "dims");
        Objects.requireNonNull(spacing, "spacing");
        labelVoxels = labelVoxels == null ? Map.of() : Map.copyOf(labelVoxels);
    }

    /** The same case with another role. */
    public TrainingCaseRecord withRole(Role newRole) {
        return new TrainingCaseRecord(name, newRole, sourceImage, sourceLabels, addedAt, dims, spacing, labelVoxels,
                imageSha256, labelsSha256);
    }

    /** E.g. "64 × 64 × 48". */
    public String dimensionsText() {
        return dims[0] + " × " + dims[1] + " × " + dims[2];
    }

    /** E.g. "0.80 × 0.80 × 3.00 mm". */
    public String spacingText() {
        return String.format(java.util.Locale.ROOT, "%.2f × %.2f × %.2f mm", spacing[0], spacing[1], spacing[2]);
    }

    /** E.g. "3 labels, 12 345 voxels", or "no labels". */
    public String labelSummary() {
        if (labelVoxels.isEmpty()) {
            return "no labels";
        }
        long total = labelVoxels.values().stream().mapToLong(Long::longValue).sum();
        return labelVoxels.size() + (labelVoxels.size() == 1 ? " label, " : " labels, ") + total + " voxels";
    }
}
