package hardy.io.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decodes and encodes NIfTI-1 (348-byte) and NIfTI-2 (540-byte) headers in either byte order. Decoding checks
 * the structure (size, magic, dimensions) but not whether the data fit the file; the reader does that.
 */
final class NiftiHeaderCodec {

    /** Bytes 8..11 of the NIfTI-2 magic "n+2\0\r\n\032\n", which catch files mangled by text-mode transfers. */
    private static final byte[] MAGIC2_TAIL = {'\r', '\n', 0x1A, '\n'};

    private NiftiHeaderCodec() {
    }

    /** Thrown for a header that is not NIfTI or is malformed; the message is for the user. */
    static final class HeaderException extends Exception {
        private static final long serialVersionUID = 1L;

        HeaderException(String message) {
            super(message);
        }
    }

    /**
     * Which NIfTI version the leading bytes announce (1 or 2), from {@code sizeof_hdr} in either byte order and
     * the magic string, or empty if they are not NIfTI.
     */
    static Optional<Integer> sniffVersion(byte[] head) {
        if (head.length < 4) {
            return Optional.empty();
        }
        int le = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int be = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        if ((le == NiftiHeader.NIFTI1_SIZE || be == NiftiHeader.NIFTI1_SIZE) && head.length >= 348
                && head[344] == 'n' && (head[345] == '+' || head[345] == 'i') && head[346] == '1' && head[347] == 0) {
            return Optional.of(1);
        }
        if ((le == NiftiHeader.NIFTI2_SIZE || be == NiftiHeader.NIFTI2_SIZE) && head.length >= 12
                && head[4] == 'n' && (head[5] == '+' || head[5] == 'i') && head[6] == '2') {
            return Optional.of(2);
        }
        return Optional.empty();
    }

    /** Whether the bytes look like an ANALYZE 7.5 header (size 348, no NIfTI magic). */
    static boolean looksLikeAnalyze(byte[] head) {
        if (head.length < 348) {
            return false;
        }
        int le = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int be = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        return (le == 348 || be == 348) && sniffVersion(head).isEmpty();
    }

    /**
     * Decodes a header from its bytes (at least 348 for NIfTI-1, 540 for NIfTI-2).
     *
     * @throws HeaderException if the bytes are not a well-formed NIfTI header
     */
    static NiftiHeader decode(byte[] bytes) throws HeaderException {
        if (bytes.length < 4) {
            throw new HeaderException("file is too short to hold a NIfTI header (" + bytes.length + " bytes)");
        }
        int version = sniffVersion(bytes).orElseThrow(() -> new HeaderException(looksLikeAnalyze(bytes)
                ? "ANALYZE 7.5 header without NIfTI magic: its orientation is ambiguous, convert it to NIfTI first"
                : bytes.length < 348 ? "file is too short to hold a NIfTI header (" + bytes.length + " bytes)"
                : "not a NIfTI file (no valid sizeof_hdr and magic)"));
        int size = version == 1 ? NiftiHeader.NIFTI1_SIZE : NiftiHeader.NIFTI2_SIZE;
        if (bytes.length < size) {
            throw new HeaderException("file ends inside the NIfTI-" + version + " header (" + bytes.length + " of "
                    + size + " bytes)");
        }
        ByteOrder order = ByteBuffer.wrap(bytes, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == size
                ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, size).order(order);
        NiftiHeader h = version == 1 ? decode1(b, order, bytes) : decode2(b, order, bytes);
        checkDims(h);
        return h;
    }

    private static NiftiHeader decode1(ByteBuffer b, ByteOrder order, byte[] bytes) {
        long[] dim = new long[8];
        for (int d = 0; d < 8; d++) {
            dim[d] = b.getShort(40 + 2 * d);
        }
        double[] pixdim = new double[8];
        for (int d = 0; d < 8; d++) {
            pixdim[d] = b.getFloat(76 + 4 * d);
        }
        return new NiftiHeader(1, order, bytes[345] == '+', dim, b.getShort(70), b.getShort(72), pixdim,
                voxOffset1(b.getFloat(108)), b.getFloat(112), b.getFloat(116), b.get(123) & 0xFF, b.getShort(68),
                b.getShort(252), b.getShort(254),
                b.getFloat(256), b.getFloat(260), b.getFloat(264), b.getFloat(268), b.getFloat(272), b.getFloat(276),
                floats(b, 280), floats(b, 296), floats(b, 312));
    }

    private static long voxOffset1(float v) {
        // NIfTI-1 stores vox_offset as a float; anything that is not a sane byte count becomes -1, which the
        // reader rejects with a clear message.
        return Float.isFinite(v) && v >= 0 && v < 1e15f ? (long) v : -1;
    }

