package hardy.io;

import hardy.volume.VoxelType;

/**
 * Voxel encodings found in files, which {@link RawVoxelDecoder} turns into Hardy's {@link VoxelType}s. Types
 * Hardy keeps natively decode unchanged; int8 widens to int16; uint32, int64 and uint64 become int32 when every
 * value fits and float64 otherwise.
 */
public enum RawType {
    UINT8(1, VoxelType.UINT8),
    INT8(1, VoxelType.INT16),
    INT16(2, VoxelType.INT16),
    UINT16(2, VoxelType.UINT16),
    INT32(4, VoxelType.INT32),
    UINT32(4, null),
    INT64(8, null),
    UINT64(8, null),
    FLOAT32(4, VoxelType.FLOAT32),
    FLOAT64(8, VoxelType.FLOAT64);

    private final int bytes;
    private final VoxelType target;

    RawType(int bytes, VoxelType target) {
        this.bytes = bytes;
        this.target = target;
    }

    /** Bytes per value in the file. */
    public int bytes() {
        return bytes;
    }

    /** Whether the values are stored exactly as they are in the file, with no conversion. */
    public boolean isNative() {
        return target != null && this != INT8;
    }

    /** The Hardy type used before any value is seen (int32 for the value-dependent types). */
    VoxelType initialTarget() {
        return target != null ? target : VoxelType.INT32;
    }

    /** The raw type that holds a Hardy type without conversion. */
    public static RawType of(VoxelType type) {
        return switch (type) {
            case UINT8 -> UINT8;
            case INT16 -> INT16;
            case UINT16 -> UINT16;
            case INT32 -> INT32;
            case FLOAT32 -> FLOAT32;
            case FLOAT64 -> FLOAT64;
        };
    }
}
