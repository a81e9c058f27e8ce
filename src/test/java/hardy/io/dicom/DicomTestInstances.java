package hardy.io.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Complete DICOM MR image objects for tests outside this package (a PACS accepts them): a full file meta group
 * with its length and media storage UIDs, then a small axial slice with study, series and instance UIDs.
 */
public final class DicomTestInstances {

    private static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";

    private DicomTestInstances() {
    }

    /** Writes a 4 x 3 axial MR slice at {@code z} mm with the given UIDs; returns {@code file}. */
    public static Path mrSlice(Path file, String studyUid, String seriesUid, String sopInstanceUid, int instance,
            double z) throws IOException {
        short[] px = new short[12];
        for (int i = 0; i < px.length; i++) {
            px[i] = (short) (instance * 10 + i);
        }
        DicomBuilder data = DicomBuilder.explicitLittle()
                .text(Tags.SOP_CLASS_UID, "UI", MR_IMAGE_STORAGE)
                .text(Tags.SOP_INSTANCE_UID, "UI", sopInstanceUid)
                .text(Tags.STUDY_DATE, "DA", "20250101")
                .text(Tags.MODALITY, "CS", "MR")
                .text(Tags.SERIES_DESCRIPTION, "LO", "test series")
                .text(Tags.PATIENT_NAME, "PN", "TEST^PATIENT")
                .text(Tags.PATIENT_ID, "LO", "TEST0001")
                .text(Tags.STUDY_INSTANCE_UID, "UI", studyUid)
                .text(Tags.SERIES_INSTANCE_UID, "UI", seriesUid)
                .text(Tags.SERIES_NUMBER, "IS", "99")
                .text(Tags.INSTANCE_NUMBER, "IS", Integer.toString(instance))
                .ds(Tags.IMAGE_POSITION_PATIENT, 0, 0, z)
                .ds(Tags.IMAGE_ORIENTATION_PATIENT, 1, 0, 0, 0, 1, 0)
                .us(Tags.SAMPLES_PER_PIXEL, 1)
                .text(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2")
                .us(Tags.ROWS, 3).us(Tags.COLUMNS, 4)
                .ds(Tags.PIXEL_SPACING, 0.8, 0.5)
                .us(Tags.BITS_ALLOCATED, 16).us(Tags.BITS_STORED, 16).us(Tags.HIGH_BIT, 15)
                .us(Tags.PIXEL_REPRESENTATION, 1)
                .pixels16(px);
        DicomBuilder meta = DicomBuilder.explicitLittle()
                .raw(0x00020001, "OB", new byte[] {0, 1})
                .text(0x00020002, "UI", MR_IMAGE_STORAGE)
                .text(0x00020003, "UI", sopInstanceUid)
                .text(0x00020010, "UI", DicomParser.EXPLICIT_LE)
                .text(0x00020012, "UI", "1.2.826.0.1.3680043.10.1")
                .text(0x00020013, "SH", "HARDY_TEST");
        byte[] metaBody = meta.body();
        DicomBuilder length = DicomBuilder.explicitLittle().raw(0x00020000, "UL",
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(metaBody.length).array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(length.body());
        out.writeBytes(metaBody);
        out.writeBytes(data.body());
        return Files.write(file, out.toByteArray());
    }
}
