package hardy.io.dicom.codec;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one greyscale frame of DICOM JPEG: baseline (8-bit) and lossless process 14 (any predictor, including
 * selection value 1, 2 to 16 bits), through TwelveMonkeys' JPEG reader. That reader is chosen explicitly: the
 * JDK's own reader does not handle lossless JPEG. Neither handles 12-bit DCT (extended) JPEG: that is
 * {@link JpegDctDecoder}'s.
 */
public final class JpegDecoder {

    private JpegDecoder() {
    }

    /**
     * TwelveMonkeys' reader from the registry: its provider must be registered there, since it delegates the
     * baseline path to the JDK's provider, which it finds on registration.
     */
    private static ImageReader twelveMonkeysReader() throws CodecException {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        JPEGImageReaderSpi spi = registry.getServiceProviderByClass(JPEGImageReaderSpi.class);
        if (spi == null) {
            registry.registerServiceProvider(new JPEGImageReaderSpi());
            spi = registry.getServiceProviderByClass(JPEGImageReaderSpi.class);
        }
        try {
            return spi.createReaderInstance();
        } catch (IOException | RuntimeException e) {
            throw new CodecException("JPEG decoder unavailable: " + e.getMessage());
        }
    }

    /**
     * Decodes a frame that must be {@code columns} x {@code rows} single-sample pixels.
     *
     * @return the samples, row by row, unsigned
     * @throws CodecException if the data are not such a JPEG image
     */
    public static int[] decode(byte[] data, int rows, int columns) throws CodecException {
        ImageReader reader = twelveMonkeysReader();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width != columns || height != rows) {
                throw new CodecException("JPEG frame is " + width + " x " + height + ", the header says " + columns
                        + " x " + rows);
            }
            Raster raster = reader.readRaster(0, null);
            if (raster.getNumBands() != 1) {
                throw new CodecException("JPEG frame has " + raster.getNumBands() + " components, expected 1");
            }
            return raster.getSamples(raster.getMinX(), raster.getMinY(), width, height, 0, new int[width * height]);
        } catch (IOException | RuntimeException e) {
            // Malformed JPEG streams surface as IIOException or as runtime exceptions inside the decoder.
            throw new CodecException("JPEG data cannot be decoded (" + e.getMessage() + ")");
        } finally {
            reader.dispose();
        }
    }
}
