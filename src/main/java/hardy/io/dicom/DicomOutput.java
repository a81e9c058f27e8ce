package hardy.io.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A dataset (or sequence item) being written in Explicit VR Little Endian (PS3.5 7.1.2): elements are encoded as
 * they are added and written in ascending tag order whatever order they were added in. Sequences and items have
 * defined lengths. Text is padded to even length (UIs with NUL, other text with a space), as PS3.5 6.2 requires.
 */
final class DicomOutput {

    /** Explicit VR Little Endian. */
    static final String EXPLICIT_LE = DicomParser.EXPLICIT_LE;

    private final Map<Integer, byte[]> elements = new TreeMap<>(Integer::compareUnsigned);
    private final Charset charset;

    /** A dataset whose text is encoded in {@code charset} (US-ASCII, or UTF-8 for "ISO_IR 192"). */
    DicomOutput(Charset charset) {
        this.charset = charset;
    }

    /** An item in the same character set as this dataset. */
    DicomOutput item() {
        return new DicomOutput(charset);
    }

    /** A text element (AE, AS, CS, DA, DS, IS, LO, PN, SH, TM, UI, ...); an empty value writes an empty element. */
    DicomOutput text(int tag, String vr, String value) {
        byte[] v = value.getBytes(vr.equals("UI") ? StandardCharsets.US_ASCII : charset);
        if (v.length % 2 == 1) {
            byte[] padded = new byte[v.length + 1];
            System.arraycopy(v, 0, padded, 0, v.length);
            padded[v.length] = (byte) (vr.equals("UI") ? 0 : ' ');
            v = padded;
        }
        return bytes(tag, vr, v);
    }

    /** Unsigned shorts. */
    DicomOutput us(int tag, int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return bytes(tag, "US", b.array());
    }

    /** Unsigned longs. */
    DicomOutput ul(int tag, long... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putInt((int) v);
        }
        return bytes(tag, "UL", b.array());
    }

    /** Attribute tags (AT): each as group, then element. */
    DicomOutput at(int tag, int... tags) {
        ByteBuffer b = ByteBuffer.allocate(4 * tags.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int t : tags) {
            b.putShort((short) (t >>> 16)).putShort((short) t);
        }
        return bytes(tag, "AT", b.array());
    }

    /** A sequence of defined length holding {@code items}. */
    DicomOutput sequence(int tag, List<DicomOutput> items) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (DicomOutput item : items) {
            byte[] content = item.encode();
            body.writeBytes(itemHeader(content.length));
            body.writeBytes(content);
        }
        return bytes(tag, "SQ", body.toByteArray());
    }

    /** A sequence of one item. */
    DicomOutput sequence(int tag, DicomOutput item) {
        return sequence(tag, List.of(item));
    }

    /** An element with an already encoded value of even length. */
    DicomOutput bytes(int tag, String vr, byte[] value) {
        if (value.length % 2 == 1) {
            throw new IllegalArgumentException("odd value length for " + Tags.format(tag));
        }
        boolean longLength = Vr.hasLongLength(vr);
        if (!longLength && value.length > 0xFFFF) {
            throw new IllegalArgumentException("value of " + Tags.format(tag) + " too long for VR " + vr);
        }
        ByteBuffer h = ByteBuffer.allocate(longLength ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort((short) (tag >>> 16)).putShort((short) tag).put(vr.getBytes(StandardCharsets.US_ASCII));
        if (longLength) {
            h.putShort((short) 0).putInt(value.length);
        } else {
            h.putShort((short) value.length);
        }
        byte[] e = new byte[h.capacity() + value.length];
        System.arraycopy(h.array(), 0, e, 0, h.capacity());
        System.arraycopy(value, 0, e, h.capacity(), value.length);
        elements.put(tag, e);
        return this;
    }

    /** The encoded elements, in tag order. */
    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] e : elements.values()) {
            out.writeBytes(e);
        }
        return out.toByteArray();
    }

    private static byte[] itemHeader(int length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0xFFFE)
                .putShort((short) 0xE000).putInt(length).array();
    }

    /**
     * Writes a Part 10 file: the 128-byte preamble, "DICM", the file meta information (PS3.10 7.1) for
     * {@code sopClass}/{@code sopInstance} in Explicit VR Little Endian, then the dataset.
     */
    static void writePart10(OutputStream out, String sopClass, String sopInstance, String implementationClassUid,
                            String implementationVersion, DicomOutput dataset) throws IOException {
        DicomOutput meta = new DicomOutput(StandardCharsets.US_ASCII)
                .bytes(SegTags.FILE_META_VERSION, "OB", new byte[] {0, 1})
                .text(SegTags.MEDIA_STORAGE_SOP_CLASS_UID, "UI", sopClass)
                .text(SegTags.MEDIA_STORAGE_SOP_INSTANCE_UID, "UI", sopInstance)
                .text(Tags.TRANSFER_SYNTAX_UID, "UI", EXPLICIT_LE)
                .text(SegTags.IMPLEMENTATION_CLASS_UID, "UI", implementationClassUid)
                .text(SegTags.IMPLEMENTATION_VERSION_NAME, "SH", implementationVersion);
        byte[] metaBody = meta.encode();
        meta.ul(SegTags.FILE_META_GROUP_LENGTH, metaBody.length);
        out.write(new byte[128]);
        out.write("DICM".getBytes(StandardCharsets.US_ASCII));
        out.write(meta.encode());
        out.write(dataset.encode());
    }
}
