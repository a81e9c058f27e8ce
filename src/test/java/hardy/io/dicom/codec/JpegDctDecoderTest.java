package hardy.io.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JPEG DCT streams encoded by DCMTK's dcmcjpeg, whose dcmdjpeg decoding Hardy must reproduce exactly (see
 * {@code jpeg12/README.txt} and {@code scripts/make-jpeg12-vectors.sh}), and malformed input.
 */
class JpegDctDecoderTest {

    private static final String DIR = "jpeg12/";
    private static final String SMOOTH = "extended-smooth12-q90.jpg"; // 37 x 29, 12 bits
    private static final String RESTART = "extended-noisy12-q75-restart5.jpg"; // 64 x 48, 12 bits

    /** The lines of {@code vectors.txt}: file, columns, rows, precision, SHA-256 of dcmdjpeg's decoding. */
    static Stream<Arguments> vectors() {
        return new String(resource("vectors.txt"), StandardCharsets.US_ASCII).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.trim().split("\\s+"))
                .map(f -> Arguments.of(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        f[4]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesExactlyAsDcmdjpeg(String file, int columns, int rows, int precision, String sha256) throws Exception {
        byte[] data = resource(file);
        DecodedImage image = JpegDctDecoder.decode(data, 0, data.length, rows, columns);

        assertThat(image.width()).isEqualTo(columns);
        assertThat(image.height()).isEqualTo(rows);
        assertThat(image.components()).isEqualTo(1);
        assertThat(image.precision()).isEqualTo(precision);
        byte[] raw = optionalResource(file.replace(".jpg", ".raw"));
        if (raw != null) {
            assertThat(image.samples()).isEqualTo(littleEndianShorts(raw)); // shows where it differs, if it does
        }
        assertThat(sha256(image.samples())).isEqualTo(sha256);
    }

    @Test
    void fillBytesAndApplicationAndCommentSegmentsAreSkipped() throws Exception {
        byte[] plain = resource(SMOOTH);
        byte[] extra = {(byte) 0xFF, (byte) 0xFE, 0, 5, 'h', 'i', '!', (byte) 0xFF, (byte) 0xE3, 0, 2, (byte) 0xFF,
            (byte) 0xFF};
        byte[] padded = concat(Arrays.copyOf(plain, 2), extra, Arrays.copyOfRange(plain, 2, plain.length));

        assertThat(decode(padded, 29, 37).samples()).isEqualTo(decode(plain, 29, 37).samples());
    }

    @Test
    void onlyTheGivenRangeOfTheArrayIsRead() throws Exception {
        byte[] plain = resource(SMOOTH);
        byte[] framed = concat(new byte[] {1, 2, 3}, plain, new byte[] {(byte) 0xFF, (byte) 0xC2, 9});

        DecodedImage image = JpegDctDecoder.decode(framed, 3, plain.length, 29, 37);

        assertThat(image.samples()).isEqualTo(decode(plain, 29, 37).samples());
    }

    @Test
    void aMissingEndOfImageMarkerIsTolerated() throws Exception {
        byte[] plain = resource(SMOOTH);

        DecodedImage image = decode(Arrays.copyOf(plain, plain.length - 2), 29, 37);

        assertThat(image.samples()).isEqualTo(decode(plain, 29, 37).samples());
    }

    @Test
    void samplePrecisionIsReadFromTheFrameHeader() {
        byte[] twelve = resource(SMOOTH);
        byte[] eight = resource("baseline-noisy8-q80.jpg");

        assertThat(JpegDctDecoder.samplePrecision(twelve, 0, twelve.length)).isEqualTo(12);
        assertThat(JpegDctDecoder.samplePrecision(eight, 0, eight.length)).isEqualTo(8);
        assertThat(JpegDctDecoder.samplePrecision(new byte[] {(byte) 0xFF, (byte) 0xD8}, 0, 2)).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 10, 30, 100, 200, 300, 400, 500})
    void truncatedStreamsAreRefused(int cut) {
        byte[] data = Arrays.copyOf(resource(SMOOTH), resource(SMOOTH).length - 2 - cut);

        assertThatThrownBy(() -> decode(data, 29, 37)).isInstanceOf(CodecException.class)
                .hasMessageContaining("end early");
    }

    @Test
    void aSegmentLongerThanTheDataLeftIsRefused() {
        byte[] data = resource(SMOOTH);
        int dqt = indexOf(data, 0xDB);
        data[dqt + 1] = 0x7F; // the length's high byte: 32 KB of table in a 600-byte stream

        assertThatThrownBy(() -> decode(data, 29, 37)).isInstanceOf(CodecException.class)
                .hasMessageMatching("JPEG data end early: the quantisation table segment is 32579 bytes, \\d+ are left");
    }

    @Test
    void aFrameOfAnotherSizeIsRefused() {
        byte[] data = resource(SMOOTH);

        assertThatThrownBy(() -> decode(data, 29, 36)).isInstanceOf(CodecException.class)
                .hasMessage("JPEG frame is 37 x 29, the header says 36 x 29");
    }

    @Test
    void absurdDimensionsAreRefusedBeforeAllocating() {
        byte[] data = resource(SMOOTH);
        int sof = indexOf(data, 0xC1);
        for (int i = 0; i < 4; i++) {
            data[sof + 4 + i] = (byte) 0xFF; // 65535 x 65535: 8 GB of 16-bit samples
        }

        assertThatThrownBy(() -> decode(data, 29, 37)).isInstanceOf(CodecException.class)
                .hasMessage("JPEG frame is 65535 x 65535, the header says 37 x 29");
    }

    @Test
    void framesTooLargeToHoldAreRefusedEvenWhenExpected() {
        byte[] data = resource(SMOOTH);
        int sof = indexOf(data, 0xC1);
        for (int i = 0; i < 4; i++) {
            data[sof + 4 + i] = (byte) 0xFF;
        }

        assertThatThrownBy(() -> decode(data, 65535, 65535)).isInstanceOf(CodecException.class)
                .hasMessage("JPEG frame of 65535 x 65535 pixels is too large");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "3 codes of length 1; 0x03",                 // more codes than 1 bit holds
        "2 codes of length 1; 0x02",                 // uses the reserved all-ones code
        "1 code of length 1, 3 of length 2; 0x01 0x03"})
    void huffmanTablesWhoseCodesDoNotFitAreRefused(String what, String counts) {
        byte[] data = resource(SMOOTH);
        int dht = indexOf(data, 0xC4);
        Arrays.fill(data, dht + 4, dht + 20, (byte) 0); // the first table's counts: none of length 1..16 ...
        String[] c = counts.split(" ");
        for (int i = 0; i < c.length; i++) {
            data[dht + 4 + i] = (byte) Integer.decode(c[i]).intValue(); // ... but these
        }

        assertThatThrownBy(() -> decode(data, 29, 37)).as(what).isInstanceOf(CodecException.class)
                .hasMessageContaining("Huffman table is invalid");
    }

