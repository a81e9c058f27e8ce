package hardy.io.dicom.codec;

/**
 * Reads the bits of a JPEG entropy-coded segment (ITU-T T.81 F.2.2.5): removes the stuffed zero after each 0xFF
 * data byte and stops at the first marker. Past the marker or the end of the data it supplies zero bits, because
 * a Huffman decoder looks ahead further than the last code needs; {@link #overran()} says whether any of those
 * padding bits were actually consumed, which means the segment was truncated.
 */
final class JpegBitReader {

    private final byte[] in;
    private final int end;
    private int pos;
    /** Buffered bits, right-aligned: the next bit is bit {@code count - 1}. */
    private long acc;
    private int count;
    /** How many of the lowest buffered bits are padding rather than data. */
    private int padding;
    private boolean stopped;

    /** A reader of {@code in[pos..end)}. */
    JpegBitReader(byte[] in, int pos, int end) {
        this.in = in;
        this.pos = pos;
        this.end = end;
    }

    /** Buffers whole bytes until more than 56 bits are held. */
    private void fill() {
        while (count <= 56) {
            int b = 0;
            if (!stopped) {
                if (pos >= end) {
                    stopped = true;
                } else {
                    b = in[pos] & 0xFF;
                    if (b == 0xFF) {
                        if (pos + 1 < end && in[pos + 1] == 0) {
                            pos += 2;
                        } else {
                            // A marker (or fill bytes before one): the segment ends here; pos stays on it.
                            stopped = true;
                            b = 0;
                        }
                    } else {
                        pos++;
                    }
                }
            }
            if (stopped) {
                padding += 8;
            }
            acc = acc << 8 | b;
            count += 8;
        }
    }

    /** The next 16 bits, without consuming them. */
    int peek16() {
        if (count < 16) {
            fill();
        }
        return (int) (acc >>> (count - 16)) & 0xFFFF;
    }

    /** Consumes {@code n} bits (at most 16) after a {@link #peek16()}. */
    void skip(int n) {
        count -= n;
    }

    /** Reads {@code n} bits, 0 to 16, as an unsigned number. */
    int bits(int n) {
        if (count < n) {
            fill();
        }
        count -= n;
        return (int) (acc >>> count) & ((1 << n) - 1);
    }

    /** True when more bits have been consumed than the segment held. */
    boolean overran() {
        return count < padding;
    }

    /**
     * Drops the buffered bits and moves to the next marker, skipping any bytes that are left over (as libjpeg
     * does, with a warning, for extraneous bytes). Returns the marker code, or -1 when the data end first; the
     * position is then just past the marker.
     */
    int nextMarker() {
        acc = 0;
        count = 0;
        padding = 0;
        stopped = false;
        while (pos + 1 < end) {
            if ((in[pos] & 0xFF) == 0xFF) {
                int code = in[pos + 1] & 0xFF;
                if (code != 0 && code != 0xFF) {
                    pos += 2;
                    return code;
                }
                pos += code == 0 ? 2 : 1;
            } else {
                pos++;
            }
        }
        pos = end;
        return -1;
    }

    /** The position of the next unread byte. */
    int position() {
        return pos;
    }
}
