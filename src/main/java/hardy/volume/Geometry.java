package hardy.volume;

import java.util.Locale;

/**
 * A voxel grid placed in the patient: its dimensions and its voxel-to-world affine in LPS millimetres
 * (the DICOM/ITK convention). Index (i, j, k) is (column, row, slice); i varies fastest in memory.
 *
 * <p>Spacing, origin and direction cosines are derived from the affine, never stored beside it, so they cannot
 * disagree. Two volumes overlay voxel for voxel exactly when their geometries are {@link #sameGrid equal}.
 *
 * @param nx          voxels along i, at least 1
 * @param ny          voxels along j, at least 1
 * @param nz          voxels along k, at least 1
 * @param voxelToLps  the voxel-to-world transform, LPS, mm; must be invertible
 */
public record Geometry(int nx, int ny, int nz, Affine voxelToLps) {

    /** Tolerance in millimetres under which two grids are the same grid. */
    public static final double SAME_GRID_TOLERANCE_MM = 1e-4;

    public Geometry {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "dimensions must be positive, got %d x %d x %d", nx, ny, nz));
        }
        if (voxelToLps == null || !voxelToLps.isInvertible()) {
            throw new IllegalArgumentException("voxel-to-world affine must be invertible: " + voxelToLps);
        }
    }

    /** An axis-aligned grid with the given spacing and the first voxel's centre at {@code origin} (LPS). */
    public static Geometry axisAligned(int nx, int ny, int nz, double[] spacing, double[] origin) {
        return new Geometry(nx, ny, nz,
                Affine.scaleTranslate(spacing[0], spacing[1], spacing[2], origin[0], origin[1], origin[2]));
    }

    /** The number of voxels, as a long (it can exceed an int). */
    public long voxelCount() {
        return (long) nx * ny * nz;
    }

    /** The dimensions {nx, ny, nz}. */
    public int[] dims() {
        return new int[] {nx, ny, nz};
    }

    /** Voxel spacing in mm along i, j, k. */
    public double[] spacing() {
        return voxelToLps.columnNorms();
    }

    /**
     * The volume of one voxel in cubic millimetres: |det| of the affine's 3x3 part, the volume of the parallelepiped
     * its axes span. On a sheared grid this is less than the product of the {@link #spacing spacings}, which would
     * overstate every label volume.
     */
    public double voxelVolumeMm3() {
        return Math.abs(voxelToLps.determinant());
    }

    /** World position (LPS, mm) of the centre of voxel (0, 0, 0). */
    public double[] origin() {
        return voxelToLps.translation();
    }

    /** Unit direction (LPS) of voxel axis {@code axis} (0 = i, 1 = j, 2 = k). */
    public double[] direction(int axis) {
        double[] c = voxelToLps.column(axis);
        double n = Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
        return new double[] {c[0] / n, c[1] / n, c[2] / n};
    }

    /** The voxel-to-world affine in RAS (the NIfTI/nibabel convention), for display and comparison. */
    public Affine voxelToRas() {
        return voxelToLps.flipXY();
    }

    /** World position (LPS, mm) of a (possibly fractional) voxel index. */
    public double[] toWorld(double i, double j, double k) {
        return voxelToLps.apply(i, j, k);
    }

    /** Continuous voxel index of a world position (LPS, mm). */
    public double[] toVoxel(double x, double y, double z) {
        return voxelToLps.inverse().apply(x, y, z);
    }

    /** Whether the index lies inside the grid. */
    public boolean contains(int i, int j, int k) {
        return i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz;
    }

    /**
     * Whether {@code other} has the same dimensions and its voxel centres lie within
     * {@link #SAME_GRID_TOLERANCE_MM} of this grid's (checked at the corners, which bounds every voxel).
     */
    public boolean sameGrid(Geometry other) {
        if (nx != other.nx || ny != other.ny || nz != other.nz) {
            return false;
        }
        for (int corner = 0; corner < 8; corner++) {
            double i = (corner & 1) == 0 ? 0 : nx - 1;
            double j = (corner & 2) == 0 ? 0 : ny - 1;
            double k = (corner & 4) == 0 ? 0 : nz - 1;
            double[] a = toWorld(i, j, k);
            double[] b = other.toWorld(i, j, k);
            if (Math.abs(a[0] - b[0]) > SAME_GRID_TOLERANCE_MM || Math.abs(a[1] - b[1]) > SAME_GRID_TOLERANCE_MM
                    || Math.abs(a[2] - b[2]) > SAME_GRID_TOLERANCE_MM) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the voxel axes are mutually perpendicular (within 1e-4 of a right angle); sheared grids exist
     * (some NIfTI sforms) but viewers and resamplers must know.
     */
    public boolean isOrthogonal() {
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                double[] u = direction(a);
                double[] v = direction(b);
                if (Math.abs(u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) > 1e-4) {
                    return false;
                }
            }
        }
        return true;
    }
}
