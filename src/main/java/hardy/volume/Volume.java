package hardy.volume;

import java.util.Objects;

/**
 * A 3-D image: voxels of one native type on a {@link Geometry}, with the {@link Rescale} from stored to
 * real-world values. Voxel (i, j, k) is at index {@code i + nx * (j + ny * k)}.
 *
 * <p>The voxel array is shared, not copied: a {@code Volume} is a view that code may fill or edit in place (a
 * reader filling it, a label editor painting). Use {@link #copy()} for an independent one.
 */
public final class Volume {

    private final Geometry geometry;
    private final VoxelArray data;
    private final Rescale rescale;

    /**
     * Wraps voxels on a grid.
     *
     * @throws IllegalArgumentException if the array length does not match the grid
     */
    public Volume(Geometry geometry, VoxelArray data, Rescale rescale) {
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        this.data = Objects.requireNonNull(data, "data");
        this.rescale = Objects.requireNonNull(rescale, "rescale");
        if (data.length() != geometry.voxelCount()) {
            throw new IllegalArgumentException("voxel array holds " + data.length() + " voxels but the grid has "
                    + geometry.voxelCount());
        }
    }

    /** Wraps voxels on a grid without scaling. */
    public Volume(Geometry geometry, VoxelArray data) {
        this(geometry, data, Rescale.IDENTITY);
    }

    /**
     * A zero-filled volume.
     *
     * @throws VolumeTooLargeException if the grid has more voxels than one array can hold
     */
    public static Volume allocate(Geometry geometry, VoxelType type) {
        return new Volume(geometry, VoxelArray.allocate(type, geometry.voxelCount()));
    }

    public Geometry geometry() {
        return geometry;
    }

    public VoxelArray data() {
        return data;
    }

    public VoxelType type() {
        return data.type();
    }

    public Rescale rescale() {
        return rescale;
    }

    public int nx() {
        return geometry.nx();
    }

    public int ny() {
        return geometry.ny();
    }

    public int nz() {
        return geometry.nz();
    }

    /** Linear index of voxel (i, j, k); the caller guarantees it is inside the grid. */
    public int index(int i, int j, int k) {
        return i + geometry.nx() * (j + geometry.ny() * k);
    }

    /** Real-world value (rescaled) of voxel (i, j, k). */
    public double value(int i, int j, int k) {
        return rescale.apply(data.get(index(i, j, k)));
    }

    /** Real-world value (rescaled) at linear index {@code index}. */
    public double value(int index) {
        return rescale.apply(data.get(index));
    }

    /** Stored value (not rescaled) of voxel (i, j, k). */
    public double stored(int i, int j, int k) {
        return data.get(index(i, j, k));
    }

    /** The same voxels on another grid of the same size (e.g. a corrected affine). */
    public Volume withGeometry(Geometry newGeometry) {
        return new Volume(newGeometry, data, rescale);
    }

    /** A deep copy. */
    public Volume copy() {
        return new Volume(geometry, data.copy(), rescale);
    }

    @Override
    public String toString() {
        return "Volume[" + nx() + "x" + ny() + "x" + nz() + " " + type().id() + ", rescale " + rescale + "]";
    }
}
