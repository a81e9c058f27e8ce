package hardy.volume;

import java.util.Objects;

/**
 * A label map: an unsigned integer (uint8 or uint16) volume without scaling, whose voxel values are label values
 * of a {@link LabelTable}. A label map made for an image lives on exactly that image's {@link Geometry}, so any
 * viewer overlays it correctly.
 */
public final class LabelMap {

    private final Volume volume;

    /**
     * Wraps a volume as a label map.
     *
     * @throws IllegalArgumentException if it is not uint8/uint16 or has a non-identity rescale
     */
    public LabelMap(Volume volume) {
        this.volume = Objects.requireNonNull(volume, "volume");
        if (volume.type() != VoxelType.UINT8 && volume.type() != VoxelType.UINT16) {
            throw new IllegalArgumentException("a label map must be uint8 or uint16, not " + volume.type().id());
        }
        if (!volume.rescale().isIdentity()) {
            throw new IllegalArgumentException("a label map cannot be rescaled");
        }
    }

    /** An empty (all background) label map on {@code geometry}, uint8 when {@code maxLabel <= 255}. */
    public static LabelMap empty(Geometry geometry, int maxLabel) {
        if (maxLabel < 0 || maxLabel > 65535) {
            throw new IllegalArgumentException("label values must be in 0..65535, got max " + maxLabel);
        }
        return new LabelMap(Volume.allocate(geometry, maxLabel <= 255 ? VoxelType.UINT8 : VoxelType.UINT16));
    }

    /**
     * Interprets an image as a label map, e.g. one read from a file written by another tool as int16 or float.
     *
     * @throws IllegalArgumentException if a value is not a whole number in 0..65535
     */
    public static LabelMap fromImage(Volume image) {
        if ((image.type() == VoxelType.UINT8 || image.type() == VoxelType.UINT16) && image.rescale().isIdentity()) {
            return new LabelMap(image);
        }
        int n = image.data().length();
        int max = 0;
        for (int i = 0; i < n; i++) {
            double v = image.value(i);
            if (v < 0 || v > 65535 || v != Math.rint(v)) {
                throw new IllegalArgumentException("not a label map: voxel value " + v + " is not a label in 0..65535");
            }
            max = Math.max(max, (int) v);
        }
        LabelMap labels = empty(image.geometry(), max);
        for (int i = 0; i < n; i++) {
            labels.volume.data().set(i, image.value(i));
        }
        return labels;
    }

    /** The underlying volume (shared, editable). */
    public Volume volume() {
        return volume;
    }

    public Geometry geometry() {
        return volume.geometry();
    }

    /** Label at voxel (i, j, k). */
    public int label(int i, int j, int k) {
        return (int) volume.data().get(volume.index(i, j, k));
    }

    /** Sets the label at voxel (i, j, k). */
    public void setLabel(int i, int j, int k, int label) {
        if (label < 0 || label > volume.type().max()) {
            throw new IllegalArgumentException("label " + label + " does not fit a " + volume.type().id() + " map");
        }
        volume.data().set(volume.index(i, j, k), label);
    }

    /** The largest label value present (0 for an empty map). */
    public int maxLabel() {
        VoxelArray data = volume.data();
        int top = 0;
        for (int i = 0, n = data.length(); i < n; i++) {
            top = Math.max(top, (int) data.get(i));
        }
        return top;
    }

    /** Voxel count per label value, indexed by label (length = largest label present + 1). */
    public long[] counts() {
        long[] counts = new long[(int) volume.type().max() + 1];
        VoxelArray data = volume.data();
        int top = 0;
        for (int i = 0, n = data.length(); i < n; i++) {
            int l = (int) data.get(i);
            counts[l]++;
            top = Math.max(top, l);
        }
        return java.util.Arrays.copyOf(counts, top + 1);
    }
}
