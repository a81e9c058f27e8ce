package hardy.io.dicom.codec;

/**
 * A decoded image: unsigned samples of {@code precision} bits, interleaved by pixel when {@code components > 1}
 * (sample {@code c} of pixel {@code (x, y)} is at {@code (y * width + x) * components + c}).
 */
public record DecodedImage(int width, int height, int components, int precision, short[] samples) {
}
