package hardy.io.dicom.codec;

/**
 * The 8x8 inverse DCT of the IJG "islow" method, so that Hardy's pixels equal those of the decoders DICOM users
 * compare against (DCMTK's dcmdjpeg, GDCM, libjpeg): the Loeffler-Ligtenberg-Moschytz factorisation (ICASSP
 * 1989) with 12 multiplications per 1-D transform, in fixed point with 13 fraction bits, first over the columns
 * keeping {@code PASS1_BITS} extra bits (2 for 8-bit samples, 1 for 12-bit, so that 32-bit intermediates do not
 * overflow), then over the rows. Dequantisation, the level shift and range limiting are folded in.
 *
 * <p>Arithmetic is done in {@code long} and the column results are stored as {@code int}, as the reference code
 * does on 64-bit Linux, so even out-of-range coefficients give the same pixels.
 */
final class JpegIdct {

    private static final int CONST_BITS = 13;

    // The LL&M constants, round(x * 2^13). With c(k) = cos(k pi / 16) and r = sqrt(2):
    private static final long F0_298631336 = fix(0.298631336); // r (-c1 + c3 + c5 - c7)
    private static final long F0_390180644 = fix(0.390180644); // r (c3 - c5), used negated
    private static final long F0_541196100 = fix(0.541196100); // r c6
    private static final long F0_765366865 = fix(0.765366865); // r (c2 - c6)
    private static final long F0_899976223 = fix(0.899976223); // r (c3 - c7), used negated
    private static final long F1_175875602 = fix(1.175875602); // r c3
    private static final long F1_501321110 = fix(1.501321110); // r (c1 + c3 - c5 - c7)
    private static final long F1_847759065 = fix(1.847759065); // r (c2 + c6), used negated
    private static final long F1_961570560 = fix(1.961570560); // r (c3 + c5), used negated
    private static final long F2_053119869 = fix(2.053119869); // r (c1 + c3 - c5 + c7)
    private static final long F2_562915447 = fix(2.562915447); // r (c1 + c3), used negated
    private static final long F3_072711026 = fix(3.072711026); // r (c1 + c3 + c5 - c7)

    private final int pass1Bits;
    private final int center;
    private final int maxSample;
    /** Four times the sample range: the reference range-limits through a table of this size, indexed modulo it. */
    private final int wrapMask;
    private final int[] columns = new int[64];
    private final long[] out = new long[8];

    /** An IDCT for samples of {@code precision} bits, 8 or 12. */
    JpegIdct(int precision) {
        pass1Bits = precision == 8 ? 2 : 1;
        center = 1 << (precision - 1);
        maxSample = (1 << precision) - 1;
        wrapMask = (4 << precision) - 1;
    }

    private static long fix(double x) {
        return Math.round(x * (1 << CONST_BITS));
    }

    /**
     * Transforms one block of quantised coefficients ({@code coef} and {@code quant} in natural order) and writes
     * its top-left {@code width} x {@code height} samples to {@code dst} at {@code offset}, rows {@code stride}
     * apart.
     */
    void transform(int[] coef, int[] quant, short[] dst, int offset, int stride, int width, int height) {
        for (int c = 0; c < 8; c++) {
            if (coef[8 + c] == 0 && coef[16 + c] == 0 && coef[24 + c] == 0 && coef[32 + c] == 0
                    && coef[40 + c] == 0 && coef[48 + c] == 0 && coef[56 + c] == 0) {
                // Only the DC term: the full computation would give this same value for all eight.
                int dc = (int) ((long) coef[c] * quant[c] << pass1Bits);
                for (int r = 0; r < 8; r++) {
                    columns[8 * r + c] = dc;
                }
                continue;
            }
            idct1d((long) coef[c] * quant[c], (long) coef[8 + c] * quant[8 + c], (long) coef[16 + c] * quant[16 + c],
                    (long) coef[24 + c] * quant[24 + c], (long) coef[32 + c] * quant[32 + c],
                    (long) coef[40 + c] * quant[40 + c], (long) coef[48 + c] * quant[48 + c],
                    (long) coef[56 + c] * quant[56 + c]);
            int shift = CONST_BITS - pass1Bits;
            for (int r = 0; r < 8; r++) {
                columns[8 * r + c] = (int) descale(out[r], shift);
            }
        }
        // Rows: drop the extra bits and the factor 8 of the 2-D transform's scaling (3 bits).
        int shift = CONST_BITS + pass1Bits + 3;
        for (int r = 0; r < height; r++) {
            int w = 8 * r;
            idct1d(columns[w], columns[w + 1], columns[w + 2], columns[w + 3], columns[w + 4], columns[w + 5],
                    columns[w + 6], columns[w + 7]);
            int o = offset + r * stride;
            for (int c = 0; c < width; c++) {
                dst[o + c] = (short) rangeLimit(descale(out[c], shift));
            }
        }
    }

    /** One 8-point LL&M inverse DCT; the eight results, scaled by 2^13 * sqrt(8), go to {@link #out}. */
    private void idct1d(long x0, long x1, long x2, long x3, long x4, long x5, long x6, long x7) {
        // Even part: a rotation of (x2, x6) by 3 pi / 8 with three multiplications, and the butterfly of x0, x4.
        long z1 = (x2 + x6) * F0_541196100;
        long even2 = z1 - x6 * F1_847759065;
        long even3 = z1 + x2 * F0_765366865;
        long even0 = (x0 + x4) << CONST_BITS;
        long even1 = (x0 - x4) << CONST_BITS;
        long e10 = even0 + even3;
        long e13 = even0 - even3;
        long e11 = even1 + even2;
        long e12 = even1 - even2;

        // Odd part: the inputs x7, x5, x3, x1 combined in pairs, with a shared rotation by c3 (z5).
        long s17 = x7 + x1;
        long s53 = x5 + x3;
        long s73 = x7 + x3;
        long s51 = x5 + x1;
        long z5 = (s73 + s51) * F1_175875602;
        long p17 = s17 * -F0_899976223;
        long p53 = s53 * -F2_562915447;
        long p73 = s73 * -F1_961570560 + z5;
        long p51 = s51 * -F0_390180644 + z5;
        long odd7 = x7 * F0_298631336 + p17 + p73;
        long odd5 = x5 * F2_053119869 + p53 + p51;
        long odd3 = x3 * F3_072711026 + p53 + p73;
        long odd1 = x1 * F1_501321110 + p17 + p51;

        out[0] = e10 + odd1;
        out[7] = e10 - odd1;
        out[1] = e11 + odd3;
        out[6] = e11 - odd3;
        out[2] = e12 + odd5;
        out[5] = e12 - odd5;
        out[3] = e13 + odd7;
        out[4] = e13 - odd7;
    }

    /** Divides by 2^n, rounding halves up. */
    private static long descale(long x, int n) {
        return (x + (1L << (n - 1))) >> n;
    }

    /**
     * Adds the level shift and clamps to the sample range. Values further than twice the range from the centre
     * wrap around first, as they do in the reference's masked look-up table; only corrupt data get there.
     */
    private int rangeLimit(long v) {
        int half = (wrapMask + 1) >> 1;
        int s = (int) ((v + half) & wrapMask) - half + center;
        return s < 0 ? 0 : Math.min(s, maxSample);
    }
}
