package hardy.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hardy.io.ReadResult;
import hardy.io.VolumeFormatException;
import hardy.io.VolumeReaders;
import hardy.volume.Volume;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Compressed files encoded by DCMTK (see codec-vectors/README.txt) decode to the source pixels. */
class CodecVectorsTest {

    private static Path vector(String name) throws URISyntaxException {
        return Path.of(CodecVectorsTest.class.getResource("codec-vectors/" + name).toURI());
    }

    @ParameterizedTest
    @CsvSource({"jpeg-lossless-sv1-12bit.dcm, 12", "jpeg-lossless-16bit.dcm, 16", "rle-16bit.dcm, 16",
        "jpegls-lossless-12bit.dcm, 12", "j2k-lossless-16bit.dcm, 16", "j2k-lossless-8bit.dcm, 8"})
    void losslessFilesDecodeToExactlyTheSourcePixels(String file, int bits) throws Exception {
        Volume v = VolumeReaders.installed().read(vector(file)).volume();
        assertThat(v.geometry().dims()).containsExactly(64, 48, 1);
        for (int j = 0; j < 48; j++) {
            for (int i = 0; i < 64; i++) {
                assertThat(v.value(i, j, 0)).as("pixel (%d, %d)", i, j).isEqualTo(CodecVectors.expected(bits, i, j));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"j2k-lossless-signed-12bit.dcm, 12", "j2k-lossless-signed-8bit.dcm, 8"})
    void signedLosslessFilesDecodeToTheSignedSourcePixels(String file, int bits) throws Exception {
        Volume v = VolumeReaders.installed().read(vector(file)).volume();
        assertThat(v.geometry().dims()).containsExactly(64, 48, 1);
        for (int j = 0; j < 48; j++) {
            for (int i = 0; i < 64; i++) {
                assertThat(v.value(i, j, 0)).as("pixel (%d, %d)", i, j)
                        .isEqualTo(CodecVectors.expected(bits, i, j) - (1 << (bits - 1)));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"jpeg-baseline-8bit.dcm, ref-baseline.dcm, 8, 1", "jpeg-extended-12bit.dcm, ref-extended.dcm, 12, 0"})
    void lossyFilesDecodeAsDcmtkDecodesThem(String file, String reference, int bits, int tolerance) throws Exception {
        ReadResult hardy = VolumeReaders.installed().read(vector(file));
        Volume dcmtk = VolumeReaders.installed().read(vector(reference)).volume();
        double maxDiffFromDcmtk = 0;
        double maxDiffFromSource = 0;
        for (int j = 0; j < 48; j++) {
            for (int i = 0; i < 64; i++) {
                double h = hardy.volume().value(i, j, 0);
                maxDiffFromDcmtk = Math.max(maxDiffFromDcmtk, Math.abs(h - dcmtk.value(i, j, 0)));
                maxDiffFromSource = Math.max(maxDiffFromSource, Math.abs(h - CodecVectors.expected(bits, i, j)));
            }
        }
        // Baseline goes through the JDK, whose IDCT may round differently by one grey level; extended goes
        // through Hardy's own decoder, which uses DCMTK's IDCT and must match it exactly.
        assertThat(maxDiffFromDcmtk).isLessThanOrEqualTo(tolerance);
        assertThat(maxDiffFromSource).isLessThan((1 << bits) / 8.0);
    }

    @Test
    void jpegExtended12BitFilesDecodeExactlyAsDcmdjpeg() throws Exception {
        Path file = Path.of(CodecVectorsTest.class.getResource("codec/jpeg12/extended-smooth12.dcm").toURI());

        Volume v = VolumeReaders.installed().read(file).volume();

        assertStoredValues(v, dcmdjpegPixels("extended-smooth12-q90.raw"), 37, 29);
    }

    @Test
    void twelveBitStreamsLabelledBaselineAreDecodedToo(@TempDir Path dir) throws Exception {
        byte[] stream;
        try (InputStream in = CodecVectorsTest.class.getResourceAsStream("codec/jpeg12/extended-smooth12-q90.jpg")) {
            stream = in.readAllBytes();
        }
        DicomBuilder b = DicomBuilder.explicitLittle();
        b.text(Tags.SERIES_INSTANCE_UID, "UI", "1.2").us(Tags.SAMPLES_PER_PIXEL, 1)
                .text(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2").us(Tags.ROWS, 29).us(Tags.COLUMNS, 37)
                .us(Tags.BITS_ALLOCATED, 16).us(Tags.BITS_STORED, 12).us(Tags.PIXEL_REPRESENTATION, 0)
                .encapsulated(stream);

        Volume v = VolumeReaders.installed().read(b.write(dir.resolve("mislabelled.dcm"), PixelDecoder.JPEG_BASELINE))
                .volume();

        assertStoredValues(v, dcmdjpegPixels("extended-smooth12-q90.raw"), 37, 29);
    }

    @Test
    void colourJpeg2000IsRefusedAsColour() throws Exception {
        Path path = vector("j2k-lossless-rgb-8bit.dcm");
        assertThatThrownBy(() -> VolumeReaders.installed().read(path)).isInstanceOf(VolumeFormatException.class)
                .hasMessageContaining("colour image");
    }

    private static int[] dcmdjpegPixels(String raw) throws Exception {
        try (InputStream in = CodecVectorsTest.class.getResourceAsStream("codec/jpeg12/" + raw)) {
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            int[] values = new int[b.capacity() / 2];
            for (int i = 0; i < values.length; i++) {
                values[i] = b.getShort(2 * i) & 0xFFFF;
            }
            return values;
        }
    }

    private static void assertStoredValues(Volume v, int[] expected, int columns, int rows) {
        assertThat(v.geometry().dims()).containsExactly(columns, rows, 1);
        int[] actual = new int[columns * rows];
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++) {
                actual[j * columns + i] = (int) v.stored(i, j, 0);
            }
        }
        assertThat(actual).isEqualTo(expected);
    }
}
