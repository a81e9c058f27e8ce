package hardy.io.dicom;

/** The pixel values of the codec test vectors: a smooth ramp with a flat block and a deterministic texture. */
final class CodecVectors {

    private CodecVectors() {
    }

    /** The value of pixel (i, j) of the 64 x 48 source image of {@code bits} bits. */
    static int expected(int bits, int i, int j) {
        int max = (1 << bits) - 1;
        if (i >= 40 && j >= 30) {
            return max / 3; // a flat block, which exercises run modes
        }
        int ramp = (i * 37 + j * 53) * max / (63 * 37 + 47 * 53);
        int texture = ((i * 7919 + j * 104729) % 17) * max / 255;
        return Math.min(max, ramp + texture);
    }
}
