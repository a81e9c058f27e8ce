package hardy.volume;

/**
 * The linear map from stored voxel values to real-world values: {@code value = slope * stored + intercept}
 * (NIfTI {@code scl_slope/scl_inter}, DICOM RescaleSlope/Intercept). Kept beside the native voxels so that a
 * scaled int16 volume stays int16 and round-trips exactly.
 *
 * @param slope     multiplier, finite and non-zero
 * @param intercept offset, finite
 */
public record Rescale(double slope, double intercept) {

    /** No scaling. */
    public static final Rescale IDENTITY = new Rescale(1, 0);

    public Rescale {
        if (!Double.isFinite(slope) || slope == 0 || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException("invalid rescale slope " + slope + ", intercept " + intercept);
        }
    }

    /** Whether this is the identity. */
    public boolean isIdentity() {
        return slope == 1 && intercept == 0;
    }

    /** Stored value to real-world value. */
    public double apply(double stored) {
        return slope * stored + intercept;
    }
}
