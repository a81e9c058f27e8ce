package hardy.io.dicom.codec;

import java.util.Arrays;

/**
 * Decodes JPEG-LS (ITU-T T.87 | ISO/IEC 14495-1, the LOCO-I algorithm), as used by the DICOM transfer syntaxes
 * 1.2.840.10008.1.2.4.80 (lossless) and .81 (near-lossless). Written from the standard's description.
 *
 * <p>Supported: precision 2 to 16 bits, NEAR 0 (lossless) and above, 1 to 4 components without subsampling,
 * interleave modes none, line and sample, preset coding parameters (LSE type 1) and the default thresholds
 * otherwise, oversize dimensions (LSE type 4), restart intervals (DRI/RSTm), fill bytes before markers, APPn and
 * COM segments (skipped). Not supported: subsampled components, palette mapping tables (LSE types 2/3 referred to
 * by a scan), point transforms, the HP colour transforms (APP8 "mrfx"), JPEG-LS part 2 (SOF57) and DNL.
 *
 * <p>Nothing in the input is trusted: every read is checked against the end of the data, the image size is
 * bounded before anything is allocated, and each line costs a bounded amount of work, so malformed input ends in
 * a {@link CodecException} with a one-line message.
 */
public final class JpegLsDecoder {

    /** The most samples (width x height x components) an image may have. */
    static final int MAX_SAMPLES = 1 << 28;

