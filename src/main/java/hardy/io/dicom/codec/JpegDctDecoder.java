package hardy.io.dicom.codec;

import java.util.Arrays;

/**
 * Decodes greyscale sequential DCT JPEG with Huffman coding (ITU-T T.81 | ISO/IEC 10918-1, baseline SOF0 and
 * extended SOF1), 8- or 12-bit samples: the DICOM transfer syntaxes 1.2.840.10008.1.2.4.50 and .51 (processes 1,
 * 2 and 4). Written from the standard; the inverse DCT is the IJG "islow" method ({@link JpegIdct}), so the
 * pixels equal those of DCMTK's dcmdjpeg, GDCM and libjpeg exactly.
 *
 * <p>Supported: one component, 8- and 16-bit quantisation tables, up to four Huffman and quantisation tables,
 * restart intervals, APPn and COM segments (skipped), fill bytes. Refused with a message naming the feature:
 * several components, progressive and lossless frames, arithmetic coding, hierarchical JPEG and images sized by
 * a DNL marker.
 *
 * <p>Nothing in the input is trusted. Every segment is checked against the bytes left, the frame size must be
 * the one the caller expects before the output is allocated, Huffman tables are validated when defined, and an
 * entropy-coded segment that ends before its last block is an error: libjpeg would fill the rest of the image
 * with grey, but a silently grey part of a medical image is worse than a refusal.
 */
public final class JpegDctDecoder {

    /** The most pixels a frame may have, whatever the caller expects (2^28, as for JPEG-LS). */
    static final int MAX_SAMPLES = JpegLsDecoder.MAX_SAMPLES;

    /** Natural (row-major) index of the coefficient at each zig-zag position (T.81 Figure A.6). */
    private static final int[] ZIGZAG = zigzag();

    private final byte[] in;
    private final int end;
    private final int expectedRows;
    private final int expectedColumns;
    private int pos;

    private final int[][] quant = new int[4][];
    private final JpegHuffmanTable[] dcTables = new JpegHuffmanTable[4];
    private final JpegHuffmanTable[] acTables = new JpegHuffmanTable[4];
    private int restartInterval;

    private int precision;
    private int width;
    private int height;
    private int componentId;
    private int quantIndex;
    private short[] samples;
    private boolean scanDone;

    private JpegDctDecoder(byte[] in, int offset, int length, int expectedRows, int expectedColumns) {
        this.in = in;
        this.pos = offset;
        this.end = offset + length;
        this.expectedRows = expectedRows;
        this.expectedColumns = expectedColumns;
    }

    /**
     * Decodes the JPEG stream in {@code data[offset..offset+length)}, which must be an image of
     * {@code expectedColumns} x {@code expectedRows} pixels. Bytes after EOI are ignored.
     *
     * @throws CodecException if the stream is malformed, truncated, of another size or uses a feature this
     *     decoder lacks
     */
    public static DecodedImage decode(byte[] data, int offset, int length, int expectedRows, int expectedColumns)
            throws CodecException {
        if (data == null || offset < 0 || length < 0 || offset > data.length - length) {
            throw new CodecException("JPEG data are missing");
        }
        return new JpegDctDecoder(data, offset, length, expectedRows, expectedColumns).run();
    }

    /**
     * The sample precision of the first frame header in the stream, or -1 if none is found among the leading
     * marker segments. Lets a caller choose a decoder for a stream whose transfer syntax does not say.
     */
    public static int samplePrecision(byte[] data, int offset, int length) {
        int p = offset + 2;
        int stop = Math.min(data.length, offset + length);
        while (p + 4 < stop && (data[p] & 0xFF) == 0xFF) {
            int marker = data[p + 1] & 0xFF;
            if (marker == 0xFF) {
                p++;
            } else if (isFrameMarker(marker)) {
                return data[p + 4] & 0xFF;
            } else if (marker == 0xDA) {
                return -1;
            } else {
                p += 2 + ((data[p + 2] & 0xFF) << 8 | data[p + 3] & 0xFF);
            }
        }
        return -1;
    }

