package hardy.io.dicom;

import hardy.io.dicom.codec.CodecException;
import hardy.io.dicom.codec.DecodedImage;
import hardy.io.dicom.codec.JpegDctDecoder;
import hardy.io.dicom.codec.Jpeg2000Decoder;
import hardy.io.dicom.codec.JpegLsDecoder;
import hardy.io.dicom.codec.JpegDecoder;
import hardy.io.dicom.codec.RleDecoder;
import hardy.volume.VoxelArray;
import hardy.volume.VoxelType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes the frames of a DICOM image into stored values (before rescale): native pixel data in either byte
 * order, and encapsulated RLE Lossless, JPEG (baseline, extended 12-bit, lossless), JPEG-LS and JPEG 2000.
 * BitsStored is honoured: unused high bits are masked, and signed values are sign-extended from their top stored
 * bit.
 */
final class PixelDecoder {

    static final String RLE = "1.2.840.10008.1.2.5";
    static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
    static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";
    static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
    /**
     * JPEG baseline, lossless process 14 and its selection value 1, decoded by TwelveMonkeys. Extended (.51)
     * goes to Hardy's own {@link JpegDctDecoder} instead, and so does a baseline-labelled stream whose frame
     * says 12 bits: TwelveMonkeys hands DCT decoding to the JDK, which has no 12-bit DCT ("Unsupported JPEG data
     * precision 12").
     */
    static final java.util.Set<String> JPEG = java.util.Set.of(JPEG_BASELINE, "1.2.840.10008.1.2.4.57",
            "1.2.840.10008.1.2.4.70");
    static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
    static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";

    /** Names of encapsulated syntaxes, for the message when Hardy does not decode one. */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline"),
            Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended 12-bit"),
            Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless"),
            Map.entry("1.2.840.10008.1.2.4.70", "JPEG Lossless SV1"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless"),
            Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.4.100", "MPEG2"),
            Map.entry("1.2.840.10008.1.2.4.201", "HTJ2K Lossless"),
            Map.entry("1.2.840.10008.1.2.4.203", "HTJ2K"));

    private PixelDecoder() {
    }

    /** The voxel type that holds every stored value of the file without loss. */
    static VoxelType voxelType(DicomFileInfo info) {
        return switch (info.bitsAllocated()) {
            case 1 -> VoxelType.UINT8;
            case 8 -> info.signed() ? VoxelType.INT16 : VoxelType.UINT8;
            case 16 -> info.signed() ? VoxelType.INT16 : VoxelType.UINT16;
            default -> info.signed() || info.bitsStored() <= 31 ? VoxelType.INT32 : VoxelType.FLOAT64;
        };
    }