    /** Run-length order per RUNindex (T.87 A.7.1.1). */
    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9,
        10, 11, 12, 13, 14, 15};

    /** Context index of the run-interruption contexts; +0 for RItype 0, +1 for RItype 1. */
    private static final int RUN_CONTEXT = 365;
    private static final int MIN_C = -128;
    private static final int MAX_C = 127;

    private final byte[] in;
    private int pos;

    // Frame.
    private boolean frameSeen;
    private long frameWidth;
    private long frameHeight;
    private int width;
    private int height;
    private int precision;
    private int components;
    private int[] componentIds;
    private boolean[] componentDone;
    private short[] out;

    // Preset coding parameters of the last LSE type 1 (0 = default), and the restart interval of the last DRI.
    private int presetMaxval;
    private int presetT1;
    private int presetT2;
    private int presetT3;
    private int presetReset;
    private long restartInterval;

    // Current marker segment.
    private String segmentName;
    private int sp;
    private int segmentEnd;

    // Coding parameters of the current scan.
    private int maxval;
    private int near;
    private int range;
    private int qbpp;
    private int limit;
    private int reset;
    private int step;
    private int rangeStep;
    private byte[] quant;
    private int quantOffset;

    // Context variables; 1..364 regular, 365/366 run interruption.
    private final int[] ctxA = new int[RUN_CONTEXT + 2];
    private final int[] ctxB = new int[RUN_CONTEXT + 2];
    private final int[] ctxC = new int[RUN_CONTEXT + 2];
    private final int[] ctxN = new int[RUN_CONTEXT + 2];
    private final int[] ctxNn = new int[2];
    private int runIndex;

    // Bit reader over one entropy-coded segment [rpos, rend): bits left-aligned in cache.
    private long cache;
    private int bits;
    private int rpos;
    private int rend;
    private boolean lastFF;
    private long virtualBits;

    /** The size the container promises, checked before any image memory is allocated; 0 when unknown. */
    private final int expectedWidth;
    private final int expectedHeight;

    private JpegLsDecoder(byte[] in, int expectedWidth, int expectedHeight) {
        this.in = in;
        this.expectedWidth = expectedWidth;
        this.expectedHeight = expectedHeight;
    }

    /**
     * Decodes one JPEG-LS codestream (SOI..EOI), as found in one DICOM frame. Bytes after EOI are ignored.
     *
     * @throws CodecException if the stream is malformed, truncated or uses a feature this decoder lacks
     */
    public static DecodedImage decode(byte[] data) throws CodecException {
        return decode(data, 0, 0);
    }

    /**
     * Decodes one JPEG-LS codestream whose image must be {@code width x height}, as its container (DICOM Rows and
     * Columns) says. The size is checked before the image is allocated, so a small stream cannot claim a huge
     * image.
     *
     * @throws CodecException if the stream is malformed, truncated, of another size, or uses a feature this
     *                        decoder lacks
     */
    public static DecodedImage decode(byte[] data, int width, int height) throws CodecException {
        if (data == null) {
            throw new CodecException("JPEG-LS data are missing");
        }
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative image size " + width + " x " + height);
        }
        return new JpegLsDecoder(data, width, height).run();
    }

    // ---------------------------------------------------------------------------------------------- markers

    private DecodedImage run() throws CodecException {
        if (in.length < 2 || (in[0] & 0xFF) != 0xFF || (in[1] & 0xFF) != 0xD8) {
            throw new CodecException("Not a JPEG-LS stream: it does not start with an SOI marker");
        }
        pos = 2;
        while (true) {
            int marker = nextMarker();
            switch (marker) {
                case 0xF7 -> readFrameHeader();
                case 0xF8 -> readPresetParameters();
                case 0xDD -> readRestartInterval();
                case 0xDA -> readScan();
                case 0xD9 -> {
                    return finish();
                }
                case 0xE8 -> readApp8();
                default -> {
                    if (marker >= 0xE0 && marker <= 0xEF || marker == 0xFE) {
                        beginSegment("APP/COM");
                        pos = segmentEnd;
                    } else {
                        throw unexpectedMarker(marker);
                    }
                }
            }
        }
    }

    /** Reads a marker at {@code pos}, skipping fill bytes, and returns its code. */
    private int nextMarker() throws CodecException {
        if (pos >= in.length) {
            throw endEarly();
        }
        if ((in[pos] & 0xFF) != 0xFF) {
            throw new CodecException("JPEG-LS data are corrupt: no marker at byte " + pos);
        }
        while (pos < in.length && (in[pos] & 0xFF) == 0xFF) {
            pos++;
        }
        if (pos >= in.length) {
            throw endEarly();
        }
        int code = in[pos++] & 0xFF;
        if (code == 0) {
            throw new CodecException("JPEG-LS data are corrupt: stray 0xFF00 at byte " + (pos - 2));
        }
        return code;
    }

    private static CodecException unexpectedMarker(int marker) {
        String hex = String.format("0xFF%02X", marker);
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
            String kind = (marker & 3) == 3 ? "lossless JPEG" : "DCT-based JPEG";
            return new CodecException("Not a JPEG-LS stream: it is " + kind + " (frame marker " + hex + ")");
        }
        if (marker == 0xF9) {
            return new CodecException("JPEG-LS extensions (ITU-T T.870, marker 0xFFF9) are not supported");
        }
        if (marker >= 0xD0 && marker <= 0xD7) {
            return new CodecException("JPEG-LS data are corrupt: restart marker " + hex + " outside a scan");
        }
        if (marker == 0xDC) {
            return new CodecException("JPEG-LS images sized by a DNL marker are not supported");
        }
        return new CodecException("JPEG-LS stream has an unexpected marker " + hex);
    }

    /** Starts the marker segment at {@code pos}; sets {@code pos} past it. */
    private int beginSegment(String name) throws CodecException {
        if (pos + 2 > in.length) {
            throw endEarly();
        }
        int length = (in[pos] & 0xFF) << 8 | in[pos + 1] & 0xFF;
        if (length < 2) {
            throw new CodecException("JPEG-LS " + name + " segment has an invalid length " + length);
        }
        if (length > in.length - pos) {
            throw endEarly();
        }
        segmentName = name;
        sp = pos + 2;
        segmentEnd = pos + length;
        pos = segmentEnd;
        return length;
    }

    private int s8() throws CodecException {
        if (sp >= segmentEnd) {
            throw new CodecException("JPEG-LS " + segmentName + " segment is too short");
        }
        return in[sp++] & 0xFF;
    }

    private int s16() throws CodecException {
        return s8() << 8 | s8();
    }

    private long sN(int bytes) throws CodecException {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = v << 8 | s8();
        }
        return v;
    }

    private void expectLength(int length, int expected) throws CodecException {
        if (length != expected) {
            throw new CodecException("JPEG-LS " + segmentName + " segment has length " + length + ", expected "
                    + expected);
        }
    }

    private void readFrameHeader() throws CodecException {
        if (frameSeen) {
            throw new CodecException("JPEG-LS stream has more than one frame header");
        }
        int length = beginSegment("frame header");
        precision = s8();
        frameHeight = s16();
        frameWidth = s16();
        components = s8();
        if (components < 1) {
            throw new CodecException("JPEG-LS frame header has no components");
        }
        expectLength(length, 8 + 3 * components);
        if (precision < 2 || precision > 16) {
            throw new CodecException("JPEG-LS precision of " + precision + " bits is not supported (2 to 16)");
        }
        if (components > 4) {
            throw new CodecException("JPEG-LS images of " + components + " components are not supported");
        }
        componentIds = new int[components];
        componentDone = new boolean[components];
        int sampling = -1;
        for (int c = 0; c < components; c++) {
            componentIds[c] = s8();
            for (int d = 0; d < c; d++) {
                if (componentIds[d] == componentIds[c]) {
                    throw new CodecException("JPEG-LS frame header repeats component " + componentIds[c]);
                }
            }
            int hv = s8();
            s8(); // Tq, 0 in JPEG-LS
            if (sampling >= 0 && hv != sampling) {
                throw new CodecException("JPEG-LS images with subsampled components are not supported");
            }
            sampling = hv;
        }
        frameSeen = true;
    }

    private void readPresetParameters() throws CodecException {
        int length = beginSegment("preset parameters (LSE)");
        int id = s8();
        switch (id) {
            case 1 -> {
                expectLength(length, 13);
                presetMaxval = s16();
                presetT1 = s16();
                presetT2 = s16();
                presetT3 = s16();
                presetReset = s16();
            }
            case 2, 3 -> {
                // Palette mapping table (or its continuation): only refused if a scan refers to one.
            }
            case 4 -> {
                if (!frameSeen || out != null) {
                    throw new CodecException("JPEG-LS oversize dimensions appear outside the frame header");
                }
                int wxy = s8();
                if (wxy < 2 || wxy > 4) {
                    throw new CodecException("JPEG-LS oversize dimensions have an invalid size " + wxy);
                }
                expectLength(length, 4 + 2 * wxy);
                frameHeight = sN(wxy);
                frameWidth = sN(wxy);
            }
            default -> throw new CodecException("JPEG-LS preset parameters of type " + id + " are not supported");
        }
    }

    private void readRestartInterval() throws CodecException {
        int length = beginSegment("restart interval (DRI)");
        if (length < 4 || length > 6) {
            throw new CodecException("JPEG-LS " + segmentName + " segment has an invalid length " + length);
        }
        restartInterval = sN(length - 2);
    }

    private void readApp8() throws CodecException {
        int length = beginSegment("APP8");
        if (length >= 7 && s8() == 'm' && s8() == 'r' && s8() == 'f' && s8() == 'x') {
            int transform = s8();
            if (transform != 0) {
                throw new CodecException("JPEG-LS colour transform HP" + transform + " is not supported");
            }
        }
    }

    private void readScan() throws CodecException {
        if (!frameSeen) {
            throw new CodecException("JPEG-LS scan comes before the frame header");
        }
        int length = beginSegment("scan header");
        int ns = s8();
        if (ns < 1 || ns > components) {
            throw new CodecException("JPEG-LS scan has " + ns + " components, the frame " + components);
        }
        expectLength(length, 6 + 2 * ns);
        int[] scanComponents = new int[ns];
        for (int i = 0; i < ns; i++) {
            int id = s8();
            int mappingTable = s8();
            int index = -1;
            for (int c = 0; c < components; c++) {
                if (componentIds[c] == id) {
                    index = c;
                }
            }
            if (index < 0 || componentDone[index]) {
                throw new CodecException("JPEG-LS scan refers to an unknown or already decoded component " + id);
            }
            if (mappingTable != 0) {
                throw new CodecException("JPEG-LS palette mapping tables are not supported");
            }
            componentDone[index] = true;
            scanComponents[i] = index;
        }
        int nearLossless = s8();
        int interleave = s8();
        int pointTransform = s8();
        if (interleave > 2 || interleave == 0 && ns > 1) {
            throw new CodecException("JPEG-LS scan has an invalid interleave mode " + interleave);
        }
        if (pointTransform != 0) {
            throw new CodecException("JPEG-LS point transforms are not supported");
        }
        allocateImage();
        setUpParameters(nearLossless);
        decodeScan(scanComponents, interleave == 2 && ns > 1);
    }

    private void allocateImage() throws CodecException {
        if (out != null) {
            return;
        }
        if (frameHeight == 0) {
            throw new CodecException("JPEG-LS images sized by a DNL marker are not supported");
        }
        if (frameWidth == 0) {
            throw new CodecException("JPEG-LS image has no width");
        }
        if (expectedWidth > 0 && (frameWidth != expectedWidth || frameHeight != expectedHeight)) {
            throw new CodecException("JPEG-LS frame is " + frameWidth + " x " + frameHeight + ", the container says "
                    + expectedWidth + " x " + expectedHeight);
        }
        if (frameWidth > MAX_SAMPLES || frameHeight > MAX_SAMPLES
                || frameWidth * frameHeight * components > MAX_SAMPLES) {
            throw new CodecException("JPEG-LS image of " + frameWidth + " x " + frameHeight + " x " + components
                    + " samples is too large");
        }
        // Every line takes at least one bit per 2^15 samples (the longest run one bit can code).
        long minimumBits = frameHeight * ((frameWidth + 32767) / 32768);
        if (minimumBits > 8L * (in.length - pos)) {
            throw new CodecException("JPEG-LS data end early: " + in.length + " bytes cannot hold " + frameWidth
                    + " x " + frameHeight + " pixels");
        }
        width = (int) frameWidth;
        height = (int) frameHeight;
        out = new short[width * height * components];
    }

    private void setUpParameters(int nearLossless) throws CodecException {
        int maxPossible = (1 << precision) - 1;
        maxval = presetMaxval != 0 ? presetMaxval : maxPossible;
        if (maxval > maxPossible) {
            throw new CodecException("JPEG-LS MAXVAL " + maxval + " exceeds the precision of " + precision
                    + " bits");
        }
        if (nearLossless > Math.min(255, maxval / 2)) {
            throw new CodecException("JPEG-LS NEAR " + nearLossless + " is too large for MAXVAL " + maxval);
        }
        near = nearLossless;
        step = 2 * near + 1;
        range = (maxval + 2 * near) / step + 1;
        rangeStep = range * step;
        qbpp = 32 - Integer.numberOfLeadingZeros(range - 1);
        int bpp = Math.max(2, 32 - Integer.numberOfLeadingZeros(maxval));
        limit = 2 * (bpp + Math.max(8, bpp));

        // Default thresholds, T.87 C.2.4.1.1.1.
        int t1;
        int t2;
        int t3;
        if (maxval >= 128) {
            int factor = (Math.min(maxval, 4095) + 128) / 256;
            t1 = clampThreshold(factor * (3 - 2) + 2 + 3 * near, near + 1);
            t2 = clampThreshold(factor * (7 - 3) + 3 + 5 * near, t1);
            t3 = clampThreshold(factor * (21 - 4) + 4 + 7 * near, t2);
        } else {
            int factor = 256 / (maxval + 1);
            t1 = clampThreshold(Math.max(2, 3 / factor + 3 * near), near + 1);
            t2 = clampThreshold(Math.max(3, 7 / factor + 5 * near), t1);
            t3 = clampThreshold(Math.max(4, 21 / factor + 7 * near), t2);
        }
        t1 = presetT1 != 0 ? presetT1 : t1;
        t2 = presetT2 != 0 ? presetT2 : t2;
        t3 = presetT3 != 0 ? presetT3 : t3;
        reset = presetReset != 0 ? presetReset : 64;
        if (t1 < near + 1 || t1 > maxval || t2 < t1 || t2 > maxval || t3 < t2 || t3 > maxval) {
            throw new CodecException("JPEG-LS thresholds " + t1 + ", " + t2 + ", " + t3 + " are invalid");
        }
        if (reset < 3 || reset > Math.max(255, maxval)) {
            throw new CodecException("JPEG-LS RESET " + reset + " is invalid");
        }

        quantOffset = maxval;
        quant = new byte[2 * maxval + 1];
        for (int d = -maxval; d <= maxval; d++) {
            int q;
            if (d <= -t3) {
                q = -4;
            } else if (d <= -t2) {
                q = -3;
            } else if (d <= -t1) {
                q = -2;
            } else if (d < -near) {
                q = -1;
            } else if (d <= near) {
                q = 0;
            } else if (d < t1) {
                q = 1;
            } else if (d < t2) {
                q = 2;
            } else if (d < t3) {
                q = 3;
            } else {
                q = 4;
            }
            quant[d + maxval] = (byte) q;
        }
    }

    private int clampThreshold(int value, int low) {
        return value > maxval || value < low ? low : value;
    }

    private DecodedImage finish() throws CodecException {
        if (!frameSeen) {
            throw new CodecException("JPEG-LS stream has no frame header");
        }
        for (int c = 0; c < components; c++) {
            if (!componentDone[c]) {
                throw new CodecException("JPEG-LS stream has no scan for component " + componentIds[c]);
            }
        }
        return new DecodedImage(width, height, components, precision, out);
    }

    // ---------------------------------------------------------------------------------------------- scan

    private void initContexts() {
        int a = Math.max(2, (range + 32) >> 6);
        Arrays.fill(ctxA, a);
        Arrays.fill(ctxB, 0);
        Arrays.fill(ctxC, 0);
        Arrays.fill(ctxN, 1);
        Arrays.fill(ctxNn, 0);
    }

    private void decodeScan(int[] scanComponents, boolean sampleInterleaved) throws CodecException {
        int ns = scanComponents.length;
        int[][] prev = new int[ns][width + 2];
        int[][] cur = new int[ns][width + 2];
        int[] runIndices = new int[ns];
        initContexts();
        long interval = restartInterval == 0 ? height : restartInterval;
        int nextRestart = 0;
        startSegment(pos);
        for (int y = 0; y < height; y++) {
            if (y > 0 && y % interval == 0) {
                readRestartMarker(nextRestart);
                nextRestart = (nextRestart + 1) & 7;
                for (int c = 0; c < ns; c++) {
                    Arrays.fill(prev[c], 0);
                    Arrays.fill(cur[c], 0);
                }
                Arrays.fill(runIndices, 0);
                initContexts();
            }
            if (sampleInterleaved) {
                runIndex = runIndices[0];
                decodeSampleLine(prev, cur);
                runIndices[0] = runIndex;
            } else {
                for (int c = 0; c < ns; c++) {
                    runIndex = runIndices[c];
                    decodeLine(prev[c], cur[c]);
                    runIndices[c] = runIndex;
                }
            }
            if (virtualBits > bits) {
                throw endEarly();
            }
            for (int c = 0; c < ns; c++) {
                storeLine(cur[c], y, scanComponents[c]);
                int[] t = prev[c];
                prev[c] = cur[c];
                cur[c] = t;
            }
        }
        pos = rend;
    }

    private void storeLine(int[] line, int y, int component) {
        int w = width;
        if (components == 1) {
            int base = y * w - 1;
            for (int x = 1; x <= w; x++) {
                out[base + x] = (short) line[x];
            }
        } else {
            int nc = components;
            int o = y * w * nc + component;
            for (int x = 1; x <= w; x++, o += nc) {
                out[o] = (short) line[x];
            }
        }
    }

    private void readRestartMarker(int expected) throws CodecException {
        pos = rend; // what is left of the segment is padding
        int marker = nextMarker();
        if (marker != 0xD0 + expected) {
            throw new CodecException("JPEG-LS data are corrupt: restart marker RST" + expected + " is missing");
        }
        startSegment(pos);
    }

    /** Decodes one line of one component (interleave none or line). */
    private void decodeLine(int[] prev, int[] cur) throws CodecException {
        int w = width;
        byte[] qt = quant;
        int off = quantOffset;
        cur[0] = prev[1];
        prev[w + 1] = prev[w];
        int x = 1;
        while (x <= w) {
            int ra = cur[x - 1];
            int rb = prev[x];
            int rc = prev[x - 1];
            int rd = prev[x + 1];
            int q = 81 * qt[off + rd - rb] + 9 * qt[off + rb - rc] + qt[off + rc - ra];
            if (q != 0) {
                cur[x] = decodeRegular(q, ra, rb, rc);
                x++;
            } else {
                x = decodeRun(prev, cur, x);
            }
        }
    }

    /** Decodes a run starting at {@code x} and its interruption sample, if any; returns the next position. */
    private int decodeRun(int[] prev, int[] cur, int x) throws CodecException {
        int w = width;
        int ra = cur[x - 1];
        while (true) {
            if (readBit()) {
                int rm = 1 << J[runIndex];
                int n = Math.min(rm, w - x + 1);
                Arrays.fill(cur, x, x + n, ra);
                x += n;
                if (n == rm && runIndex < 31) {
                    runIndex++;
                }
                if (x > w) {
                    return x;
                }
            } else {
                int count = readBits(J[runIndex]);
                if (count > w - x) {
                    throw corrupt("a run goes past the end of a line");
                }
                Arrays.fill(cur, x, x + count, ra);
                x += count;
                int rb = prev[x];
                cur[x] = decodeInterruption(ra, rb, Math.abs(ra - rb) <= near ? 1 : 0);
                if (runIndex > 0) {
                    runIndex--;
                }
                return x + 1;
            }
        }
    }

    /** Decodes one line of all components of a sample-interleaved scan. */
    private void decodeSampleLine(int[][] prev, int[][] cur) throws CodecException {
        int w = width;
        int ns = prev.length;
        byte[] qt = quant;
        int off = quantOffset;
        for (int c = 0; c < ns; c++) {
            cur[c][0] = prev[c][1];
            prev[c][w + 1] = prev[c][w];
        }
        int[] qs = new int[ns];
        int x = 1;
        while (x <= w) {
            boolean run = true;
            for (int c = 0; c < ns; c++) {
                int[] p = prev[c];
                int ra = cur[c][x - 1];
                int rb = p[x];
                int rc = p[x - 1];
                int rd = p[x + 1];
                int q = 81 * qt[off + rd - rb] + 9 * qt[off + rb - rc] + qt[off + rc - ra];
                qs[c] = q;
                run &= q == 0;
            }
            if (!run) {
                for (int c = 0; c < ns; c++) {
                    int[] p = prev[c];
                    cur[c][x] = decodeRegular(qs[c], cur[c][x - 1], p[x], p[x - 1]);
                }
                x++;
            } else {
                x = decodeSampleRun(prev, cur, x);
            }
        }
    }

    private int decodeSampleRun(int[][] prev, int[][] cur, int x) throws CodecException {
        int w = width;
        int ns = prev.length;
        while (true) {
            if (readBit()) {
                int rm = 1 << J[runIndex];
                int n = Math.min(rm, w - x + 1);
                for (int c = 0; c < ns; c++) {
                    Arrays.fill(cur[c], x, x + n, cur[c][x - 1]);
                }
                x += n;
                if (n == rm && runIndex < 31) {
                    runIndex++;
                }
                if (x > w) {
                    return x;
                }
            } else {
                int count = readBits(J[runIndex]);
                if (count > w - x) {
                    throw corrupt("a run goes past the end of a line");
                }
                for (int c = 0; c < ns; c++) {
                    Arrays.fill(cur[c], x, x + count, cur[c][x - 1]);
                }
                x += count;
                // In sample-interleaved scans every component of the interruption pixel is coded as RItype 0.
                for (int c = 0; c < ns; c++) {
                    cur[c][x] = decodeInterruption(cur[c][x - 1], prev[c][x], 0);
                }
                if (runIndex > 0) {
                    runIndex--;
                }
                return x + 1;
            }
        }
    }

    /** Decodes a sample in regular mode, T.87 A.3 to A.6, for context {@code q} (signed, non-zero). */
    private int decodeRegular(int q, int ra, int rb, int rc) throws CodecException {
        int sign = 1;
        if (q < 0) {
            q = -q;
            sign = -1;
        }
        int px;
        if (rc >= Math.max(ra, rb)) {
            px = Math.min(ra, rb);
        } else if (rc <= Math.min(ra, rb)) {
            px = Math.max(ra, rb);
        } else {
            px = ra + rb - rc;
        }
        int c = ctxC[q];
        px += sign * c;
        if (px < 0) {
            px = 0;
        } else if (px > maxval) {
            px = maxval;
        }
        int a = ctxA[q];
        int b = ctxB[q];
        int n = ctxN[q];
        // The least k with n * 2^k >= a: k0 (the difference of their bit lengths) or k0 + 1.
        int k = Math.max(0, Integer.numberOfLeadingZeros(n) - Integer.numberOfLeadingZeros(a));
        if ((long) n << k < a) {
            k++;
        }
        int m = decodeValue(k, limit);
        int e = (m >>> 1) ^ -(m & 1);
        if (k == 0 && near == 0 && 2 * b <= -n) {
            e = ~e;
        }

        b += e * step;
        a += Math.abs(e);
        if (n == reset) {
            a >>= 1;
            b >>= 1;
            n >>= 1;
        }
        n++;
        if (b <= -n) {
            b += n;
            if (c > MIN_C) {
                c--;
            }
            if (b <= -n) {
                b = -n + 1;
            }
        } else if (b > 0) {
            b -= n;
            if (c < MAX_C) {
                c++;
            }
            if (b > 0) {
                b = 0;
            }
        }
        ctxA[q] = a;
        ctxB[q] = b;
        ctxC[q] = c;
        ctxN[q] = n;
        return reconstruct(px, sign * e);
    }

    /** Decodes a run-interruption sample, T.87 A.7.2. */
    private int decodeInterruption(int ra, int rb, int riType) throws CodecException {
        int q = RUN_CONTEXT + riType;
        int a = ctxA[q];
        int n = ctxN[q];
        int nn = ctxNn[riType];
        long temp = riType == 1 ? a + (n >> 1) : a;
        int k = 0;
        while ((long) n << k < temp) {
            k++;
        }
        int em = decodeValue(k, limit - J[runIndex] - 1);
        int t = em + riType;
        int map = t & 1;
        int magnitude = (t + map) >> 1;
        int e = (k == 0 && 2 * nn < n) == (map == 1) ? magnitude : -magnitude;

        if (e < 0) {
            nn++;
        }
        a += (em + 1 - riType) >> 1;
        if (n == reset) {
            a >>= 1;
            n >>= 1;
            nn >>= 1;
        }
        ctxA[q] = a;
        ctxN[q] = n + 1;
        ctxNn[riType] = nn;
        if (riType == 1) {
            return reconstruct(ra, e);
        }
        return reconstruct(rb, ra > rb ? -e : e);
    }

    private int reconstruct(int px, int error) {
        int rx = px + error * step;
        if (rx < -near) {
            rx += rangeStep;
        } else if (rx > maxval + near) {
            rx -= rangeStep;
        }
        return rx < 0 ? 0 : Math.min(rx, maxval);
    }

    /** Reads a mapped error value coded with Golomb parameter {@code k} and code length limit {@code lim}. */
    private int decodeValue(int k, int lim) throws CodecException {
        int escape = lim - qbpp - 1;
        if (bits < 32) {
            fill();
        }
        int z = Long.numberOfLeadingZeros(cache);
        if (z < escape && z + 1 + k <= bits) { // the whole code is in the cache (z < 64 as cache != 0)
            long rest = cache << z << 1;
            long value = (long) z << k | (k == 0 ? 0 : rest >>> (64 - k));
            cache = rest << k;
            bits -= z + 1 + k;
            if (value > range) {
                throw virtualBits > bits ? endEarly() : corrupt("an error value is out of range");
            }
            return (int) value;
        }
        int q = readZeros(escape);
        long value;
        if (q < escape) {
            value = (long) q << k | readBits(k);
        } else {
            value = readBits(qbpp) + 1L;
        }
        // A mapped error never exceeds RANGE; more means the data are corrupt (and would overflow the contexts).
        if (value > range) {
            throw virtualBits > bits ? endEarly() : corrupt("an error value is out of range");
        }
        return (int) value;
    }

    // ---------------------------------------------------------------------------------------------- bits

    /** Starts reading the entropy-coded segment at {@code start}: up to the next marker (0xFF, then a byte >= 0x80). */
    private void startSegment(int start) {
        int end = start;
        int last = in.length - 1;
        while (end < last && !((in[end] & 0xFF) == 0xFF && (in[end + 1] & 0x80) != 0)) {
            end++;
        }
        rpos = start;
        rend = end < last ? end : in.length;
        cache = 0;
        bits = 0;
        lastFF = false;
        virtualBits = 0;
    }

    /** Tops the cache up to at least 57 bits; past the segment end it appends zero bits, counted as virtual. */
    private void fill() {
        while (bits <= 56) {
            int b;
            int n = lastFF ? 7 : 8;
            if (rpos < rend) {
                b = in[rpos++] & 0xFF;
            } else {
                b = 0;
                virtualBits += n;
            }
            // After 0xFF the next byte carries 7 bits: its top bit is a stuffed 0.
            cache |= (long) (b & 0xFF >> (8 - n)) << (64 - bits - n);
            bits += n;
            lastFF = b == 0xFF;
        }
    }

    private boolean readBit() {
        if (bits == 0) {
            fill();
        }
        boolean one = cache < 0;
        cache <<= 1;
        bits--;
        return one;
    }

    private int readBits(int n) {
        if (n == 0) {
            return 0;
        }
        if (bits < n) {
            fill();
        }
        int v = (int) (cache >>> (64 - n));
        cache <<= n;
        bits -= n;
        return v;
    }

    /** Reads zero bits up to the next one bit (consumed); more than {@code max} zeros means corrupt data. */
    private int readZeros(int max) throws CodecException {
        int zeros = 0;
        while (true) {
            if (bits < 32) {
                fill();
            }
            if (cache != 0) {
                int z = Long.numberOfLeadingZeros(cache);
                zeros += z;
                if (zeros > max) {
                    break;
                }
                cache = cache << z << 1;
                bits -= z + 1;
                return zeros;
            }
            zeros += bits;
            bits = 0;
            if (zeros > max) {
                break;
            }
        }
        throw virtualBits > bits ? endEarly() : corrupt("a code is longer than the limit");
    }

    private static CodecException endEarly() {
        return new CodecException("JPEG-LS data end early");
    }

    private static CodecException corrupt(String what) {
        return new CodecException("JPEG-LS data are corrupt: " + what);
    }
}
