package hardy.io.nifti;

import hardy.io.RawType;
import hardy.volume.VoxelType;

/** NIfTI {@code datatype} codes Hardy reads, with the raw encoding each stands for. */
enum NiftiDataType {
    UINT8(2, RawType.UINT8),
    INT16(4, RawType.INT16),
    INT32(8, RawType.INT32),
    FLOAT32(16, RawType.FLOAT32),
    FLOAT64(64, RawType.FLOAT64),
    INT8(256, RawType.INT8),
    UINT16(512, RawType.UINT16),
    UINT32(768, RawType.UINT32),
    INT64(1024, RawType.INT64),
    UINT64(1280, RawType.UINT64);

    private final int code;
    private final RawType rawType;

    NiftiDataType(int code, RawType rawType) {
        this.code = code;
        this.rawType = rawType;
    }

    int code() {
        return code;
    }

    int bytes() {
        return rawType.bytes();
    }

    RawType rawType() {
        return rawType;
    }

    /** The code for a datatype Hardy reads, or null. */
    static NiftiDataType ofCode(int code) {
        for (NiftiDataType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** The code Hardy writes for one of its voxel types: the one whose raw encoding is that type's. */
    static NiftiDataType of(VoxelType type) {
        RawType raw = RawType.of(type);
        for (NiftiDataType t : values()) {
            if (t.rawType == raw) {
                return t;
            }
        }
        throw new IllegalStateException("no NIfTI datatype for " + type);
    }

    /** A name for a code Hardy does not read, for error messages. */
    static String describeUnsupported(int code) {
        return switch (code) {
            case 0 -> "datatype 0 (unknown)";
            case 1 -> "datatype 1 (binary)";
            case 32 -> "datatype 32 (complex64)";
            case 128 -> "datatype 128 (RGB24)";
            case 1536 -> "datatype 1536 (float128)";
            case 1792 -> "datatype 1792 (complex128)";
            case 2048 -> "datatype 2048 (complex256)";
            case 2304 -> "datatype 2304 (RGBA32)";
            default -> "datatype " + code;
        };
    }
}
