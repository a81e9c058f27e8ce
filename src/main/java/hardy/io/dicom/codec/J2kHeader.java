package hardy.io.dicom.codec;

/**
 * The main header of a JPEG 2000 codestream (ISO/IEC 15444-1 annex A), read and checked before the data reach
 * JJ2000, which would otherwise allocate whatever a corrupt header asks for. Accepts a raw codestream or a JP2
 * file (its contiguous codestream box is searched for). Checked: the SIZ segment (image and tile sizes, tile
 * count within the standard's 65,535, component sizes and no subsampling) and, up to the first tile-part, the
 * COD/COC segments (decomposition levels and code-block sizes within the standard's limits); every segment must
 * lie within the data, and a raw codestream must end with EOC.
 *
 * @param width      image width (Xsiz - XOsiz)
 * @param height     image height (Ysiz - YOsiz)
 * @param components number of components (Csiz)
 * @param precision  bit depth of the first component
 * @param signed     whether the first component is signed
 */
record J2kHeader(int width, int height, int components, int precision, boolean signed) {

    private static final int SOC = 0xFF4F;
    private static final int SIZ = 0xFF51;
    private static final int COD = 0xFF52;
    private static final int COC = 0xFF53;
    private static final int SOT = 0xFF90;
    private static final long JP2_SIGNATURE = 0x0000000C6A502020L;
    private static final int JP2C = 0x6A703263;
    /** Tile indices (Isot) are 16-bit and 65,535 is reserved. */
    private static final long MAX_TILES = 65_535;
    private static final int MAX_DECOMPOSITIONS = 32;

