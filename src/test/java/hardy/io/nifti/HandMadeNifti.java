package hardy.io.nifti;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Builds NIfTI-1 files byte by byte at the offsets of the standard's nifti1.h, independently of Hardy's own
 * header codec, so that tests of the reader do not lean on the writer.
 */
final class HandMadeNifti {

    final ByteBuffer header = ByteBuffer.allocate(352);
    byte[] data = new byte[0];

    HandMadeNifti(ByteOrder order) {
        header.order(order);
        header.putInt(0, 348);
        header.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1').put(347, (byte) 0);
        header.putFloat(108, 352);
        header.putFloat(76, 1); // qfac
        pixdim(1, 1, 1);
    }

    /** A 3-D int16 volume with data 0, 1, 2, ... */
    static HandMadeNifti int16(int nx, int ny, int nz) {
        HandMadeNifti n = new HandMadeNifti(ByteOrder.LITTLE_ENDIAN);
        n.dims(3, nx, ny, nz);
        n.datatype(4, 16);
        ByteBuffer d = ByteBuffer.allocate(2 * nx * ny * nz).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < nx * ny * nz; i++) {
            d.putShort((short) i);
        }
        n.data = d.array();
        return n;
    }

    HandMadeNifti dims(int... dims) {
        for (int d = 0; d < dims.length; d++) {
            header.putShort(40 + 2 * d, (short) dims[d]);
        }
        return this;
    }

    HandMadeNifti datatype(int code, int bitpix) {
        header.putShort(70, (short) code);
        header.putShort(72, (short) bitpix);
        return this;
    }

    HandMadeNifti pixdim(double x, double y, double z) {
        header.putFloat(80, (float) x).putFloat(84, (float) y).putFloat(88, (float) z);
        return this;
    }

    HandMadeNifti qfac(double q) {
        header.putFloat(76, (float) q);
        return this;
    }

    HandMadeNifti voxOffset(float offset) {
        header.putFloat(108, offset);
        return this;
    }

    HandMadeNifti scaling(double slope, double inter) {
        header.putFloat(112, (float) slope).putFloat(116, (float) inter);
        return this;
    }

    HandMadeNifti qform(int code, double b, double c, double d, double x, double y, double z) {
        header.putShort(252, (short) code);
        header.putFloat(256, (float) b).putFloat(260, (float) c).putFloat(264, (float) d);
        header.putFloat(268, (float) x).putFloat(272, (float) y).putFloat(276, (float) z);
        return this;
    }

    HandMadeNifti sform(int code, double... rows) {
        header.putShort(254, (short) code);
        for (int i = 0; i < 12; i++) {
            header.putFloat(280 + 4 * i, (float) rows[i]);
        }
        return this;
    }

    byte[] bytes() {
        byte[] out = new byte[352 + data.length];
        System.arraycopy(header.array(), 0, out, 0, 352);
        System.arraycopy(data, 0, out, 352, data.length);
        return out;
    }

    Path write(Path file) throws IOException {
        byte[] b = bytes();
        if (file.getFileName().toString().endsWith(".gz")) {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(bos)) {
                z.write(b);
            }
            b = bos.toByteArray();
        }
        return Files.write(file, b);
    }
}
