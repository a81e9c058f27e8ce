package hardy.io.dicom.codec;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import java.awt.image.Raster;
import java.io.EOFException;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * Decodes one greyscale frame of DICOM JPEG 2000 (1.2.840.10008.1.2.4.90 lossless, .91 lossy): a raw J2K
 * codestream or one wrapped in a JP2 file, of one component of 1 to 16 bits, signed or unsigned, through the
 * JJ2000 decoder of jai-imageio (docs/decisions/0003-jpeg2000-through-jai-imageio.md). Its reader is created
 * from its own provider, not looked up in the global ImageIO registry, so no other JPEG 2000 plugin on the class
 * path can take its place.
 *
 * <p>JJ2000 trusts its input: on corrupt data it throws runtime exceptions and on absurd headers it allocates
 * accordingly. So the main header is read here first ({@link J2kHeader}) and must describe exactly the image the
 * DICOM header announces, with a bounded number of tiles, before JJ2000 sees a byte; whatever JJ2000 throws then
 * becomes a one-line {@link CodecException}.
 */
public final class Jpeg2000Decoder {

    private static final J2KImageReaderSpi PROVIDER = new J2KImageReaderSpi();

    private Jpeg2000Decoder() {
    }

    /**
     * Decodes a frame that must be {@code columns} x {@code rows} pixels of one component.
     *
     * @return the samples row by row, as the low {@code precision} bits of each (two's complement when the
     *         codestream is signed), where {@code precision} is that of the codestream: the caller interprets
     *         them by the DICOM header's BitsStored and PixelRepresentation, as GDCM and pydicom do when the two
     *         disagree
     * @throws CodecException if the data are not such a JPEG 2000 image
     */
    public static int[] decode(byte[] data, int rows, int columns) throws CodecException {
        J2kHeader header = J2kHeader.read(data);
        if (header.components() != 1) {
            throw new CodecException("JPEG 2000 frame has " + header.components()
                    + " components; Hardy decodes greyscale (one component) only");
        }
        if (header.width() != columns || header.height() != rows) {
            throw new CodecException("JPEG 2000 frame is " + header.width() + " x " + header.height()
                    + ", the header says " + columns + " x " + rows);
        }
        int precision = header.precision();
        if (precision > 16) {
            throw new CodecException("JPEG 2000 frame has " + precision + "-bit samples; at most 16 are supported");
        }
        ImageReader reader = null;
        try (ImageInputStream in = new StrictByteStream(data)) {
            reader = PROVIDER.createReaderInstance(null);
            reader.setInput(in, true, true);
            Raster raster = reader.readRaster(0, null);
            if (raster.getNumBands() != 1 || raster.getWidth() != columns || raster.getHeight() != rows) {
                throw new CodecException("JPEG 2000 decoder returned " + raster.getWidth() + " x "
                        + raster.getHeight() + " x " + raster.getNumBands() + " samples, expected " + columns + " x "
                        + rows + " x 1");
            }
            int[] samples = raster.getSamples(raster.getMinX(), raster.getMinY(), columns, rows, 0,
                    new int[columns * rows]);
            // jai-imageio clamps to the codestream's range and stores signed 16-bit data in a TYPE_SHORT raster
            // (negative samples), unsigned data in TYPE_USHORT or TYPE_BYTE; the low bits are the sample either way.
            int mask = (1 << precision) - 1;
            for (int i = 0; i < samples.length; i++) {
                samples[i] &= mask;
            }
            return samples;
        } catch (IOException | RuntimeException e) {
            throw new CodecException("JPEG 2000 data cannot be decoded (" + oneLine(e) + ")");
        } catch (VirtualMachineError | LinkageError e) {
            throw e;
        } catch (Error e) {
            // JJ2000 reports malformed codestreams with plain java.lang.Error, and ends its own exception handler
            // (after printing the stack trace on stderr) with a ThreadDeath, named here by string since the class
            // is deprecated for removal.
            String reason = e.getClass().getName().equals("java.lang.ThreadDeath") ? "corrupt coded data"
                    : oneLine(e);
            throw new CodecException("JPEG 2000 data cannot be decoded (" + reason + ")");
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
    }

    /**
     * The frame as an ImageInputStream whose single-byte {@code read()} throws at the end of the data instead of
     * returning -1: JJ2000's packet-header bit reader takes that -1 for eight one bits, over and over, and a
     * corrupt packet header then keeps it reading for ever.
     */
    private static final class StrictByteStream extends ImageInputStreamImpl {
        private final byte[] data;

        StrictByteStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() throws IOException {
            checkClosed();
            bitOffset = 0;
            if (streamPos >= data.length) {
                throw new EOFException("the codestream ends in the middle of a packet");
            }
            return data[(int) streamPos++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            checkClosed();
            bitOffset = 0;
            if (len == 0) {
                return 0;
            }
            if (streamPos >= data.length) {
                return -1;
            }
            int n = (int) Math.min(len, data.length - streamPos);
            System.arraycopy(data, (int) streamPos, b, off, n);
            streamPos += n;
            return n;
        }

        @Override
        public long length() {
            return data.length;
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return m.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }
}
