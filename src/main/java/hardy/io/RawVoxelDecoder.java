package hardy.io;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.volume.VoxelArray;
import hardy.volume.VoxelType;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Streams raw voxel values from a file into a {@link VoxelArray}, in chunks, converting byte order as it goes.
 * Memory use is the target array plus one chunk: there is never a second full copy of the data.
 */
public final class RawVoxelDecoder {

    /** Bytes read per chunk; a multiple of every value size. */
    static final int CHUNK = 1 << 20;

    private RawVoxelDecoder() {
    }

    /**
     * Reads {@code count} values of {@code type} from {@code in}.
     *
     * @param what     description for progress messages ("Reading voxels")
     * @param warnings receives a line when values had to be converted (int8, uint32, 64-bit)
     * @throws EOFException if the stream ends before all values are read
     */
    public static VoxelArray decode(InputStream in, RawType type, ByteOrder order, long count, String what,
                                    ProgressListener progress, Cancellation cancel, java.util.List<String> warnings)
            throws IOException {
        int n = VoxelArray.checkLength(count);
        VoxelArray out = VoxelArray.allocate(type.initialTarget(), n);
        byte[] chunk = type == RawType.UINT8 ? null : new byte[(int) Math.min(CHUNK, (long) n * type.bytes())];
        int perChunk = CHUNK / type.bytes();
        boolean overflowed = false;
        for (int pos = 0; pos < n; ) {
            cancel.check();
            int len = Math.min(perChunk, n - pos);
            if (type == RawType.UINT8) {
                readFully(in, ((VoxelArray.UInt8) out).data(), pos, len);
            } else {
                readFully(in, chunk, 0, len * type.bytes());
                ByteBuffer buf = ByteBuffer.wrap(chunk, 0, len * type.bytes()).order(order);
                VoxelArray widened = convert(buf, type, out, pos, len);
                if (widened != out) {
                    out = widened;
                    overflowed = true;
                }
            }
            pos += len;
            progress.progress(pos, n, what);
        }
        if (!type.isNative()) {
            warnings.add(type.name().toLowerCase(java.util.Locale.ROOT) + " voxels stored as "
                    + out.type().id() + (overflowed && type != RawType.UINT32
                            ? " (values beyond 2^53 lose precision)" : ""));
        }
        return out;
    }

    private static void readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int n = in.readNBytes(b, off, len);
        if (n < len) {
            throw new EOFException("unexpected end of voxel data");
        }
    }

    /** Decodes one chunk into {@code out} at {@code pos}; returns a float64 array if values outgrew int32. */
    private static VoxelArray convert(ByteBuffer buf, RawType type, VoxelArray out, int pos, int len) {
        switch (type) {
            case INT8 -> {
                short[] d = ((VoxelArray.Int16) out).data();
                for (int i = 0; i < len; i++) {
                    d[pos + i] = buf.get(i);
                }
            }
            case INT16 -> buf.asShortBuffer().get(((VoxelArray.Int16) out).data(), pos, len);
            case UINT16 -> buf.asShortBuffer().get(((VoxelArray.UInt16) out).data(), pos, len);
            case INT32 -> buf.asIntBuffer().get(((VoxelArray.Int32) out).data(), pos, len);
            case FLOAT32 -> buf.asFloatBuffer().get(((VoxelArray.Float32) out).data(), pos, len);
            case FLOAT64 -> buf.asDoubleBuffer().get(((VoxelArray.Float64) out).data(), pos, len);
            case UINT32, INT64, UINT64 -> {
                for (int i = 0; i < len; i++) {
                    double v = switch (type) {
                        case UINT32 -> buf.getInt(4 * i) & 0xFFFFFFFFL;
                        case INT64 -> (double) buf.getLong(8 * i);
                        default -> unsignedToDouble(buf.getLong(8 * i));
                    };
                    if (out.type() == VoxelType.INT32 && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
                        out = widen(out, pos + i);
                    }
                    out.set(pos + i, v);
                }
            }
            default -> throw new IllegalStateException("unreachable: " + type);
        }
        return out;
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    /** Copies the first {@code filled} int32 values into a new float64 array of the same length. */
    private static VoxelArray widen(VoxelArray ints, int filled) {
        int[] src = ((VoxelArray.Int32) ints).data();
        double[] dst = new double[src.length];
        for (int i = 0; i < filled; i++) {
            dst[i] = src[i];
        }
        return new VoxelArray.Float64(dst);
    }
}
