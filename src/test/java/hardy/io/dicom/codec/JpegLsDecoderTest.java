package hardy.io.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JPEG-LS codestreams written by other software (CharLS, FFmpeg, DCMTK and the ISO conformance set; see
 * {@code jpegls/README.txt} and {@code scripts/make-jpegls-vectors.sh}), and malformed input.
 */
class JpegLsDecoderTest {

    private static final String DIR = "jpegls/";

    /** The lines of {@code vectors.txt}: file, original (or -), NEAR, precision, SHA-256 of the reference decode. */
    static Stream<Arguments> vectors() {
        return new String(resource("vectors.txt"), StandardCharsets.US_ASCII).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.trim().split("\\s+"))
                .map(f -> Arguments.of(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesWhatOtherEncodersWrote(String file, String original, int near, int precision, String sha256)
            throws Exception {
        DecodedImage image = JpegLsDecoder.decode(resource(file));

        assertThat(image.precision()).isEqualTo(precision);
        assertThat(image.samples()).hasSize(image.width() * image.height() * image.components());
        // Decoding is exact in T.87, lossy or not: the same samples as CharLS (and FFmpeg, DCMTK) decode.
        assertThat(sha256(image.samples())).isEqualTo(sha256);
        if (!original.equals("-")) {
            Pnm expected = Pnm.parse(resource(original));
            assertThat(image.width()).isEqualTo(expected.width());
            assertThat(image.height()).isEqualTo(expected.height());
            assertThat(image.components()).isEqualTo(expected.components());
            if (near == 0) {
                assertThat(image.samples()).isEqualTo(expected.samples());
            } else {
                assertThat(maxDeviation(image.samples(), expected.samples())).isLessThanOrEqualTo(near);
            }
        }
    }

    @Test
    void samplesAreInterleavedByPixel() throws Exception {
        DecodedImage rgb = JpegLsDecoder.decode(resource("charls-rgb8-none-lossless.jls"));
        Pnm ppm = Pnm.parse(resource("rgb8.ppm"));
        assertThat(rgb.components()).isEqualTo(3);
        int pixel = 10 * rgb.width() + 7;
        for (int c = 0; c < 3; c++) {
            assertThat(rgb.samples()[pixel * 3 + c]).isEqualTo(ppm.samples()[pixel * 3 + c]);
        }
    }

    @Test
    void fillBytesAndApplicationAndCommentSegmentsAreSkipped() throws Exception {
        byte[] plain = resource("charls-gray12-lossless.jls");
        byte[] extra = {(byte) 0xFF, (byte) 0xFE, 0, 5, 'h', 'i', '!', (byte) 0xFF, (byte) 0xE3, 0, 2, (byte) 0xFF,
            (byte) 0xFF};
        byte[] padded = concat(Arrays.copyOf(plain, 2), extra, Arrays.copyOfRange(plain, 2, plain.length - 2),
                new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xD9, 0, 0});
        assertThat(JpegLsDecoder.decode(padded).samples()).isEqualTo(JpegLsDecoder.decode(plain).samples());
    }

    // ------------------------------------------------------------------------------------------ malformed input

    @ParameterizedTest
    @ValueSource(strings = {"charls-gray12-lossless.jls", "charls-rgb8-none-lossless.jls",
        "charls-rgb8-sample-near2.jls", "charls-stripes-gray12-restart4-lossless.jls", "dcmtk-gray16-near4.jls",
        "charls-gray12-lse-near1.jls"})
    void everyTruncationEndsEarly(String file) {
        byte[] data = resource(file);
        int end = lastIndexOf(data, (byte) 0xD9); // DCMTK pads after EOI
        for (int n = 0; n <= end; n++) {
            if (n > 150 && n < end - 100 && n % 11 != 0) {
                continue; // every cut in the headers and near the end, a sample of those in between
            }
            byte[] cut = Arrays.copyOf(data, n);
            var thrown = assertThatThrownBy(() -> JpegLsDecoder.decode(cut)).as("cut at %d", n)
                    .isInstanceOf(CodecException.class);
            if (n >= 2) {
                thrown.hasMessageStartingWith("JPEG-LS data end early");
            }
        }
    }

    @Test
    void garbageIsRefused() {
        Random random = new Random(42);
        for (int length : new int[] {0, 1, 2, 3, 17, 1000}) {
            byte[] garbage = new byte[length];
            random.nextBytes(garbage);
            assertThatThrownBy(() -> JpegLsDecoder.decode(garbage)).isInstanceOf(CodecException.class)
                    .hasMessage("Not a JPEG-LS stream: it does not start with an SOI marker");
        }
        assertThatThrownBy(() -> JpegLsDecoder.decode(null)).isInstanceOf(CodecException.class);
    }

    @Test
    void garbageEntropyDataNeverEscapesAsAnotherException() throws Exception {
        byte[] valid = resource("charls-gray16-lossless.jls");
        int data = indexOf(valid, (byte) 0xDA, 0) + 9;
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] mangled = valid.clone();
            byte[] noise = new byte[mangled.length - data];
            random.nextBytes(noise);
            System.arraycopy(noise, 0, mangled, data, noise.length);
            decodeOrCodecException(mangled);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"charls-gray8-near2.jls", "charls-rgb8-line-lossless.jls",
        "charls-rgb8-sample-lossless.jls", "charls-stripes-gray12-restart4-lossless.jls", "charls-gray8-lse-lossless.jls",
        "dcmtk-gray12-thresholds-lossless.jls"})
    void mutatedStreamsDecodeOrFailCleanly(String file) throws Exception {
        byte[] valid = resource(file);
        Random random = new Random(file.hashCode());
        for (int i = 0; i < 400; i++) {
            byte[] mutated = valid.clone();
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                int at = random.nextInt(Math.min(mutated.length, i % 2 == 0 ? 60 : mutated.length));
                mutated[at] = (byte) (random.nextInt(4) == 0 ? 0xFF : random.nextInt(256));
            }
            decodeOrCodecException(mutated);
        }
    }

    @Test
    void absurdDimensionsAreRefusedBeforeAllocating() {
        // 65535 x 65535 x 4 samples: far more than the 2^28 allowed.
        assertThatThrownBy(() -> JpegLsDecoder.decode(stream(16, 65535, 65535, 4, 0, 0)))
                .isInstanceOf(CodecException.class).hasMessageContaining("too large");
        // 2^28 samples (512 MiB of shorts) would be allowed, but 100 bytes cannot code 16384 lines.
        assertThatThrownBy(() -> JpegLsDecoder.decode(stream(16, 16384, 16384, 1, 0, 0)))
                .isInstanceOf(CodecException.class).hasMessageStartingWith("JPEG-LS data end early");
        // Oversize dimensions (LSE type 4): 2^32 - 1 squared.
        byte[] lse = {(byte) 0xFF, (byte) 0xF8, 0, 12, 4, 4, -1, -1, -1, -1, -1, -1, -1, -1};
        assertThatThrownBy(() -> JpegLsDecoder.decode(insertAfterFrame(stream(8, 0, 0, 1, 0, 0), lse)))
                .isInstanceOf(CodecException.class).hasMessageContaining("too large");
    }

    @Test
    void aStreamOfAnotherSizeThanTheContainerSaysIsRefused() throws Exception {
        byte[] valid = resource("charls-gray12-lossless.jls");
        DecodedImage image = JpegLsDecoder.decode(valid);
        assertThat(JpegLsDecoder.decode(valid, image.width(), image.height()).samples()).isEqualTo(image.samples());
        assertThatThrownBy(() -> JpegLsDecoder.decode(valid, image.width() + 1, image.height()))
                .isInstanceOf(CodecException.class)
                .hasMessage("JPEG-LS frame is %d x %d, the container says %d x %d", image.width(), image.height(),
                        image.width() + 1, image.height());
        // 2^28 samples pass the decoder's own limit; the container's size refuses them before allocating.
        assertThatThrownBy(() -> JpegLsDecoder.decode(stream(16, 16384, 16384, 1, 0, 0), 64, 64))
                .isInstanceOf(CodecException.class).hasMessageContaining("the container says 64 x 64");
    }

    @Test
    void oversizeDimensionsOfLseType4AreRead() throws Exception {
        byte[] valid = resource("charls-gray12-lossless.jls");
        byte[] zeroed = valid.clone();
        int sof = indexOf(zeroed, (byte) 0xF7, 0);
        Arrays.fill(zeroed, sof + 4, sof + 8, (byte) 0); // Y and X of the frame header
        byte[] lse = {(byte) 0xFF, (byte) 0xF8, 0, 10, 4, 3, 0, 0, 48, 0, 0, 64};
        assertThat(JpegLsDecoder.decode(insertAfterFrame(zeroed, lse)).samples())
                .isEqualTo(JpegLsDecoder.decode(valid).samples());
    }

    @Test
    void unsupportedFeaturesAreNamed() throws Exception {
        byte[] rgb = resource("charls-rgb8-line-lossless.jls");
        int sof = indexOf(rgb, (byte) 0xF7, 0);
        byte[] subsampled = rgb.clone();
        subsampled[sof + 13] = 0x22; // H and V of the second component
        assertMessage(subsampled, "JPEG-LS images with subsampled components are not supported");

        byte[] gray = resource("charls-gray12-lossless.jls");
        int sos = indexOf(gray, (byte) 0xDA, 0);
        byte[] pointTransform = gray.clone();
        pointTransform[sos + 8] = 1;
        assertMessage(pointTransform, "JPEG-LS point transforms are not supported");
        byte[] mapping = gray.clone();
        mapping[sos + 5] = 1;
        assertMessage(mapping, "JPEG-LS palette mapping tables are not supported");
        byte[] extended = gray.clone();
        extended[sof(gray)] = (byte) 0xF9;
        assertMessage(extended, "JPEG-LS extensions (ITU-T T.870, marker 0xFFF9) are not supported");
        byte[] baseline = gray.clone();
        baseline[sof(gray)] = (byte) 0xC0;
        assertMessage(baseline, "Not a JPEG-LS stream: it is DCT-based JPEG (frame marker 0xFFC0)");
        byte[] lossless = gray.clone();
        lossless[sof(gray)] = (byte) 0xC3;
        assertMessage(lossless, "Not a JPEG-LS stream: it is lossless JPEG (frame marker 0xFFC3)");
        byte[] hp = {(byte) 0xFF, (byte) 0xE8, 0, 7, 'm', 'r', 'f', 'x', 1};
        assertMessage(insertAfterFrame(gray, hp), "JPEG-LS colour transform HP1 is not supported");
        assertMessage(stream(17, 8, 8, 1, 0, 0), "JPEG-LS precision of 17 bits is not supported (2 to 16)");
        assertMessage(stream(8, 8, 8, 5, 0, 0), "JPEG-LS images of 5 components are not supported");
        assertMessage(stream(8, 8, 8, 1, 200, 0), "JPEG-LS NEAR 200 is too large for MAXVAL 255");
    }

    @Test
    void structuralErrorsAreNamed() throws Exception {
        byte[] restart = resource("charls-stripes-gray12-restart4-lossless.jls");
        byte[] wrongRestart = restart.clone();
        wrongRestart[indexOf(restart, (byte) 0xD1, 0)] = (byte) 0xD2;
        assertMessage(wrongRestart, "JPEG-LS data are corrupt: restart marker RST1 is missing");

        byte[] gray = resource("charls-gray12-lossless.jls");
        int sos = indexOf(gray, (byte) 0xDA, 0);
        byte[] noFrame = concat(Arrays.copyOf(gray, 2), Arrays.copyOfRange(gray, sos - 1, gray.length));
        assertMessage(noFrame, "JPEG-LS scan comes before the frame header");
        byte[] unknownComponent = gray.clone();
        unknownComponent[sos + 4] = 9;
        assertMessage(unknownComponent, "JPEG-LS scan refers to an unknown or already decoded component 9");
        byte[] twice = concat(Arrays.copyOf(gray, gray.length - 2), Arrays.copyOfRange(gray, sos - 1, gray.length));
        assertMessage(twice, "JPEG-LS scan refers to an unknown or already decoded component 1");
        byte[] noScan = concat(Arrays.copyOf(gray, sos - 1), new byte[] {(byte) 0xFF, (byte) 0xD9});
        assertMessage(noScan, "JPEG-LS stream has no scan for component 1");
        byte[] quantTable = concat(Arrays.copyOf(gray, 2), new byte[] {(byte) 0xFF, (byte) 0xDB, 0, 2},
                Arrays.copyOfRange(gray, 2, gray.length));
        assertMessage(quantTable, "JPEG-LS stream has an unexpected marker 0xFFDB");
        byte[] badThresholds = insertAfterFrame(gray, new byte[] {(byte) 0xFF, (byte) 0xF8, 0, 13, 1, 0, 0, 0, 50,
            0, 40, 0, 0, 0, 0});
        assertMessage(badThresholds, "JPEG-LS thresholds 50, 40, 276 are invalid");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static void decodeOrCodecException(byte[] data) throws Exception {
        try {
            DecodedImage image = JpegLsDecoder.decode(data);
            assertThat(image.samples()).hasSize(image.width() * image.height() * image.components());
        } catch (CodecException expected) {
            assertThat(expected.getMessage()).contains("JPEG").doesNotContain("\n");
        }
    }

    private static void assertMessage(byte[] data, String message) {
        assertThatThrownBy(() -> JpegLsDecoder.decode(data)).isInstanceOf(CodecException.class).hasMessage(message);
    }

    /** SOI, a frame header, a scan header and 100 zero bytes: enough for the header checks to run. */
    private static byte[] stream(int precision, int width, int height, int components, int near, int interleave) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xF7, 0, (byte) (8 + 3 * components),
            (byte) precision, (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width,
            (byte) components});
        for (int c = 1; c <= components; c++) {
            out.writeBytes(new byte[] {(byte) c, 0x11, 0});
        }
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, (byte) near, (byte) interleave, 0});
        out.writeBytes(new byte[100]);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }

    private static int sof(byte[] data) {
        return indexOf(data, (byte) 0xF7, 0);
    }

    private static byte[] insertAfterFrame(byte[] data, byte[] segment) {
        int sof = sof(data);
        int end = sof + 1 + ((data[sof + 1] & 0xFF) << 8 | data[sof + 2] & 0xFF);
        return concat(Arrays.copyOf(data, end), segment, Arrays.copyOfRange(data, end, data.length));
    }

    /** Index of the first marker code {@code code} (preceded by 0xFF) at or after {@code from}. */
    private static int indexOf(byte[] data, byte code, int from) {
        for (int i = Math.max(from, 1); i < data.length; i++) {
            if (data[i] == code && data[i - 1] == (byte) 0xFF) {
                return i;
            }
        }
        throw new AssertionError("no marker " + code);
    }

    private static int lastIndexOf(byte[] data, byte code) {
        for (int i = data.length - 1; i > 0; i--) {
            if (data[i] == code && data[i - 1] == (byte) 0xFF) {
                return i;
            }
        }
        throw new AssertionError("no marker " + code);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int maxDeviation(short[] a, short[] b) {
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((a[i] & 0xFFFF) - (b[i] & 0xFFFF)));
        }
        return max;
    }

    private static String sha256(short[] samples) throws NoSuchAlgorithmException {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            bytes[2 * i] = (byte) samples[i];
            bytes[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] resource(String name) {
        try (InputStream in = JpegLsDecoderTest.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A binary PGM (P5) or PPM (P6) image; samples of 1 byte, or 2 bytes big-endian when maxval > 255. */
    private record Pnm(int width, int height, int components, short[] samples) {

        static Pnm parse(byte[] data) {
            List<String> fields = new ArrayList<>();
            int p = 0;
            while (fields.size() < 4) {
                while (Character.isWhitespace(data[p])) {
                    p++;
                }
                int start = p;
                while (!Character.isWhitespace(data[p])) {
                    p++;
                }
                fields.add(new String(data, start, p - start, StandardCharsets.US_ASCII));
            }
            p++;
            int components = fields.get(0).equals("P6") ? 3 : 1;
            int width = Integer.parseInt(fields.get(1));
            int height = Integer.parseInt(fields.get(2));
            boolean wide = Integer.parseInt(fields.get(3)) > 255;
            short[] samples = new short[width * height * components];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) (wide ? (data[p + 2 * i] & 0xFF) << 8 | data[p + 2 * i + 1] & 0xFF
                        : data[p + i] & 0xFF);
            }
            return new Pnm(width, height, components, samples);
        }
    }
}