    private static boolean isFrameMarker(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    // ---------------------------------------------------------------------------------------------- markers

    private DecodedImage run() throws CodecException {
        if (end - pos < 2 || (in[pos] & 0xFF) != 0xFF || (in[pos + 1] & 0xFF) != 0xD8) {
            throw new CodecException("Not a JPEG stream: it does not start with an SOI marker");
        }
        pos += 2;
        while (true) {
            if (scanDone && pos >= end) {
                return image(); // no EOI after the scan: tolerated, as libjpeg does
            }
            int marker = nextMarker();
            switch (marker) {
                case 0xC0, 0xC1 -> readFrame(segment("frame header"));
                case 0xC4 -> readHuffmanTables(segment("Huffman table"));
                case 0xDB -> readQuantisationTables(segment("quantisation table"));
                case 0xDD -> readRestartInterval(segment("restart interval"));
                case 0xDA -> readScan(segment("scan header"));
                case 0xD9 -> {
                    if (!scanDone) {
                        throw new CodecException("JPEG stream ends before its image data");
                    }
                    return image();
                }
                default -> {
                    if (marker >= 0xE0 && marker <= 0xEF || marker == 0xFE) {
                        segment("APP/COM");
                    } else {
                        throw unsupported(marker);
                    }
                }
            }
        }
    }

    private DecodedImage image() {
        return new DecodedImage(width, height, 1, precision, samples);
    }

    /** Reads a marker at {@code pos}, skipping fill bytes, and returns its code. */
    private int nextMarker() throws CodecException {
        if (pos >= end || (in[pos] & 0xFF) != 0xFF) {
            throw pos >= end ? endEarly() : new CodecException("JPEG data are corrupt: no marker at byte " + pos);
        }
        while (pos < end && (in[pos] & 0xFF) == 0xFF) {
            pos++;
        }
        if (pos >= end) {
            throw endEarly();
        }
        return in[pos++] & 0xFF;
    }

    private static CodecException unsupported(int marker) {
        String hex = String.format("0xFF%02X", marker);
        String what = switch (marker) {
            case 0xC2 -> "progressive JPEG (SOF2)";
            case 0xC3 -> "lossless JPEG (SOF3) in a DCT stream";
            case 0xC5, 0xC6, 0xC7 -> "hierarchical JPEG (SOF" + (marker - 0xC0) + ")";
            case 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF -> "arithmetic-coded JPEG (SOF" + (marker - 0xC0) + ")";
            case 0xCC -> "arithmetic-coded JPEG (DAC)";
            case 0xDE, 0xDF -> "hierarchical JPEG (" + (marker == 0xDE ? "DHP" : "EXP") + ")";
            case 0xDC -> "a JPEG image sized by a DNL marker";
            default -> null;
        };
        if (what != null) {
            return new CodecException(what + " is not supported");
        }
        if (marker >= 0xD0 && marker <= 0xD7) {
            return new CodecException("JPEG data are corrupt: restart marker " + hex + " outside a scan");
        }
        return new CodecException("JPEG stream has an unexpected marker " + hex);
    }

    /** The marker segment at {@code pos} as [start of its payload, end]; moves {@code pos} past it. */
    private int[] segment(String name) throws CodecException {
        if (end - pos < 2) {
            throw endEarly();
        }
        int length = (in[pos] & 0xFF) << 8 | in[pos + 1] & 0xFF;
        if (length < 2) {
            throw new CodecException("JPEG " + name + " segment has an invalid length " + length);
        }
        if (length > end - pos) {
            throw new CodecException("JPEG data end early: the " + name + " segment is " + length + " bytes, "
                    + (end - pos) + " are left");
        }
        int[] s = {pos + 2, pos + length};
        pos += length;
        return s;
    }

    private static CodecException tooShort(String name) {
        return new CodecException("JPEG " + name + " segment is too short");
    }

    private static CodecException endEarly() {
        return new CodecException("JPEG data end early: the stream is truncated");
    }

    private void readFrame(int[] s) throws CodecException {
        if (samples != null) {
            throw new CodecException("JPEG stream has more than one frame header");
        }
        int p = s[0];
        if (s[1] - p < 6) {
            throw tooShort("frame header");
        }
        precision = in[p] & 0xFF;
        height = (in[p + 1] & 0xFF) << 8 | in[p + 2] & 0xFF;
        width = (in[p + 3] & 0xFF) << 8 | in[p + 4] & 0xFF;
        int components = in[p + 5] & 0xFF;
        if (precision != 8 && precision != 12) {
            throw new CodecException("JPEG sample precision of " + precision + " bits is not valid for DCT (8 or 12)");
        }
        if (components != 1) {
            throw new CodecException("JPEG frame has " + components + " components: only greyscale is supported");
        }
        if (s[1] - p != 9) {
            throw new CodecException("JPEG frame header has length " + (s[1] - p + 2) + ", expected 11");
        }
        if (height == 0) {
            throw unsupported(0xDC);
        }
        if (width != expectedColumns || height != expectedRows) {
            throw new CodecException("JPEG frame is " + width + " x " + height + ", the header says " + expectedColumns
                    + " x " + expectedRows);
        }
        if ((long) width * height > MAX_SAMPLES) {
            throw new CodecException("JPEG frame of " + width + " x " + height + " pixels is too large");
        }
        componentId = in[p + 6] & 0xFF;
        // Sampling factors do not matter for a single component (T.81 A.2.2): its blocks are coded one by one.
        quantIndex = in[p + 8] & 0xFF;
        if (quantIndex > 3) {
            throw new CodecException("JPEG frame refers to quantisation table " + quantIndex + " (0 to 3)");
        }
        samples = new short[width * height];
    }

    private void readQuantisationTables(int[] s) throws CodecException {
        int p = s[0];
        while (p < s[1]) {
            int pq = (in[p] & 0xFF) >> 4;
            int tq = in[p] & 0x0F;
            p++;
            if (pq > 1 || tq > 3) {
                throw new CodecException("JPEG quantisation table has an invalid precision or index");
            }
            int bytes = pq == 0 ? 64 : 128;
            if (s[1] - p < bytes) {
                throw tooShort("quantisation table");
            }
            int[] table = new int[64];
            for (int k = 0; k < 64; k++) {
                table[ZIGZAG[k]] = pq == 0 ? in[p + k] & 0xFF : (in[p + 2 * k] & 0xFF) << 8 | in[p + 2 * k + 1] & 0xFF;
            }
            quant[tq] = table;
            p += bytes;
        }
    }

    private void readHuffmanTables(int[] s) throws CodecException {
        int p = s[0];
        while (p < s[1]) {
            if (s[1] - p < 17) {
                throw tooShort("Huffman table");
            }
            int tc = (in[p] & 0xFF) >> 4;
            int th = in[p] & 0x0F;
            if (tc > 1 || th > 3) {
                throw new CodecException("JPEG Huffman table has an invalid class or index");
            }
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = in[p + 1 + i] & 0xFF;
                total += counts[i];
            }
            p += 17;
            if (total > 256) {
                throw new CodecException("JPEG Huffman table is invalid: " + total + " codes (at most 256)");
            }
            if (s[1] - p < total) {
                throw tooShort("Huffman table");
            }
            JpegHuffmanTable table = JpegHuffmanTable.of(counts, Arrays.copyOfRange(in, p, p + total));
            (tc == 0 ? dcTables : acTables)[th] = table;
            p += total;
        }
    }