    private static NiftiHeader decode2(ByteBuffer b, ByteOrder order, byte[] bytes) {
        long[] dim = new long[8];
        for (int d = 0; d < 8; d++) {
            dim[d] = b.getLong(16 + 8 * d);
        }
        double[] pixdim = new double[8];
        for (int d = 0; d < 8; d++) {
            pixdim[d] = b.getDouble(104 + 8 * d);
        }
        return new NiftiHeader(2, order, bytes[5] == '+', dim, b.getShort(12), b.getShort(14), pixdim,
                b.getLong(168), b.getDouble(176), b.getDouble(184), b.getInt(500), b.getInt(504),
                b.getInt(344), b.getInt(348),
                b.getDouble(352), b.getDouble(360), b.getDouble(368), b.getDouble(376), b.getDouble(384),
                b.getDouble(392), doubles(b, 400), doubles(b, 432), doubles(b, 464));
    }

    private static double[] floats(ByteBuffer b, int offset) {
        return new double[] {b.getFloat(offset), b.getFloat(offset + 4), b.getFloat(offset + 8),
            b.getFloat(offset + 12)};
    }

    private static double[] doubles(ByteBuffer b, int offset) {
        return new double[] {b.getDouble(offset), b.getDouble(offset + 8), b.getDouble(offset + 16),
            b.getDouble(offset + 24)};
    }

    private static void checkDims(NiftiHeader h) throws HeaderException {
        long rank = h.dim()[0];
        if (rank < 1 || rank > 7) {
            throw new HeaderException("dim[0] = " + rank + " is not a number of dimensions (1 to 7)");
        }
        for (int d = 1; d <= rank; d++) {
            if (h.dim()[d] < 1) {
                throw new HeaderException("dim[" + d + "] = " + h.dim()[d] + " is not a positive size");
            }
        }
    }

    /**
     * Encodes a header followed by the 4-byte extension flag (no extensions), so the result is exactly
     * {@code vox_offset} bytes long for a single-file NIfTI.
     */
    static byte[] encode(NiftiHeader h) {
        int size = h.headerSize();
        ByteBuffer b = ByteBuffer.allocate(size + 4).order(h.order());
        b.putInt(0, size);
        if (h.version() == 1) {
            b.put(38, (byte) 'r'); // regular = 'r', as ANALYZE readers expect
            for (int d = 0; d < 8; d++) {
                b.putShort(40 + 2 * d, (short) h.dim()[d]);
            }
            b.putShort(68, (short) h.intentCode());
            b.putShort(70, (short) h.datatype());
            b.putShort(72, (short) h.bitpix());
            for (int d = 0; d < 8; d++) {
                b.putFloat(76 + 4 * d, (float) h.pixdim()[d]);
            }
            b.putFloat(108, h.voxOffset());
            b.putFloat(112, (float) h.sclSlope());
            b.putFloat(116, (float) h.sclInter());
            b.put(123, (byte) h.xyztUnits());
            putText(b, 148, "Hardy", 80);
            b.putShort(252, (short) h.qformCode());
            b.putShort(254, (short) h.sformCode());
            putFloats(b, 256, h.quaternB(), h.quaternC(), h.quaternD(), h.qoffsetX(), h.qoffsetY(), h.qoffsetZ());
            putFloats(b, 280, h.srowX());
            putFloats(b, 296, h.srowY());
            putFloats(b, 312, h.srowZ());
            putText(b, 344, h.singleFile() ? "n+1" : "ni1", 4);
        } else {
            putText(b, 4, h.singleFile() ? "n+2" : "ni2", 4);
            for (int i = 0; i < MAGIC2_TAIL.length; i++) {
                b.put(8 + i, MAGIC2_TAIL[i]);
            }
            b.putShort(12, (short) h.datatype());
            b.putShort(14, (short) h.bitpix());
            for (int d = 0; d < 8; d++) {
                b.putLong(16 + 8 * d, h.dim()[d]);
            }
            for (int d = 0; d < 8; d++) {
                b.putDouble(104 + 8 * d, h.pixdim()[d]);
            }
            b.putLong(168, h.voxOffset());
            b.putDouble(176, h.sclSlope());
            b.putDouble(184, h.sclInter());
            putText(b, 240, "Hardy", 80);
            b.putInt(344, h.qformCode());
            b.putInt(348, h.sformCode());
            double[] q = {h.quaternB(), h.quaternC(), h.quaternD(), h.qoffsetX(), h.qoffsetY(), h.qoffsetZ()};
            for (int i = 0; i < 6; i++) {
                b.putDouble(352 + 8 * i, q[i]);
            }
            for (int i = 0; i < 4; i++) {
                b.putDouble(400 + 8 * i, h.srowX()[i]);
                b.putDouble(432 + 8 * i, h.srowY()[i]);
                b.putDouble(464 + 8 * i, h.srowZ()[i]);
            }
            b.putInt(500, h.xyztUnits());
            b.putInt(504, h.intentCode());
        }
        return b.array();
    }

    private static void putFloats(ByteBuffer b, int offset, double... values) {
        for (int i = 0; i < values.length; i++) {
            b.putFloat(offset + 4 * i, (float) values[i]);
        }
    }

    private static void putText(ByteBuffer b, int offset, String text, int max) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < Math.min(t.length, max - 1); i++) {
            b.put(offset + i, t[i]);
        }
    }
}
