package hardy.io.dicom.codec;

/**
 * One Huffman table of a DHT segment, built as in ITU-T T.81 Annex C (code lengths to codes) and decoded as in
 * F.2.2.3, with a 9-bit lookup table in front for the common short codes.
 */
final class JpegHuffmanTable {

    private static final int LOOKUP_BITS = 9;

    /** For each 9-bit prefix: (code length << 8) | symbol of the code it starts with, or 0 for longer codes. */
    private final int[] lookup = new int[1 << LOOKUP_BITS];
    /** Largest code of each length, or -1 when there is none. */
    private final int[] maxCode = new int[17];
    /** For each length, index in {@link #symbols} of its first symbol minus its first code. */
    private final int[] offset = new int[17];
    private final byte[] symbols;

    private JpegHuffmanTable(byte[] symbols) {
        this.symbols = symbols;
    }

    /**
     * Builds a table from the number of codes of each length 1..16 ({@code counts[0..15]}) and the symbols in
     * order of increasing code length.
     *
     * @throws CodecException if the lengths cannot form a prefix code in which the all-ones code of each length
     *     stays unused (T.81 C.2), the check libjpeg makes too
     */
    static JpegHuffmanTable of(int[] counts, byte[] symbols) throws CodecException {
        int total = 0;
        for (int n : counts) {
            total += n;
        }
        if (total != symbols.length || total > 256) {
            throw new CodecException("JPEG Huffman table is invalid: " + total + " codes for " + symbols.length
                    + " symbols");
        }
        JpegHuffmanTable t = new JpegHuffmanTable(symbols);
        int code = 0;
        int k = 0;
        for (int length = 1; length <= 16; length++) {
            int n = counts[length - 1];
            if (code + n >= 1 << length) {
                throw new CodecException("JPEG Huffman table is invalid: its code lengths do not fit");
            }
            t.offset[length] = k - code;
            t.maxCode[length] = n == 0 ? -1 : code + n - 1;
            for (int i = 0; i < n; i++, code++, k++) {
                if (length <= LOOKUP_BITS) {
                    int first = code << (LOOKUP_BITS - length);
                    int entry = length << 8 | symbols[k] & 0xFF;
                    for (int j = 0; j < 1 << (LOOKUP_BITS - length); j++) {
                        t.lookup[first + j] = entry;
                    }
                }
            }
            code <<= 1;
        }
        return t;
    }

    /**
     * Decodes one symbol.
     *
     * @throws CodecException if the next 16 bits start with no code of this table
     */
    int decode(JpegBitReader r) throws CodecException {
        int peek = r.peek16();
        int entry = lookup[peek >>> (16 - LOOKUP_BITS)];
        if (entry != 0) {
            r.skip(entry >>> 8);
            return entry & 0xFF;
        }
        for (int length = LOOKUP_BITS + 1; length <= 16; length++) {
            int code = peek >>> (16 - length);
            if (code <= maxCode[length]) {
                r.skip(length);
                return symbols[offset[length] + code] & 0xFF;
            }
        }
        throw new CodecException("JPEG data are corrupt: a bit pattern matches no Huffman code");
    }
}