    /** Reads the main header of {@code data}, a codestream or a JP2 file. */
    static J2kHeader read(byte[] data) throws CodecException {
        int start = codestreamStart(data);
        Cursor c = new Cursor(data, start);
        if (c.u16() != SOC) {
            throw new CodecException("not a JPEG 2000 codestream (no SOC marker)");
        }
        if (c.u16() != SIZ) {
            throw new CodecException("JPEG 2000 codestream lacks the SIZ segment after SOC");
        }
        int sizEnd = c.segmentEnd();
        c.u16(); // Rsiz: capabilities, irrelevant here
        long xsiz = c.u32();
        long ysiz = c.u32();
        long xosiz = c.u32();
        long yosiz = c.u32();
        long xtsiz = c.u32();
        long ytsiz = c.u32();
        long xtosiz = c.u32();
        long ytosiz = c.u32();
        int csiz = c.u16();
        if (xsiz <= xosiz || ysiz <= yosiz || xtsiz == 0 || ytsiz == 0 || xtosiz > xosiz || ytosiz > yosiz
                || xtosiz + xtsiz <= xosiz || ytosiz + ytsiz <= yosiz) {
            throw new CodecException("JPEG 2000 SIZ segment is inconsistent (image " + xsiz + " x " + ysiz
                    + " from " + xosiz + ", " + yosiz + ", tiles " + xtsiz + " x " + ytsiz + " from " + xtosiz + ", "
                    + ytosiz + ")");
        }
        long width = xsiz - xosiz;
        long height = ysiz - yosiz;
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new CodecException("JPEG 2000 image is " + width + " x " + height + ", too large");
        }
        long tiles = ceilDiv(xsiz - xtosiz, xtsiz) * ceilDiv(ysiz - ytosiz, ytsiz);
        if (tiles > MAX_TILES) {
            throw new CodecException("JPEG 2000 image has " + tiles + " tiles, more than a codestream can index");
        }
        if (csiz < 1 || csiz > 16_384 || sizEnd - c.pos != 3 * csiz) {
            throw new CodecException("JPEG 2000 SIZ segment has a bad component count (" + csiz + ")");
        }
        int ssiz = c.u8();
        for (int i = 0; i < csiz; i++) {
            int depth = (i == 0 ? ssiz : c.u8()) & 0x7F;
            int xr = c.u8();
            int yr = c.u8();
            if (depth > 37) {
                throw new CodecException("JPEG 2000 component " + i + " has " + (depth + 1) + " bits, at most 38");
            }
            if (xr != 1 || yr != 1) {
                throw new CodecException("JPEG 2000 component " + i + " is subsampled (" + xr + " x " + yr
                        + "), which DICOM images do not use");
            }
        }
        checkCodingStyles(c, csiz);
        if (start == 0 && !endsWithEoc(data)) {
            // JJ2000 decodes a truncated codestream without complaint, as a blurred image (JPEG 2000 is
            // progressive); for lossless DICOM data that would be silent loss. OpenJPEG refuses it too.
            throw new CodecException("JPEG 2000 codestream is truncated (it does not end with an EOC marker)");
        }
        return new J2kHeader((int) width, (int) height, csiz, (ssiz & 0x7F) + 1, (ssiz & 0x80) != 0);
    }

    /** Checks the COD and COC segments of the main header, up to the first SOT. */
    private static void checkCodingStyles(Cursor c, int csiz) throws CodecException {
        while (true) {
            int marker = c.u16();
            if (marker == SOT) {
                return;
            }
            if (marker < 0xFF30) {
                throw new CodecException("JPEG 2000 main header has no marker where one should be (0x"
                        + Integer.toHexString(marker) + ")");
            }
            int end = c.segmentEnd();
            if (marker == COD || marker == COC) {
                // COD: Scod, progression order, layers, multiple component transform; COC: component, Scoc.
                c.skip(marker == COD ? 5 : csiz < 257 ? 2 : 3);
                int levels = c.u8();
                int cbWidth = c.u8() + 2;
                int cbHeight = c.u8() + 2;
                if (levels > MAX_DECOMPOSITIONS || cbWidth > 10 || cbHeight > 10 || cbWidth + cbHeight > 12) {
                    throw new CodecException("JPEG 2000 coding style is out of range (" + levels
                            + " decomposition levels, code-blocks 2^" + cbWidth + " x 2^" + cbHeight + ")");
                }
            }
            c.pos = end;
        }
    }

    /** Where the codestream starts: 0, or the content of the first contiguous codestream box of a JP2 file. */
    private static int codestreamStart(byte[] data) throws CodecException {
        Cursor c = new Cursor(data, 0);
        if (data.length < 12 || ((c.u32() << 32) | c.u32()) != JP2_SIGNATURE) {
            return 0;
        }
        c.pos = 0;
        while (c.pos + 8 <= data.length) {
            int boxStart = c.pos;
            long length = c.u32();
            int type = (int) c.u32();
            int header = 8;
            if (length == 1) {
                length = (c.u32() << 32) | c.u32();
                header = 16;
            } else if (length == 0) {
                length = data.length - boxStart;
            }
            if (length < header || length > data.length - boxStart) {
                break;
            }
            if (type == JP2C) {
                return boxStart + header;
            }
            c.pos = (int) (boxStart + length);
        }
        throw new CodecException("JP2 file without a codestream box");
    }

    /** Whether the data end with EOC, before the zero bytes that pad DICOM fragments to even length. */
    private static boolean endsWithEoc(byte[] data) {
        int end = data.length;
        while (end > 0 && data[end - 1] == 0) {
            end--;
        }
        return end >= 2 && data[end - 2] == (byte) 0xFF && data[end - 1] == (byte) 0xD9;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** Big-endian reads that fail with a CodecException at the end of the data. */
    private static final class Cursor {
        private final byte[] data;
        private int pos;

        Cursor(byte[] data, int pos) {
            this.data = data;
            this.pos = pos;
        }

        int u8() throws CodecException {
            if (pos >= data.length) {
                throw new CodecException("JPEG 2000 main header is truncated");
            }
            return data[pos++] & 0xFF;
        }

        void skip(int n) throws CodecException {
            if (n > data.length - pos) {
                throw new CodecException("JPEG 2000 main header is truncated");
            }
            pos += n;
        }

        int u16() throws CodecException {
            return (u8() << 8) | u8();
        }

        long u32() throws CodecException {
            return ((long) u16() << 16) | u16();
        }

        /** Reads a segment length (which counts itself) and returns where the segment ends. */
        int segmentEnd() throws CodecException {
            int start = pos;
            int length = u16();
            if (length < 2 || start + length > data.length) {
                throw new CodecException("JPEG 2000 marker segment runs past the end of the data");
            }
            return start + length;
        }
    }
}