    private void readRestartInterval(int[] s) throws CodecException {
        if (s[1] - s[0] != 2) {
            throw new CodecException("JPEG restart interval segment has length " + (s[1] - s[0] + 2) + ", expected 4");
        }
        restartInterval = (in[s[0]] & 0xFF) << 8 | in[s[0] + 1] & 0xFF;
    }

    private void readScan(int[] s) throws CodecException {
        if (samples == null) {
            throw new CodecException("JPEG scan comes before the frame header");
        }
        if (scanDone) {
            throw new CodecException("JPEG stream has a second scan for its one component");
        }
        int p = s[0];
        if (s[1] - p < 1) {
            throw tooShort("scan header");
        }
        int ns = in[p] & 0xFF;
        if (ns != 1 || s[1] - p != 6) {
            throw new CodecException("JPEG scan header is invalid for one component (" + ns + " components)");
        }
        if ((in[p + 1] & 0xFF) != componentId) {
            throw new CodecException("JPEG scan refers to component " + (in[p + 1] & 0xFF) + ", not in the frame");
        }
        int td = (in[p + 2] & 0xFF) >> 4;
        int ta = in[p + 2] & 0x0F;
        // Ss, Se, Ah and Al (bytes 3 to 5) are fixed in sequential mode; like libjpeg, other values are ignored.
        if (td > 3 || ta > 3 || dcTables[td] == null || acTables[ta] == null) {
            throw new CodecException("JPEG scan uses a Huffman table that is not defined");
        }
        if (quant[quantIndex] == null) {
            throw new CodecException("JPEG scan uses quantisation table " + quantIndex + ", which is not defined");
        }
        JpegBitReader reader = new JpegBitReader(in, pos, end);
        new JpegDctScan(reader, dcTables[td], acTables[ta], quant[quantIndex], precision, restartInterval)
                .decode(samples, width, height);
        scanDone = true;
        int marker = reader.nextMarker();
        pos = marker < 0 ? end : reader.position() - 2;
    }

    private static int[] zigzag() {
        int[] order = new int[64];
        int k = 0;
        for (int d = 0; d < 15; d++) {
            // Anti-diagonal d (row + column = d) is walked upwards when d is even, downwards when odd.
            for (int i = 0; i <= d; i++) {
                int row = d % 2 == 0 ? d - i : i;
                int col = d - row;
                if (row < 8 && col < 8) {
                    order[k++] = 8 * row + col;
                }
            }
        }
        return order;
    }

    /** Natural index of zig-zag position {@code k}, for the scan decoder. */
    static int natural(int k) {
        return ZIGZAG[k];
    }
}
