package hardy.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.volume.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A series scan reads headers, not pixels; whatever it concludes must agree with a full parse. */
class DicomHeaderParseTest {

    private static final double[] AXIAL = {1, 0, 0, 0, 1, 0};

    @TempDir
    Path dir;

    /** A 256 x 256 int16 slice (128 KiB of pixels, more than the header chunk) with value (i + j + base). */
    private static DicomBuilder bigSlice(int instance, double z, int base) {
        short[] px = new short[256 * 256];
        for (int i = 0; i < px.length; i++) {
            px[i] = (short) (i % 256 + i / 256 + base);
        }
        return bigSlice(instance, z, px);
    }

    private static DicomBuilder bigSlice(int instance, double z, short[] px) {
        return DicomBuilder.explicitLittle()
                .text(Tags.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.4")
                .text(Tags.MODALITY, "CS", "MR")
                .text(Tags.SERIES_INSTANCE_UID, "UI", "1.2.3.4")
                .text(Tags.INSTANCE_NUMBER, "IS", Integer.toString(instance))
                .ds(Tags.IMAGE_POSITION_PATIENT, -10, -20, z)
                .ds(Tags.IMAGE_ORIENTATION_PATIENT, AXIAL)
                .us(Tags.SAMPLES_PER_PIXEL, 1)
                .text(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2")
                .us(Tags.ROWS, 256).us(Tags.COLUMNS, 256)
                .ds(Tags.PIXEL_SPACING, 0.8, 0.8)
                .us(Tags.BITS_ALLOCATED, 16).us(Tags.BITS_STORED, 16).us(Tags.HIGH_BIT, 15)
                .us(Tags.PIXEL_REPRESENTATION, 1)
                .pixels16(px);
    }

    @Test
    void headerParseLeavesLargePixelDataUnreadWithItsDeclaredLength() throws Exception {
        Path f = bigSlice(1, 0, 0).write(dir.resolve("a.dcm"), DicomParser.EXPLICIT_LE);
        DicomElement pixels = DicomParser.parseHeader(f).dataset().get(Tags.PIXEL_DATA);
        assertThat(pixels.unread()).isTrue();
        assertThat(pixels.length()).isEqualTo(256 * 256 * 2);
        assertThat(DicomParser.parse(f).dataset().get(Tags.PIXEL_DATA).unread()).isFalse();
    }

    @Test
    void headerParseDescribesTheImageExactlyAsAFullParseDoes() throws Exception {
        Path f = bigSlice(3, 12.5, 0).write(dir.resolve("a.dcm"), DicomParser.EXPLICIT_LE);
        DicomFileInfo fromHeader = DicomFileInfo.of(f, DicomParser.parseHeader(f));
        DicomFileInfo full = DicomFileInfo.of(f, DicomParser.parse(f));
        assertThat(fromHeader.rows()).isEqualTo(full.rows());
        assertThat(fromHeader.columns()).isEqualTo(full.columns());
        assertThat(fromHeader.series()).isEqualTo(full.series());
        assertThat(fromHeader.frames()).hasSize(1);
        assertThat(fromHeader.frames().get(0).position()).containsExactly(full.frames().get(0).position());
        assertThat(fromHeader.frames().get(0).orientation()).containsExactly(full.frames().get(0).orientation());
    }

    @Test
    void aHeaderLongerThanTheFirstChunkIsParsedWhole() throws Exception {
        byte[] privateBlob = new byte[DicomParser.HEADER_CHUNK + 1000];
        Arrays.fill(privateBlob, (byte) 7);
        DicomBuilder b = DicomBuilder.explicitLittle().raw(0x00291010, "OB", privateBlob);
        byte[] body = bigSlice(1, 0, 0).body();
        Path f = dir.resolve("long-header.dcm");
        byte[] head = b.part10(DicomParser.EXPLICIT_LE);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        Files.write(f, all);
        DicomParser.Parsed parsed = DicomParser.parseHeader(f);
        assertThat(parsed.dataset().get(Tags.PIXEL_DATA).unread()).isFalse();
        assertThat(DicomFileInfo.of(f, parsed).rows()).isEqualTo(256);
    }

    @Test
    void pixelDataLongerThanTheFileAreRefusedByTheHeaderParse() throws Exception {
        Path f = bigSlice(1, 0, 0).write(dir.resolve("a.dcm"), DicomParser.EXPLICIT_LE);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 1000));
        assertThatThrownBy(() -> DicomParser.parseHeader(f))
                .isInstanceOf(DicomFormatException.class)
                .hasMessageContaining("claims 131,072 bytes");
    }

    @Test
    void aDeflatedFileIsParsedWhole() throws Exception {
        // Random pixels do not deflate, so the file stays larger than the first chunk.
        short[] px = new short[256 * 256];
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < px.length; i++) {
            px[i] = (short) random.nextInt();
        }
        Path f = bigSlice(1, 0, px).write(dir.resolve("z.dcm"), DicomParser.DEFLATED_LE);
        assertThat(Files.size(f)).isGreaterThan(DicomParser.HEADER_CHUNK);
        assertThat(DicomParser.parseHeader(f).dataset().get(Tags.PIXEL_DATA).unread()).isFalse();
    }

    @Test
    void aScannedSeriesDecodesToTheSamePixelsAsTheFiles() throws Exception {
        for (int k = 0; k < 3; k++) {
            bigSlice(k + 1, 2.0 * k, 100 * k).write(dir.resolve("s" + (2 - k)), DicomParser.EXPLICIT_LE);
        }
        DicomSeriesScanner.Scan scan = DicomSeriesScanner.scan(dir, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(scan.series()).hasSize(1);
        List<String> warnings = new ArrayList<>();
        Volume v = SeriesAssembler.assemble(scan.series().get(0).files(), warnings, ProgressListener.NONE,
                Cancellation.NEVER).volume();
        assertThat(v.geometry().dims()).containsExactly(256, 256, 3);
        assertThat(v.value(10, 20, 2)).isEqualTo(10 + 20 + 200);
        assertThat(v.value(255, 255, 1)).isEqualTo(510 + 100);
    }

    @Test
    void decodingAnUnreadHeaderIsAProgrammingError() throws Exception {
        Path f = bigSlice(1, 0, 0).write(dir.resolve("a.dcm"), DicomParser.EXPLICIT_LE);
        DicomParser.Parsed header = DicomParser.parseHeader(f);
        DicomFileInfo info = DicomFileInfo.of(f, header);
        Volume v = Volume.allocate(hardy.volume.Geometry.axisAligned(256, 256, 1, new double[] {1, 1, 1},
                new double[] {0, 0, 0}), hardy.volume.VoxelType.INT16);
        assertThatThrownBy(() -> PixelDecoder.decodeFrame(header, info, 0, v.data(), 0))
                .isInstanceOf(IllegalStateException.class);
    }
}
