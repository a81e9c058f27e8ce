package hardy.io.nifti;

import hardy.core.AtomicFiles;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.RawVoxelEncoder;
import hardy.io.VolumeWriter;
import hardy.volume.Affine;
import hardy.volume.Volume;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a volume as NIfTI: {@code .nii}, {@code .nii.gz}, or a {@code .hdr}/{@code .img} pair. NIfTI-1 unless a
 * dimension exceeds its 16-bit limit, then NIfTI-2. The affine goes into the sform exactly and into the qform as
 * well as a qform can hold it (a sheared affine cannot be a rotation), both with code 1 (scanner anatomical),
 * since Hardy's world is the scanner's patient frame. Files are replaced atomically.
 */
public final class NiftiWriter implements VolumeWriter {

    /** NIfTI {@code xyzt_units}: millimetres and seconds. */
    private static final int UNITS_MM_SEC = 2 | 8;
    /** NIfTI code for scanner-based anatomical coordinates. */
    private static final int SCANNER_ANAT = 1;

    private final ByteOrder order;
    private final int forcedVersion;

    /** A writer of little-endian files, NIfTI-1 whenever it suffices. */
    public NiftiWriter() {
        this(ByteOrder.LITTLE_ENDIAN, 0);
    }

    /**
     * A writer with a chosen byte order and version.
     *
     * @param version 1 or 2, or 0 for NIfTI-1 whenever the dimensions allow
     */
    public NiftiWriter(ByteOrder order, int version) {
        if (version < 0 || version > 2) {
            throw new IllegalArgumentException("NIfTI version must be 0 (auto), 1 or 2, got " + version);
        }
        this.order = order;
        this.forcedVersion = version;
    }

    @Override
    public String formatName() {
        return "NIfTI";
    }

    @Override
    public boolean supportsName(Path path) {
        String n = NiftiFiles.lowerName(path);
        return n.endsWith(".nii") || n.endsWith(".nii.gz") || n.endsWith(".hdr") || n.endsWith(".hdr.gz");
    }

    @Override
    public void write(Volume volume, Path path, ProgressListener progress, Cancellation cancel) throws IOException {
        if (!supportsName(path)) {
            throw new IllegalArgumentException("not a NIfTI file name: " + path.getFileName());
        }
        boolean pair = NiftiFiles.isHeaderName(path);
        boolean gzip = NiftiFiles.isGzipName(path);
        NiftiHeader header = header(volume, version(volume), !pair);
        byte[] headerBytes = NiftiHeaderCodec.encode(header);
        if (pair) {
            String name = path.getFileName().toString();
            int cut = name.length() - (gzip ? 7 : 4);
            Path image = path.resolveSibling(name.substring(0, cut) + (name.charAt(cut + 1) == 'H' ? ".IMG" : ".img")
                    + (gzip ? name.substring(name.length() - 3) : ""));
            AtomicFiles.write(image, out -> writeCompressed(out, gzip, o ->
                    RawVoxelEncoder.encode(volume.data(), order, o, progress, cancel)));
            AtomicFiles.write(path, out -> writeCompressed(out, gzip,
                    o -> o.write(headerBytes, 0, header.headerSize())));
        } else {
            AtomicFiles.write(path, out -> writeCompressed(out, gzip, o -> {
                o.write(headerBytes);
                RawVoxelEncoder.encode(volume.data(), order, o, progress, cancel);
            }));
        }
    }

    private int version(Volume v) {
        if (forcedVersion != 0) {
            if (forcedVersion == 1 && Math.max(v.nx(), Math.max(v.ny(), v.nz())) > Short.MAX_VALUE) {
                throw new IllegalArgumentException("NIfTI-1 cannot hold a dimension above 32767");
            }
            return forcedVersion;
        }
        return Math.max(v.nx(), Math.max(v.ny(), v.nz())) > Short.MAX_VALUE ? 2 : 1;
    }

    private static void writeCompressed(OutputStream out, boolean gzip, AtomicFiles.Content content)
            throws IOException {
        if (gzip) {
            GZIPOutputStream z = new GZIPOutputStream(out, NiftiFiles.GZIP_BUFFER);
            content.writeTo(z);
            z.finish();
        } else {
            BufferedOutputStream b = new BufferedOutputStream(out, NiftiFiles.GZIP_BUFFER);
            content.writeTo(b);
            b.flush();
        }
    }

    private NiftiHeader header(Volume volume, int version, boolean singleFile) {
        Affine ras = volume.geometry().voxelToRas();
        NiftiAffines.Qform q = NiftiAffines.toQform(ras);
        NiftiDataType type = NiftiDataType.of(volume.type());
        long[] dim = {3, volume.nx(), volume.ny(), volume.nz(), 1, 1, 1, 1};
        double[] pixdim = {q.qfac(), q.pixdim()[0], q.pixdim()[1], q.pixdim()[2], 0, 0, 0, 0};
        long voxOffset = singleFile ? (version == 1 ? NiftiHeader.NIFTI1_SIZE : NiftiHeader.NIFTI2_SIZE) + 4 : 0;
        double[][] m = ras.toMatrix4();
        return new NiftiHeader(version, order, singleFile, dim, type.code(), 8 * type.bytes(), pixdim, voxOffset,
                volume.rescale().slope(), volume.rescale().intercept(), UNITS_MM_SEC, 0, SCANNER_ANAT, SCANNER_ANAT,
                q.b(), q.c(), q.d(), q.offset()[0], q.offset()[1], q.offset()[2], m[0], m[1], m[2]);
    }
}