    @Test
    void huffmanTablesOfMoreThan256CodesAreRefused() {
        byte[] data = resource(SMOOTH);
        int dht = indexOf(data, 0xC4);
        Arrays.fill(data, dht + 4, dht + 20, (byte) 0);
        data[dht + 19] = (byte) 200; // 200 codes of length 16 ...
        data[dht + 18] = (byte) 100; // ... and 100 of length 15

        assertThatThrownBy(() -> decode(data, 29, 37)).isInstanceOf(CodecException.class)
                .hasMessageContaining("Huffman table is invalid: 300 codes");
    }

    @ParameterizedTest
    @CsvSource({"0xC2, progressive JPEG (SOF2) is not supported",
        "0xC9, arithmetic-coded JPEG (SOF9) is not supported",
        "0xCA, arithmetic-coded JPEG (SOF10) is not supported",
        "0xC3, lossless JPEG (SOF3) in a DCT stream is not supported",
        "0xC5, hierarchical JPEG (SOF5) is not supported"})
    void otherFrameTypesAreRefusedByName(String marker, String message) {
        byte[] data = resource(SMOOTH);
        data[indexOf(data, 0xC1)] = (byte) Integer.decode(marker).intValue();

        assertThatThrownBy(() -> decode(data, 29, 37)).isInstanceOf(CodecException.class).hasMessage(message);
    }

    @Test
    void colourFramesAreRefused() {
        byte[] data = resource(SMOOTH);
        data[indexOf(data, 0xC1) + 8] = 3;

        assertThatThrownBy(() -> decode(data, 29, 37)).isInstanceOf(CodecException.class)
                .hasMessage("JPEG frame has 3 components: only greyscale is supported");
    }

    @Test
    void aMissingRestartMarkerIsRefused() {
        byte[] data = resource(RESTART);
        int rst = indexOf(data, 0xD3);
        data[rst] = (byte) 0xD5; // RST3 replaced by RST5

        assertThatThrownBy(() -> decode(data, 48, 64)).isInstanceOf(CodecException.class)
                .hasMessage("JPEG data are corrupt: expected restart marker RST3, found 0xFFD5");
    }

    @ParameterizedTest
    @ValueSource(strings = {SMOOTH, RESTART, "extended-noisy12-q5.jpg", "baseline-noisy8-q80.jpg"})
    void corruptedStreamsDecodeOrFailWithACodecException(String file) {
        byte[] original = resource(file);
        Random random = new Random(file.hashCode());
        for (int trial = 0; trial < 2000; trial++) {
            byte[] data = original.clone();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                data[random.nextInt(data.length)] = (byte) random.nextInt(256);
            }
            try {
                int[] size = frameSize(original);
                DecodedImage image = decode(data, size[1], size[0]);
                assertThat(image.samples()).hasSize(size[0] * size[1]);
            } catch (CodecException expected) {
                assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static DecodedImage decode(byte[] data, int rows, int columns) throws CodecException {
        return JpegDctDecoder.decode(data, 0, data.length, rows, columns);
    }

    /** Index of the first 0xFF {@code marker} byte pair, pointing at the marker code. */
    private static int indexOf(byte[] data, int marker) {
        for (int i = 0; i + 1 < data.length; i++) {
            if ((data[i] & 0xFF) == 0xFF && (data[i + 1] & 0xFF) == marker) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker 0xFF" + Integer.toHexString(marker));
    }

    /** {columns, rows} from the SOF0 or SOF1 header. */
    private static int[] frameSize(byte[] data) {
        int sof;
        try {
            sof = indexOf(data, 0xC1);
        } catch (AssertionError e) {
            sof = indexOf(data, 0xC0);
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        return new int[] {b.getShort(sof + 6) & 0xFFFF, b.getShort(sof + 4) & 0xFFFF};
    }

    private static short[] littleEndianShorts(byte[] raw) {
        short[] s = new short[raw.length / 2];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        return s;
    }

    private static String sha256(short[] samples) throws NoSuchAlgorithmException {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(samples);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    static byte[] resource(String name) {
        byte[] data = optionalResource(name);
        if (data == null) {
            throw new IllegalStateException("missing test resource " + DIR + name);
        }
        return data;
    }

    private static byte[] optionalResource(String name) {
        try (InputStream in = JpegDctDecoderTest.class.getResourceAsStream(DIR + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
