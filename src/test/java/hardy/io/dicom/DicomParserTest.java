package hardy.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hardy.io.ReadResult;
import hardy.io.VolumeFormatException;
import hardy.io.VolumeReaders;
import hardy.volume.Volume;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Transfer syntaxes, raw datasets, sequences, multi-frame and RLE, and malformed files. */
class DicomParserTest {

    @TempDir
    Path dir;

    private static final double[] AXIAL = {1, 0, 0, 0, 1, 0};

    private static DicomBuilder slice(ByteOrder order, boolean explicit) {
        return DicomBuilder.slice(new DicomBuilder(order, explicit), "1.2.3", 1, new double[] {1, 2, 3}, AXIAL, -5);
    }

    @ParameterizedTest
    @ValueSource(strings = {DicomParser.IMPLICIT_LE, DicomParser.EXPLICIT_LE, DicomParser.EXPLICIT_BE,
        DicomParser.DEFLATED_LE})
    void everyUncompressedSyntaxGivesTheSameSlice(String syntax) throws Exception {
        ByteOrder order = syntax.equals(DicomParser.EXPLICIT_BE) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Path file = slice(order, !syntax.equals(DicomParser.IMPLICIT_LE)).write(dir.resolve("s.dcm"), syntax);
        ReadResult r = VolumeReaders.installed().read(file);
        assertThat(r.volume().value(0, 0, 0)).isEqualTo(-5);
        assertThat(r.volume().value(3, 2, 0)).isEqualTo(6);
        assertThat(r.volume().geometry().origin()).containsExactly(1, 2, 3);
        assertThat(r.details()).containsEntry("transferSyntax", syntax);
    }

    @Test
    void rawImplicitDatasetWithoutPreambleIsRead() throws Exception {
        Path file = Files.write(dir.resolve("raw"), slice(ByteOrder.LITTLE_ENDIAN, false).body());
        assertThat(VolumeReaders.installed().read(file).volume().value(1, 0, 0)).isEqualTo(-4);
    }

