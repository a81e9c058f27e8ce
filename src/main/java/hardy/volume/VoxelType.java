package hardy.volume;

import java.util.Locale;

/**
 * The voxel data types Hardy keeps natively. A volume is stored in its own type and is never widened silently;
 * readers that meet another type (int8, uint32, int64) convert to the nearest type here and say so.
 */
public enum VoxelType {
    UINT8(1, true, 0, 255),
    INT16(2, true, Short.MIN_VALUE, Short.MAX_VALUE),
    UINT16(2, true, 0, 65535),
    INT32(4, true, Integer.MIN_VALUE, Integer.MAX_VALUE),
    FLOAT32(4, false, -Float.MAX_VALUE, Float.MAX_VALUE),
    FLOAT64(8, false, -Double.MAX_VALUE, Double.MAX_VALUE);

    private final int bytes;
    private final boolean integer;
    private final double min;
    private final double max;

    VoxelType(int bytes, boolean integer, double min, double max) {
        this.bytes = bytes;
        this.integer = integer;
        this.min = min;
        this.max = max;
    }

    /** Bytes per voxel. */
    public int bytes() {
        return bytes;
    }

    /** Whether the type holds integers (and values written to it are rounded and clamped). */
    public boolean isInteger() {
        return integer;
    }

    /** The smallest representable value. */
    public double min() {
        return min;
    }

    /** The largest representable value. */
    public double max() {
        return max;
    }

    /** Lower-case name as used in the CLI and JSON ("uint8", "float32", ...). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
