package hardy.io.dicom.codec;

/**
 * The main header of a JPEG 2000 codestream (ISO/IEC 15444-1 annex A), read and checked before the data reach
 * JJ2000, which would otherwise allocate whatever a corrupt header asks for. Accepts a raw codestream or a JP2
 * file (its contiguous codestream box is searched for). Checked: the SIZ segment (image and tile sizes, tile
 * count within the standard's 65,535, component sizes and no subsampling), the COD/COC segments (decomposition
 * levels and code-block sizes within the standard's limits, no PPM), and the chain of tile-parts up to the final
 * EOC; every segment must lie within the codestream.
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
    private static final int SOD = 0xFF93;
    private static final int SOP = 0xFF91;
    private static final int EPH = 0xFF92;
    private static final int EOC = 0xFFD9;
    private static final int PPM = 0xFF60;
    private static final int PPT = 0xFF61;
    private static final String PACKED_HEADERS = "JPEG 2000 codestream with packed packet headers (PPM/PPT), "
            + "which Hardy does not decode";
    private static final long JP2_SIGNATURE = 0x0000000C6A502020L;
    private static final int JP2C = 0x6A703263;
    /** Tile indices (Isot) are 16-bit and 65,535 is reserved. */
    private static final long MAX_TILES = 65_535;
    private static final int MAX_DECOMPOSITIONS = 32;

    /** Reads the main header of {@code data}, a codestream or a JP2 file. */
    static J2kHeader read(byte[] data) throws CodecException {
        int[] bounds = codestreamBounds(data);
        Cursor c = new Cursor(data, bounds[0], bounds[1]);
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
        checkMainHeader(c, csiz);
        checkTileParts(c, tiles);
        return new J2kHeader((int) width, (int) height, csiz, (ssiz & 0x7F) + 1, (ssiz & 0x80) != 0);
    }

    /** Checks the segments of the main header (COD and COC in detail, no PPM), up to the first SOT. */
    private static void checkMainHeader(Cursor c, int csiz) throws CodecException {
        while (true) {
            int marker = c.u16();
            if (marker == SOT) {
                c.pos -= 2;
                return;
            }
            if (marker < 0xFF30) {
                throw new CodecException("JPEG 2000 main header has no marker where one should be (0x"
                        + Integer.toHexString(marker) + ")");
            }
            int end = c.segmentEnd();
            if (marker == PPM) {
                throw new CodecException(PACKED_HEADERS);
            }
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

    /**
     * Walks the tile-parts from the first SOT: each must lie within the codestream, name an existing tile, hold a
     * header without PPT up to SOD, and end where the next SOT or the final EOC begins. JJ2000 believes Psot and
     * reads on past the end of the data, where its packet-header reader takes end-of-stream (-1) for endless one
     * bits and never returns; and it decodes a codestream cut short (no EOC) without complaint, as a blurred
     * image, which for lossless data would be silent loss (OpenJPEG refuses both).
     */
    private static void checkTileParts(Cursor c, long tiles) throws CodecException {
        int eoc = c.end - 2;
        if (eoc < c.pos || c.data[eoc] != (byte) 0xFF || c.data[eoc + 1] != (byte) 0xD9) {
            throw new CodecException("JPEG 2000 codestream is truncated (it does not end with an EOC marker)");
        }
        int parts = 0;
        while (c.pos < eoc) {
            int start = c.pos;
            if (c.u16() != SOT || c.u16() != 10) {
                throw new CodecException("JPEG 2000 tile-part " + parts + " does not start with an SOT segment");
            }
            int tile = c.u16();
            long length = c.u32();
            c.skip(2); // tile-part index and count
            long partEnd = length == 0 ? eoc : start + length;
            if (tile >= tiles || partEnd > eoc || partEnd < c.pos + 2) {
                throw new CodecException("JPEG 2000 tile-part " + parts + " (tile " + tile + ", " + length
                        + " bytes) does not fit the codestream");
            }
            while (true) {
                int marker = c.u16();
                if (marker == SOD) {
                    break;
                }
                if (marker < 0xFF30 || marker == SOT || marker == EOC) {
                    throw new CodecException("JPEG 2000 tile-part header of tile " + tile + " lacks SOD");
                }
                int end = c.segmentEnd();
                if (marker == PPT) {
                    throw new CodecException(PACKED_HEADERS);
                }
                c.pos = end;
            }
            if (c.pos > partEnd) {
                throw new CodecException("JPEG 2000 tile-part header of tile " + tile + " overruns its tile-part");
            }
            checkCodedData(c.data, c.pos, (int) partEnd, tile);
            c.pos = (int) partEnd;
            parts++;
        }
    }

    /**
     * Checks that the packets of a tile-part hold no marker but SOP and EPH. Bit stuffing in packet headers and
     * the MQ coder guarantee that a 0xFF byte of coded data is followed by a byte below 0x90 (ISO/IEC 15444-1
     * A.1, B.10.1, C.2.4), and neither ends with 0xFF. JJ2000's packet-header reader, given 0xFF 0xFF, returns
     * one bits for ever without reading on.
     */
    private static void checkCodedData(byte[] data, int from, int to, int tile) throws CodecException {
        for (int i = from; i < to; i++) {
            if (data[i] == (byte) 0xFF) {
                int next = data[i + 1] & 0xFF; // i + 1 <= to: a tile-part is followed by SOT or EOC
                if (i + 1 == to || next > 0x8F && next != (SOP & 0xFF) && next != (EPH & 0xFF)) {
                    throw new CodecException("JPEG 2000 coded data of tile " + tile + " are corrupt (marker 0xFF"
                            + String.format("%02X", next) + " inside a tile-part)");
                }
            }
        }
    }

    /**
     * Where the codestream starts and ends: the whole data (without the zero bytes that pad DICOM fragments to
     * even length), or the first contiguous codestream box of a JP2 file.
     */
    private static int[] codestreamBounds(byte[] data) throws CodecException {
        Cursor c = new Cursor(data, 0, data.length);
        if (data.length < 12 || ((c.u32() << 32) | c.u32()) != JP2_SIGNATURE) {
            int end = data.length;
            while (end > 0 && data[end - 1] == 0) {
                end--;
            }
            return new int[] {0, end};
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
                return new int[] {boxStart + header, (int) (boxStart + length)};
            }
            c.pos = (int) (boxStart + length);
        }
        throw new CodecException("JP2 file without a codestream box");
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** Big-endian reads that fail with a CodecException at the end of the data. */
    private static final class Cursor {
        private final byte[] data;
        private final int end;
        private int pos;

        Cursor(byte[] data, int pos, int end) {
            this.data = data;
            this.pos = pos;
            this.end = end;
        }

        int u8() throws CodecException {
            if (pos >= end) {
                throw new CodecException("JPEG 2000 main header is truncated");
            }
            return data[pos++] & 0xFF;
        }

        void skip(int n) throws CodecException {
            if (n > end - pos) {
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
            if (length < 2 || start + length > end) {
                throw new CodecException("JPEG 2000 marker segment runs past the end of the data");
            }
            return start + length;
        }
    }
}