    @Test
    void enhancedMultiFrameTakesGeometryAndRescaleFromFunctionalGroups() throws Exception {
        DicomBuilder b = DicomBuilder.explicitLittle();
        b.text(Tags.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.4.1").text(Tags.MODALITY, "CS", "MR")
                .text(Tags.SERIES_INSTANCE_UID, "UI", "9.9")
                .us(Tags.SAMPLES_PER_PIXEL, 1).text(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2")
                .text(Tags.NUMBER_OF_FRAMES, "IS", "3").us(Tags.ROWS, 2).us(Tags.COLUMNS, 2)
                .us(Tags.BITS_ALLOCATED, 16).us(Tags.BITS_STORED, 12).us(Tags.HIGH_BIT, 11)
                .us(Tags.PIXEL_REPRESENTATION, 0);
        DicomBuilder shared = DicomBuilder.explicitLittle()
                .sequence(Tags.PLANE_ORIENTATION_SEQUENCE, DicomBuilder.explicitLittle()
                        .ds(Tags.IMAGE_ORIENTATION_PATIENT, 0, 1, 0, 0, 0, -1))
                .sequence(Tags.PIXEL_MEASURES_SEQUENCE, DicomBuilder.explicitLittle().ds(Tags.PIXEL_SPACING, 2, 1.5))
                .sequence(Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, DicomBuilder.explicitLittle()
                        .ds(Tags.RESCALE_INTERCEPT, -1024).ds(Tags.RESCALE_SLOPE, 2));
        DicomBuilder[] frames = new DicomBuilder[3];
        for (int f = 0; f < 3; f++) {
            // Frames stored in reverse spatial order along x (sagittal normal = +x... here row x col = (-1, 0, 0)).
            frames[f] = DicomBuilder.explicitLittle().sequence(Tags.PLANE_POSITION_SEQUENCE,
                    DicomBuilder.explicitLittle().ds(Tags.IMAGE_POSITION_PATIENT, 10 + 4 * f, 0, 0));
        }
        b.sequence(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, shared);
        b.sequence(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, frames);
        short[] px = new short[12];
        for (int i = 0; i < 12; i++) {
            px[i] = (short) (0xF000 | i); // high bits beyond BitsStored must be masked away
        }
        b.pixels16(px);
        ReadResult r = VolumeReaders.installed().read(b.write(dir.resolve("enhanced.dcm"), DicomParser.EXPLICIT_LE));
        assertThat(r.volume().geometry().dims()).containsExactly(2, 2, 3);
        // Sorted along the normal (-x): the frame at x = 18 comes first.
        assertThat(r.volume().geometry().origin()).containsExactly(18, 0, 0);
        assertThat(r.volume().stored(0, 0, 0)).isEqualTo(8);
        assertThat(r.volume().value(0, 0, 0)).isEqualTo(2 * 8 - 1024);
        assertThat(r.volume().geometry().spacing()).containsExactly(1.5, 2, 4);
    }

    @Test
    void oneBitSegmentationFramesAreUnpackedAcrossByteAndFrameBoundaries() throws Exception {
        // Two 3 x 3 frames: 18 bits, least significant first, the second frame starting at bit 9.
        boolean[] bits = {true, false, false, true, true, false, false, false, true,
                          false, true, true, false, false, true, true, true, false};
        byte[] packed = new byte[4]; // 18 bits padded to an even length
        for (int i = 0; i < bits.length; i++) {
            packed[i / 8] |= (byte) ((bits[i] ? 1 : 0) << (i % 8));
        }
        DicomBuilder b = DicomBuilder.explicitLittle();
        b.text(Tags.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.66.4").text(Tags.MODALITY, "CS", "SEG")
                .text(Tags.SERIES_INSTANCE_UID, "UI", "9.8")
                .us(Tags.SAMPLES_PER_PIXEL, 1).text(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2")
                .text(Tags.NUMBER_OF_FRAMES, "IS", "2").us(Tags.ROWS, 3).us(Tags.COLUMNS, 3)
                .us(Tags.BITS_ALLOCATED, 1).us(Tags.BITS_STORED, 1).us(Tags.HIGH_BIT, 0)
                .us(Tags.PIXEL_REPRESENTATION, 0);
        DicomBuilder shared = DicomBuilder.explicitLittle()
                .sequence(Tags.PLANE_ORIENTATION_SEQUENCE, DicomBuilder.explicitLittle()
                        .ds(Tags.IMAGE_ORIENTATION_PATIENT, 1, 0, 0, 0, 1, 0))
                .sequence(Tags.PIXEL_MEASURES_SEQUENCE, DicomBuilder.explicitLittle().ds(Tags.PIXEL_SPACING, 1, 1));
        DicomBuilder[] frames = new DicomBuilder[2];
        for (int f = 0; f < 2; f++) {
            frames[f] = DicomBuilder.explicitLittle().sequence(Tags.PLANE_POSITION_SEQUENCE,
                    DicomBuilder.explicitLittle().ds(Tags.IMAGE_POSITION_PATIENT, 0, 0, 2 * f));
        }
        b.sequence(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, shared);
        b.sequence(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, frames);
        b.raw(Tags.PIXEL_DATA, "OB", packed);
        Volume v = VolumeReaders.installed().read(b.write(dir.resolve("seg.dcm"), DicomParser.EXPLICIT_LE)).volume();
        assertThat(v.type().id()).isEqualTo("uint8");
        for (int i = 0; i < bits.length; i++) {
            assertThat(v.stored(i % 3, i / 3 % 3, i / 9)).as("bit %d", i).isEqualTo(bits[i] ? 1 : 0);
        }
    }

    @Test
    void oneBitPixelDataTooShortForTheirFramesAreRefused() throws Exception {
        DicomBuilder b = DicomBuilder.explicitLittle();
        b.text(Tags.MODALITY, "CS", "SEG").us(Tags.SAMPLES_PER_PIXEL, 1)
                .text(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2")
                .text(Tags.NUMBER_OF_FRAMES, "IS", "3").us(Tags.ROWS, 4).us(Tags.COLUMNS, 4)
                .us(Tags.BITS_ALLOCATED, 1).us(Tags.BITS_STORED, 1).us(Tags.HIGH_BIT, 0)
                .raw(Tags.PIXEL_DATA, "OB", new byte[4]); // 48 bits need 6 bytes
        Path file = b.write(dir.resolve("short-seg.dcm"), DicomParser.EXPLICIT_LE);
        assertThatThrownBy(() -> VolumeReaders.installed().read(file))
                .isInstanceOf(VolumeFormatException.class).hasMessageContaining("need 6");
    }

    @Test
    void rleLosslessFramesDecode() throws Exception {
        // 4 x 3 int16 pixels 100..111 as two PackBits segments (high bytes, then low bytes), literal runs.
        byte[] high = new byte[13];
        byte[] low = new byte[13];
        high[0] = 11;
        low[0] = 11;
        for (int i = 0; i < 12; i++) {
            low[1 + i] = (byte) (100 + i);
        }
        byte[] frame = new byte[64 + 26];
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, 2).putInt(4, 64).putInt(8, 64 + 13);
        System.arraycopy(high, 0, frame, 64, 13);
        System.arraycopy(low, 0, frame, 77, 13);
        DicomBuilder b = DicomBuilder.explicitLittle();
        b.text(Tags.SERIES_INSTANCE_UID, "UI", "1.2").ds(Tags.IMAGE_POSITION_PATIENT, 0, 0, 0)
                .ds(Tags.IMAGE_ORIENTATION_PATIENT, AXIAL)
                .us(Tags.SAMPLES_PER_PIXEL, 1).text(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2")
                .us(Tags.ROWS, 3).us(Tags.COLUMNS, 4).us(Tags.BITS_ALLOCATED, 16).us(Tags.BITS_STORED, 16)
                .us(Tags.PIXEL_REPRESENTATION, 0).encapsulated(frame);
        ReadResult r = VolumeReaders.installed().read(b.write(dir.resolve("rle.dcm"), PixelDecoder.RLE));
        assertThat(r.volume().value(0, 0, 0)).isEqualTo(100);
        assertThat(r.volume().value(3, 2, 0)).isEqualTo(111);
    }

    @Test
    void unsupportedSyntaxIsNamed() throws Exception {
        DicomBuilder b = DicomBuilder.explicitLittle();
        b.text(Tags.SERIES_INSTANCE_UID, "UI", "1.2").us(Tags.SAMPLES_PER_PIXEL, 1)
                .us(Tags.ROWS, 3).us(Tags.COLUMNS, 4).us(Tags.BITS_ALLOCATED, 16).encapsulated(new byte[] {1, 2});
        Path file = b.write(dir.resolve("htj2k.dcm"), "1.2.840.10008.1.2.4.201");
        assertThatThrownBy(() -> VolumeReaders.installed().read(file)).isInstanceOf(VolumeFormatException.class)
                .hasMessageContaining("unsupported transfer syntax 1.2.840.10008.1.2.4.201 (HTJ2K Lossless)");
    }

    @Test
    void truncatedAndLyingFilesAreRefused() throws Exception {
        byte[] ok = slice(ByteOrder.LITTLE_ENDIAN, true).part10(DicomParser.EXPLICIT_LE);
        Path cut = Files.write(dir.resolve("cut.dcm"), Arrays.copyOf(ok, ok.length - 7));
        assertThatThrownBy(() -> VolumeReaders.installed().read(cut)).isInstanceOf(VolumeFormatException.class)
                .hasMessageStartingWith("cut.dcm: ").hasMessageContaining("remain");

        DicomBuilder big = DicomBuilder.slice(DicomBuilder.explicitLittle(), "1", 1, new double[] {0, 0, 0}, AXIAL, 0);
        byte[] lying = big.part10(DicomParser.EXPLICIT_LE);
        // Rows = 3 -> 30000: far more pixels than the pixel data hold.
        byte[] rowsTag = {0x28, 0, 0x10, 0, 'U', 'S', 2, 0, 3, 0};
        int at = indexOf(lying, rowsTag);
        lying[at + 8] = 0x30;
        lying[at + 9] = 0x75;
        Path liar = Files.write(dir.resolve("liar.dcm"), lying);
        assertThatThrownBy(() -> VolumeReaders.installed().read(liar)).isInstanceOf(VolumeFormatException.class)
                .hasMessageContaining("pixel data hold");
    }

    @Test
    void deeplyNestedSequencesAreBounded() throws Exception {
        DicomBuilder inner = DicomBuilder.explicitLittle().text(Tags.MODALITY, "CS", "MR");
        for (int i = 0; i < DicomParser.MAX_DEPTH + 2; i++) {
            inner = DicomBuilder.explicitLittle().sequence(0x00081111, inner);
        }
        Path file = inner.write(dir.resolve("deep.dcm"), DicomParser.EXPLICIT_LE);
        assertThatThrownBy(() -> VolumeReaders.installed().read(file)).isInstanceOf(VolumeFormatException.class)
                .hasMessageContaining("nested deeper");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
