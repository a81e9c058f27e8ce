package hardy.io.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JPEG 2000 decoder on the codestreams of the GDCM-encoded codec vectors (see codec-vectors/README.txt), and
 * its guards against codestreams that do not describe the announced image.
 */
class Jpeg2000DecoderTest {

    /** The codestream of a single-fragment codec vector: from SOC+SIZ to the last EOI. */
    private static byte[] codestream(String vector) {
        byte[] file;
        try (InputStream in = Jpeg2000DecoderTest.class.getResourceAsStream("/hardy/io/dicom/codec-vectors/"
                + vector)) {
            file = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = indexOf(file, new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51});
        int end = file.length;
        while (!(file[end - 2] == (byte) 0xFF && file[end - 1] == (byte) 0xD9)) {
            end--;
        }
        return Arrays.copyOfRange(file, start, end);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }

    /** The codec vectors' source pixel (see hardy.io.dicom.CodecVectors), duplicated: that class is package-private. */
    private static int expected(int bits, int i, int j) {
        int max = (1 << bits) - 1;
        if (i >= 40 && j >= 30) {
            return max / 3;
        }
        int ramp = (i * 37 + j * 53) * max / (63 * 37 + 47 * 53);
        int texture = ((i * 7919 + j * 104729) % 17) * max / 255;
        return Math.min(max, ramp + texture);
    }

    @Test
    void signedSamplesComeBackAsBitPatternsOfTheCodestreamPrecision() throws Exception {
        // GDCM writes 12-bit signed pixels as a signed 16-bit codestream.
        int[] s = Jpeg2000Decoder.decode(codestream("j2k-lossless-signed-12bit.dcm"), 48, 64);
        for (int j = 0; j < 48; j++) {
            for (int i = 0; i < 64; i++) {
                assertThat(s[j * 64 + i]).isEqualTo((expected(12, i, j) - 2048) & 0xFFFF);
            }
        }
    }

    @Test
    void signedEightBitSamplesToo() throws Exception {
        int[] s = Jpeg2000Decoder.decode(codestream("j2k-lossless-signed-8bit.dcm"), 48, 64);
        for (int j = 0; j < 48; j++) {
            for (int i = 0; i < 64; i++) {
                assertThat(s[j * 64 + i]).isEqualTo((expected(8, i, j) - 128) & 0xFF);
            }
        }
    }

    @Test
    void aJp2WrappedCodestreamDecodesLikeTheRawOne() throws Exception {
        byte[] raw = codestream("j2k-lossless-16bit.dcm");
        assertThat(Jpeg2000Decoder.decode(jp2(raw, 64, 48, 16), 48, 64))
                .isEqualTo(Jpeg2000Decoder.decode(raw, 48, 64));
    }

    /** A minimal JP2 file (ISO/IEC 15444-1 annex I) around a greyscale codestream. */
    private static byte[] jp2(byte[] codestream, int width, int height, int bits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(box("jP  ", new byte[] {0x0D, 0x0A, (byte) 0x87, 0x0A}));
        out.writeBytes(box("ftyp", ByteBuffer.allocate(12).put("jp2 ".getBytes(StandardCharsets.US_ASCII)).putInt(0)
                .put("jp2 ".getBytes(StandardCharsets.US_ASCII)).array()));
        byte[] ihdr = box("ihdr", ByteBuffer.allocate(14).putInt(height).putInt(width).putShort((short) 1)
                .put((byte) (bits - 1)).put((byte) 7).put((byte) 0).put((byte) 0).array());
        byte[] colr = box("colr", ByteBuffer.allocate(7).put((byte) 1).put((byte) 0).put((byte) 0).putInt(17).array());
        out.writeBytes(box("jp2h", ByteBuffer.allocate(ihdr.length + colr.length).put(ihdr).put(colr).array()));
        out.writeBytes(box("jp2c", codestream));
        return out.toByteArray();
    }

    private static byte[] box(String type, byte[] content) {
        return ByteBuffer.allocate(8 + content.length).putInt(8 + content.length)
                .put(type.getBytes(StandardCharsets.US_ASCII)).put(content).array();
    }

    @Test
    void multiComponentCodestreamsAreRefusedAsSuch() {
        byte[] rgb = codestream("j2k-lossless-rgb-8bit.dcm");
        assertThatThrownBy(() -> Jpeg2000Decoder.decode(rgb, 48, 64)).isInstanceOf(CodecException.class)
                .hasMessageContaining("3 components");
    }

    @Test
    void aSizeOtherThanTheHeadersIsRefusedBeforeDecoding() {
        byte[] grey = codestream("j2k-lossless-8bit.dcm");
        assertThatThrownBy(() -> Jpeg2000Decoder.decode(grey, 64, 48)).isInstanceOf(CodecException.class)
                .hasMessage("JPEG 2000 frame is 64 x 48, the header says 48 x 64");
    }

    @Test
    void anAbsurdImageSizeIsRefusedWithoutAllocating() {
        byte[] huge = codestream("j2k-lossless-8bit.dcm");
        // Xsiz (offset 8) becomes 0xDE000000, as in pydicom's JPEG2000-embedded-sequence-delimiter.dcm.
        huge[8] = (byte) 0xDE;
        assertThatThrownBy(() -> Jpeg2000Decoder.decode(huge, 48, 64)).isInstanceOf(CodecException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void tinyTilesBeyondWhatACodestreamCanIndexAreRefused() {
        byte[] tiles = codestream("j2k-lossless-16bit.dcm");
        // 1 x 1 tiles: 3,072 of them is fine for 64 x 48, so scale the image to 4096 x 4096 first.
        ByteBuffer b = ByteBuffer.wrap(tiles);
        b.putInt(8, 4096).putInt(12, 4096).putInt(24, 1).putInt(28, 1);
        assertThatThrownBy(() -> Jpeg2000Decoder.decode(tiles, 4096, 4096)).isInstanceOf(CodecException.class)
                .hasMessageContaining("16777216 tiles");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 50, 200, 1000, 2000})
    void truncatedCodestreamsAreRefusedInOneLine(int length) {
        // JJ2000 alone would decode most of these to a blurred image.
        byte[] cut = Arrays.copyOf(codestream("j2k-lossless-16bit.dcm"), length);
        assertThatThrownBy(() -> Jpeg2000Decoder.decode(cut, 48, 64)).isInstanceOf(CodecException.class)
                .message().isNotBlank().doesNotContain("\n");
    }

    @Test
    void bytesThatAreNoCodestreamAreRefused() {
        byte[] text = "not a JPEG 2000 codestream at all".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Jpeg2000Decoder.decode(text, 48, 64)).isInstanceOf(CodecException.class)
                .hasMessageContaining("no SOC marker");
    }
}
