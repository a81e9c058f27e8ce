package hardy.io.dicom.codec;

import java.util.Arrays;

/**
 * The entropy-coded data of one single-component sequential DCT scan (T.81 F.2.2): Huffman-coded DC differences
 * and AC run/size pairs, block by block in raster order, with restart markers every {@code restartInterval}
 * blocks when that is not 0. Each block goes through the inverse DCT straight into the output image.
 */
final class JpegDctScan {

    private final JpegBitReader reader;
    private final JpegHuffmanTable dc;
    private final JpegHuffmanTable ac;
    private final int[] quant;
    private final JpegIdct idct;
    private final int restartInterval;
    private final int[] block = new int[64];

    JpegDctScan(JpegBitReader reader, JpegHuffmanTable dc, JpegHuffmanTable ac, int[] quant, int precision,
            int restartInterval) {
        this.reader = reader;
        this.dc = dc;
        this.ac = ac;
        this.quant = quant;
        this.idct = new JpegIdct(precision);
        this.restartInterval = restartInterval;
    }

    /** Decodes every block of a {@code width} x {@code height} image into {@code dst}, row by row. */
    void decode(short[] dst, int width, int height) throws CodecException {
        int blocksPerRow = (width + 7) / 8;
        int blockRows = (height + 7) / 8;
        int predictor = 0;
        int left = restartInterval;
        int nextRestart = 0;
        for (int by = 0; by < blockRows; by++) {
            for (int bx = 0; bx < blocksPerRow; bx++) {
                if (restartInterval > 0) {
                    if (left == 0) {
                        int marker = reader.nextMarker();
                        if (marker != 0xD0 + nextRestart) {
                            throw new CodecException("JPEG data are corrupt: expected restart marker RST"
                                    + nextRestart + (marker < 0 ? ", found the end of the data"
                                    : String.format(", found 0xFF%02X", marker)));
                        }
                        nextRestart = (nextRestart + 1) & 7;
                        predictor = 0;
                        left = restartInterval;
                    }
                    left--;
                }
                predictor = decodeBlock(predictor);
                if (reader.overran()) {
                    throw new CodecException("JPEG data end early: the entropy-coded data stop in block " + bx + ", "
                            + by + " of " + blocksPerRow + " x " + blockRows);
                }
                int x = 8 * bx;
                int y = 8 * by;
                idct.transform(block, quant, dst, y * width + x, width, Math.min(8, width - x),
                        Math.min(8, height - y));
            }
        }
    }

    /** Decodes one block's coefficients into {@link #block} (natural order); returns the new DC predictor. */
    private int decodeBlock(int predictor) throws CodecException {
        Arrays.fill(block, 0);
        int s = dc.decode(reader);
        if (s > 16) {
            throw new CodecException("JPEG data are corrupt: DC difference category " + s + " (at most 16)");
        }
        int dcValue = predictor + extend(s == 0 ? 0 : reader.bits(s), s);
        // The reference keeps coefficients as 16-bit values and the predictor as int; so do we.
        block[0] = (short) dcValue;
        for (int k = 1; k < 64; k++) {
            int rs = ac.decode(reader);
            int run = rs >> 4;
            int size = rs & 15;
            if (size == 0) {
                if (run != 15) {
                    break; // end of block
                }
                k += 15; // sixteen zeros
                continue;
            }
            k += run;
            if (k > 63) {
                throw new CodecException("JPEG data are corrupt: a block has more than 64 coefficients");
            }
            block[JpegDctDecoder.natural(k)] = (short) extend(reader.bits(size), size);
        }
        return dcValue;
    }

    /** The signed value of the {@code size}-bit magnitude code {@code v} (T.81 F.2.2.1, EXTEND). */
    private static int extend(int v, int size) {
        return size == 0 || v >= 1 << (size - 1) ? v : v - (1 << size) + 1;
    }
}
