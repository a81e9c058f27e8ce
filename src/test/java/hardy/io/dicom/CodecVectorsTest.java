package hardy.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hardy.io.ReadResult;
import hardy.io.VolumeFormatException;
import hardy.io.VolumeReaders;
import hardy.volume.Volume;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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
    @CsvSource({"jpeg-baseline-8bit.dcm, ref-baseline.dcm, 8"})
    void lossyFilesDecodeAsDcmtkDecodesThem(String file, String reference, int bits) throws Exception {
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
        // Two IDCT implementations may round differently by one grey level; the codec itself is lossy.
        assertThat(maxDiffFromDcmtk).isLessThanOrEqualTo(1);
        assertThat(maxDiffFromSource).isLessThan((1 << bits) / 8.0);
    }

    @Test
    void colourJpeg2000IsRefusedAsColour() throws Exception {
        Path path = vector("j2k-lossless-rgb-8bit.dcm");
        assertThatThrownBy(() -> VolumeReaders.installed().read(path)).isInstanceOf(VolumeFormatException.class)
                .hasMessageContaining("colour image");
    }

    @ParameterizedTest
    @CsvSource({"jpeg-extended-12bit.dcm, JPEG Extended 12-bit"})
    void syntaxesWithoutADecoderYetAreRefusedByName(String file, String name) throws Exception {
        Path path = vector(file);
        assertThatThrownBy(() -> VolumeReaders.installed().read(path)).isInstanceOf(VolumeFormatException.class)
                .hasMessageContaining("unsupported transfer syntax").hasMessageContaining(name);
    }
}
