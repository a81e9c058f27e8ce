package hardy.io.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes small DICOM files element by element, following PS3.5 directly, so that parser tests do not depend on
 * Hardy's own code. Elements must be added in tag order.
 */
final class DicomBuilder {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final ByteOrder order;
    private final boolean explicit;

    DicomBuilder(ByteOrder order, boolean explicit) {
        this.order = order;
        this.explicit = explicit;
    }

    static DicomBuilder explicitLittle() {
        return new DicomBuilder(ByteOrder.LITTLE_ENDIAN, true);
    }

    private void header(int tag, String vr, long length) {
        ByteBuffer b = ByteBuffer.allocate(12).order(order);
        b.putShort((short) (tag >>> 16)).putShort((short) tag);
        if (explicit && vr != null) {
            b.put(vr.getBytes(StandardCharsets.US_ASCII));
            if (Vr.hasLongLength(vr)) {
                b.putShort((short) 0).putInt((int) length);
            } else {
                b.putShort((short) length);
            }
        } else {
            b.putInt((int) length);
        }
        body.write(b.array(), 0, b.position());
    }

    DicomBuilder raw(int tag, String vr, byte[] value) {
        header(tag, vr, value.length);
        body.writeBytes(value);
        return this;
    }

    DicomBuilder text(int tag, String vr, String value) {
        byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
        if (v.length % 2 == 1) {
            v = (value + (vr.equals("UI") ? "\0" : " ")).getBytes(StandardCharsets.ISO_8859_1);
        }
        return raw(tag, vr, v);
    }

    DicomBuilder us(int tag, int value) {
        return raw(tag, "US", ByteBuffer.allocate(2).order(order).putShort((short) value).array());
    }

    DicomBuilder ds(int tag, double... values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.isEmpty() ? "" : "\\").append(v);
        }
        return text(tag, "DS", sb.toString());
    }

    /** A sequence of undefined length whose items (each of undefined length) are the given builders' bodies. */
    DicomBuilder sequence(int tag, DicomBuilder... items) {
        header(tag, "SQ", 0xFFFFFFFFL);
        for (DicomBuilder item : items) {
            item(0xFFFEE000, 0xFFFFFFFFL);
            body.writeBytes(item.body.toByteArray());
            item(0xFFFEE00D, 0);
        }
        item(0xFFFEE0DD, 0);
        return this;
    }

    /** Encapsulated pixel data: an empty offset table, then the fragments. */
    DicomBuilder encapsulated(byte[]... fragments) {
        header(Tags.PIXEL_DATA, "OB", 0xFFFFFFFFL);
        item(0xFFFEE000, 0);
        for (byte[] f : fragments) {
            item(0xFFFEE000, f.length);
            body.writeBytes(f);
        }
        item(0xFFFEE0DD, 0);
        return this;
    }

    private void item(int tag, long length) {
        ByteBuffer b = ByteBuffer.allocate(8).order(order);
        b.putShort((short) (tag >>> 16)).putShort((short) tag).putInt((int) length);
        body.writeBytes(b.array());
    }

    DicomBuilder pixels16(short[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(order);
        b.asShortBuffer().put(values);
        return raw(Tags.PIXEL_DATA, "OW", b.array());
    }

    byte[] body() {
        return body.toByteArray();
    }

    /** Preamble, DICM and a meta group naming {@code syntax}, then the body (deflated for the deflate syntax). */
    byte[] part10(String syntax) {
        DicomBuilder meta = explicitLittle();
        meta.raw(0x00020001, "OB", new byte[] {0, 1});
        meta.text(0x00020010, "UI", syntax);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(meta.body());
        byte[] data = body();
        if (syntax.equals(DicomParser.DEFLATED_LE)) {
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (DeflaterOutputStream d = new DeflaterOutputStream(z, new Deflater(6, true))) {
                d.write(data);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            data = z.toByteArray();
        }
        out.writeBytes(data);
        return out.toByteArray();
    }

    Path write(Path file, String syntax) throws java.io.IOException {
        return Files.write(file, part10(syntax));
    }

    /** A complete MR slice: 4 x 3 int16 pixels with values base + index, at the given position and orientation. */
    static DicomBuilder slice(DicomBuilder b, String seriesUid, int instance, double[] position, double[] orientation,
                              int base) {
        short[] px = new short[12];
        for (int i = 0; i < px.length; i++) {
            px[i] = (short) (base + i);
        }
        return b.text(Tags.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.4")
                .text(Tags.MODALITY, "CS", "MR")
                .text(Tags.PATIENT_NAME, "PN", "DOE^JANE")
                .text(Tags.SERIES_INSTANCE_UID, "UI", seriesUid)
                .text(Tags.SERIES_NUMBER, "IS", "7")
                .text(Tags.INSTANCE_NUMBER, "IS", Integer.toString(instance))
                .ds(Tags.IMAGE_POSITION_PATIENT, position)
                .ds(Tags.IMAGE_ORIENTATION_PATIENT, orientation)
                .us(Tags.SAMPLES_PER_PIXEL, 1)
                .text(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2")
                .us(Tags.ROWS, 3).us(Tags.COLUMNS, 4)
                .ds(Tags.PIXEL_SPACING, 0.8, 0.5)
                .us(Tags.BITS_ALLOCATED, 16).us(Tags.BITS_STORED, 16).us(Tags.HIGH_BIT, 15)
                .us(Tags.PIXEL_REPRESENTATION, 1)
                .pixels16(px);
    }
}