    /**
     * Decodes frame {@code frame} into {@code dst} starting at {@code dstOffset} (rows x columns values, row by
     * row).
     */
    static void decodeFrame(DicomParser.Parsed parsed, DicomFileInfo info, int frame, VoxelArray dst, int dstOffset)
            throws DicomFormatException {
        if (!info.isMonochrome()) {
            throw new DicomFormatException("colour image (" + info.photometric() + ", " + info.samples()
                    + " samples per pixel): Hardy segments greyscale images only");
        }
        DicomElement pixels = parsed.dataset().get(Tags.PIXEL_DATA);
        if (pixels == null || pixels.unread()) {
            throw new IllegalStateException("pixel data were not read: parse the whole file to decode it");
        }
        int count = info.rows() * info.columns();
        if (info.bitsAllocated() == 1) {
            storeBits(pixels, (long) count * frame, count, dst, dstOffset);
            return;
        }
        int bytes = info.bitsAllocated() / 8;
        if (!pixels.isEncapsulated()) {
            long frameBytes = (long) count * bytes;
            // The file may have changed since its header was scanned.
            if (frameBytes * info.frames().size() > pixels.length()) {
                throw new DicomFormatException("pixel data are shorter than when the file was scanned");
            }
            ByteBuffer b = ByteBuffer.wrap(pixels.data(), pixels.offset() + (int) (frameBytes * frame), (int) frameBytes)
                    .slice().order(parsed.dataset().order());
            store(b, info, count, dst, dstOffset);
            return;
        }
        byte[] frameData = frameBytes(pixels, info.frames().size(), frame);
        String ts = parsed.transferSyntax();
        try {
            if (ts.equals(RLE)) {
                byte[] raw = RleDecoder.decode(frameData, 0, frameData.length, info.rows(), info.columns(), 1, bytes);
                store(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN), info, count, dst, dstOffset);
                return;
            }
            if (ts.equals(JPEG_LS_LOSSLESS) || ts.equals(JPEG_LS_NEAR_LOSSLESS)) {
                DecodedImage image = JpegLsDecoder.decode(frameData, info.columns(), info.rows());
                if (image.width() != info.columns() || image.height() != info.rows() || image.components() != 1) {
                    throw new DicomFormatException("JPEG-LS frame is " + image.width() + " x " + image.height() + " x "
                            + image.components() + ", the header says " + info.columns() + " x " + info.rows());
                }
                int[] samples = new int[count];
                for (int i = 0; i < count; i++) {
                    samples[i] = image.samples()[i] & 0xFFFF;
                }
                storeSamples(samples, info, dst, dstOffset);
                return;
            }
            if (ts.equals(JPEG_EXTENDED) || ts.equals(JPEG_BASELINE)
                    && JpegDctDecoder.samplePrecision(frameData, 0, frameData.length) == 12) {
                DecodedImage image = JpegDctDecoder.decode(frameData, 0, frameData.length, info.rows(),
                        info.columns());
                int[] samples = new int[count];
                for (int i = 0; i < count; i++) {
                    samples[i] = image.samples()[i] & 0xFFFF;
                }
                storeSamples(samples, info, dst, dstOffset);
                return;
            }
            if (JPEG.contains(ts)) {
                int[] samples = JpegDecoder.decode(frameData, info.rows(), info.columns());
                storeSamples(samples, info, dst, dstOffset);
                return;
            }
            if (ts.equals(JPEG_2000_LOSSLESS) || ts.equals(JPEG_2000)) {
                // The codestream's own signedness may disagree with PixelRepresentation (some encoders write
                // unsigned streams of signed data); as for native pixels, BitsStored and PixelRepresentation decide
                // how the stored bits are read (docs/decisions/0003-jpeg2000-through-jai-imageio.md).
                int[] samples = Jpeg2000Decoder.decode(frameData, info.rows(), info.columns());
                storeSamples(samples, info, dst, dstOffset);
                return;
            }
        } catch (CodecException e) {
            throw new DicomFormatException(e.getMessage());
        }
        throw new DicomFormatException("unsupported transfer syntax " + ts + " (" + NAMES.getOrDefault(ts, "unknown")
                + ")");
    }

    /** Decoded unsigned samples, sign-extended from BitsStored when the pixels are signed. */
    private static void storeSamples(int[] samples, DicomFileInfo info, VoxelArray dst, int dstOffset) {
        int shift = 32 - info.bitsStored();
        for (int i = 0; i < samples.length; i++) {
            dst.set(dstOffset + i, info.signed() ? (samples[i] << shift) >> shift : samples[i]);
        }
    }

    /** Masks and sign-extends stored values and writes them to {@code dst}. */
    private static void store(ByteBuffer b, DicomFileInfo info, int count, VoxelArray dst, int dstOffset) {
        int bits = info.bitsStored();
        int shift = 32 - bits;
        boolean signed = info.signed();
        for (int i = 0; i < count; i++) {
            int raw = switch (info.bitsAllocated()) {
                case 8 -> b.get(i) & 0xFF;
                case 16 -> b.getShort(2 * i) & 0xFFFF;
                default -> b.getInt(4 * i);
            };
            long value = signed ? (raw << shift) >> shift : bits == 32 ? raw & 0xFFFFFFFFL : raw & ((1 << bits) - 1);
            dst.set(dstOffset + i, value);
        }
    }

    /**
     * One-bit pixels (segmentations): packed least significant bit first, frames following each other without
     * padding. DicomFileInfo refused encapsulated one-bit data and checked the length.
     */
    private static void storeBits(DicomElement pixels, long firstBit, int count, VoxelArray dst, int dstOffset)
            throws DicomFormatException {
        if ((firstBit + count + 7) / 8 > pixels.length()) {
            throw new DicomFormatException("pixel data are shorter than when the file was scanned");
        }
        byte[] data = pixels.data();
        for (int i = 0; i < count; i++) {
            long bit = firstBit + i;
            dst.set(dstOffset + i, data[pixels.offset() + (int) (bit >>> 3)] >> (int) (bit & 7) & 1);
        }
    }

    /** The bytes of one frame of encapsulated pixel data, using the offset table when there is one. */
    static byte[] frameBytes(DicomElement pixels, int frames, int frame) throws DicomFormatException {
        List<int[]> fragments = pixels.fragments();
        byte[] data = pixels.data();
        int[] table = fragments.get(0);
        List<int[]> items = fragments.subList(1, fragments.size());
        if (items.isEmpty()) {
            throw new DicomFormatException("encapsulated pixel data hold no fragments");
        }
        List<int[]> mine = new ArrayList<>();
        if (table[1] >= 4 * frames) {
            // Offsets are measured from the first fragment's item tag, 8 bytes before its value.
            int base = items.get(0)[0] - 8;
            long start = base + (ByteBuffer.wrap(data, table[0] + 4 * frame, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()
                    & 0xFFFFFFFFL);
            long stop = frame + 1 < frames ? base + (ByteBuffer.wrap(data, table[0] + 4 * frame + 4, 4)
                    .order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL) : Long.MAX_VALUE;
            for (int[] f : items) {
                if (f[0] - 8 >= start && f[0] - 8 < stop) {
                    mine.add(f);
                }
            }
        } else if (frames == 1) {
            mine.addAll(items);
        } else if (items.size() == frames) {
            mine.add(items.get(frame));
        } else {
            throw new DicomFormatException(items.size() + " fragments for " + frames
                    + " frames and no offset table: cannot tell the frames apart");
        }
        if (mine.isEmpty()) {
            throw new DicomFormatException("offset table points to no fragment for frame " + frame);
        }
        int total = 0;
        for (int[] f : mine) {
            total += f[1];
        }
        byte[] out = new byte[total];
        int p = 0;
        for (int[] f : mine) {
            System.arraycopy(data, f[0], out, p, f[1]);
            p += f[1];
        }
        return out;
    }
}
