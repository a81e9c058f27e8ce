package hardy.io.dicom.codec;

/**
 * Decodes one frame of DICOM RLE Lossless (PS3.5 annex G): a 64-byte header of up to 15 segment offsets, then
 * one PackBits segment per byte plane, most significant byte first, sample by sample. The result is the frame in
 * native little-endian layout, samples interleaved by pixel.
 */
public final class RleDecoder {

    private RleDecoder() {
    }

    /**
     * Decodes a frame of {@code rows * columns} pixels of {@code samples} samples of {@code bytesPerSample} bytes.
     *
     * @throws CodecException if the data are malformed or end early
     */
    public static byte[] decode(byte[] data, int offset, int length, int rows, int columns, int samples,
                                int bytesPerSample) throws CodecException {
        if (length < 64) {
            throw new CodecException("RLE frame is shorter than its 64-byte header");
        }
        int segments = u32(data, offset);
        int expected = samples * bytesPerSample;
        if (segments != expected) {
            throw new CodecException("RLE frame has " + segments + " segments, expected " + expected);
        }
        long size = (long) rows * columns * expected;
        // A PackBits replicate run turns 2 bytes into at most 128: more than 64x the data cannot be honest.
        if (size > (long) length * 64 || size > Integer.MAX_VALUE - 8) {
            throw new CodecException("RLE frame of " + length + " bytes cannot hold " + rows + " x " + columns
                    + " pixels");
        }
        int pixels = rows * columns;
        byte[] out = new byte[(int) size];
        for (int s = 0; s < segments; s++) {
            long start = u32(data, offset + 4 + 4 * s) & 0xFFFFFFFFL;
            long stop = s + 1 < segments ? u32(data, offset + 8 + 4 * s) & 0xFFFFFFFFL : length;
            if (start < 64 || start > stop || stop > length) {
                throw new CodecException("RLE segment " + s + " has invalid offsets");
            }
            int sample = s / bytesPerSample;
            int byteInSample = bytesPerSample - 1 - s % bytesPerSample; // MSB segment first; output little-endian
            unpack(data, offset + (int) start, offset + (int) stop, out, sample * bytesPerSample + byteInSample,
                    expected, pixels);
        }
        return out;
    }

    /** PackBits into every {@code stride}-th byte of {@code out} from {@code first}, {@code count} bytes. */
    private static void unpack(byte[] in, int pos, int end, byte[] out, int first, int stride, int count)
            throws CodecException {
        int written = 0;
        while (written < count) {
            if (pos >= end) {
                throw new CodecException("RLE segment ends early");
            }
            int n = in[pos++];
            if (n >= 0) {
                int run = n + 1;
                if (pos + run > end) {
                    throw new CodecException("RLE literal run ends early");
                }
                for (int i = 0; i < run && written < count; i++) {
                    out[first + stride * written++] = in[pos + i];
                }
                pos += run;
            } else if (n != -128) {
                if (pos >= end) {
                    throw new CodecException("RLE replicate run ends early");
                }
                byte b = in[pos++];
                for (int i = 0; i < 1 - n && written < count; i++) {
                    out[first + stride * written++] = b;
                }
            }
        }
    }

    private static int u32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }
}
