package hardy.io.nifti;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.FileProbe;
import hardy.io.RawType;
import hardy.io.RawVoxelDecoder;
import hardy.io.ReadOptions;
import hardy.io.ReadResult;
import hardy.io.VolumeFormatException;
import hardy.io.VolumeReader;
import hardy.volume.Geometry;
import hardy.volume.Rescale;
import hardy.volume.Volume;
import hardy.volume.VolumeTooLargeException;
import hardy.volume.VoxelArray;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipException;

/**
 * Reads NIfTI-1 and NIfTI-2 volumes: {@code .nii}, {@code .nii.gz}, and {@code .hdr}/{@code .img} pairs (either
 * gzipped), in either byte order. The affine is chosen exactly as nibabel chooses it and converted from the
 * file's RAS to Hardy's LPS here, and nowhere else.
 *
 * <p>Nothing in the header is trusted: sizes are multiplied with overflow checks, and the voxel data a header
 * promises must fit in the file (for gzip, within deflate's maximum compression ratio) before anything is
 * allocated. Data stream straight into the voxel array.
 */
public final class NiftiReader implements VolumeReader {

    /** Deflate cannot compress better than about 1032:1, which bounds what a gzip file can honestly hold. */
    static final long MAX_DEFLATE_RATIO = 1032;

    @Override
    public String formatName() {
        return "NIfTI";
    }

    @Override
    public int supportScore(FileProbe probe) {
        if (probe.directory()) {
            return 0;
        }
        if (NiftiHeaderCodec.sniffVersion(probe.head()).isPresent()) {
            return 100;
        }
        if (NiftiFiles.isImageName(probe.path()) && NiftiFiles.partner(probe.path()).isPresent()) {
            return 50;
        }
        // An ANALYZE header: take it, so that the user hears why it is refused rather than "unknown format".
        return NiftiHeaderCodec.looksLikeAnalyze(probe.head()) ? 10 : 0;
    }

    @Override
    public ReadResult read(FileProbe probe, ReadOptions options, ProgressListener progress, Cancellation cancel)
            throws IOException {
        Path path = probe.path();
        Path headerFile = path;
        if (NiftiFiles.isImageName(path) && NiftiHeaderCodec.sniffVersion(probe.head()).isEmpty()) {
            headerFile = NiftiFiles.partner(path).orElseThrow(
                    () -> new VolumeFormatException(path, "image file without its .hdr header"));
        }
        NiftiHeader h = headerFile.equals(path) ? decodeHeader(path, probe.head()) : readHeader(headerFile);
        List<String> warnings = new ArrayList<>();
        Path dataFile = headerFile;
        long offset = h.voxOffset();
        if (!h.singleFile()) {
            dataFile = NiftiFiles.partner(headerFile).orElseThrow(() -> new VolumeFormatException(path,
                    "header of a NIfTI pair, but its .img data file is missing"));
            if (offset < 0) {
                throw new VolumeFormatException(path, "vox_offset is not a valid byte offset");
            }
        } else if (NiftiFiles.isHeaderName(headerFile)) {
            throw new VolumeFormatException(path, "single-file NIfTI magic in a .hdr file; rename it to .nii");
        } else if (offset < h.headerSize() + 4L) {
            // nibabel repairs a too-small offset the same way, so both read the same voxels.
            warnings.add((offset < 0 ? "vox_offset is not a valid offset" : "vox_offset " + offset
                    + " is inside the header") + "; reading data from byte " + (h.headerSize() + 4));
            offset = h.headerSize() + 4L;
        }
        Layout layout = layout(path, h, options);
        boolean gzip = dataFile.equals(path) ? probe.gzip() : NiftiFiles.isGzipContent(dataFile);
        checkFits(dataFile, gzip, layout, offset);
        // Geometry before voxels: a header without a usable transform fails before the data are read.
        NiftiAffines.Choice affine = NiftiAffines.best(h, warnings).orElseThrow(() -> new VolumeFormatException(
                path, "no usable voxel-to-world transform: sform, qform and pixdim are all singular or out of range"));
        Geometry geometry = new Geometry(layout.nx, layout.ny, layout.nz, affine.voxelToRas().flipXY());
        Rescale rescale = rescale(h, warnings);

        RawType rawType = rawType(path, h);
        VoxelArray voxels;
        try (InputStream in = NiftiFiles.open(dataFile)) {
            in.skipNBytes(offset + layout.volumeBytes * options.volumeIndex());
            voxels = RawVoxelDecoder.decode(in, rawType, h.order(), layout.voxels, "Reading " + formatName(h),
                    progress, cancel, warnings);
            if (gzip && options.volumeIndex() == layout.volumes - 1) {
                drainToVerifyChecksum(in);
            }
        } catch (EOFException e) {
            throw new VolumeFormatException(path, gzip
                    ? "gzip stream is cut short: the file ends before the voxel data the header describes"
                    : "file ends before the voxel data the header describes", e);
        } catch (ZipException e) {
            throw new VolumeFormatException(path, "gzip data are corrupt (" + e.getMessage() + ")", e);
        }

        if (layout.volumes > 1) {
            warnings.add(String.format(Locale.ROOT, "file holds %d volumes; read volume %d", layout.volumes,
                    options.volumeIndex()));
        }
        int spaceUnit = h.xyztUnits() & 0x07;
        if (spaceUnit == 1 || spaceUnit == 3) {
            warnings.add("spatial unit is " + (spaceUnit == 1 ? "metres" : "micrometres")
                    + ", read as millimetres as other tools do");
        }
        Map<String, Object> details = details(h, layout, affine, options, dataFile != headerFile, gzip);
        return new ReadResult(new Volume(geometry, voxels, rescale), formatName(h), warnings, details);
    }

    private static String formatName(NiftiHeader h) {
        return "NIfTI-" + h.version();
    }

    /** Sizes derived from the header, each multiplication checked. */
    private record Layout(int nx, int ny, int nz, long voxels, long volumeBytes, long volumes) {
    }

    private static Layout layout(Path path, NiftiHeader h, ReadOptions options) throws VolumeFormatException {
        long nx = h.size(1);
        long ny = h.size(2);
        long nz = h.size(3);
        long voxels;
        long volumeBytes;
        long volumes;
        try {
            voxels = Math.multiplyExact(Math.multiplyExact(nx, ny), nz);
            volumes = h.volumeCount();
            NiftiDataType t = NiftiDataType.ofCode(h.datatype());
            volumeBytes = Math.multiplyExact(voxels, t == null ? 1 : t.bytes());
            Math.multiplyExact(volumeBytes, volumes);
        } catch (ArithmeticException e) {
            throw new VolumeFormatException(path, "dimensions " + dimsText(h) + " are impossibly large");
        }
        if (options.volumeIndex() >= volumes) {
            throw new VolumeFormatException(path, "volume " + options.volumeIndex() + " was asked for, but the file "
                    + "holds " + volumes + (volumes == 1 ? " volume" : " volumes"));
        }
        if (nx > Integer.MAX_VALUE || ny > Integer.MAX_VALUE || nz > Integer.MAX_VALUE) {
            throw new VolumeFormatException(path, "dimensions " + dimsText(h) + " are too large");
        }
        try {
            VoxelArray.checkLength(voxels);
        } catch (VolumeTooLargeException e) {
            throw new VolumeFormatException(path, e.getMessage());
        }
        return new Layout((int) nx, (int) ny, (int) nz, voxels, volumeBytes, volumes);
    }

    /** Refuses a header whose data cannot be in the file, before anything is allocated. */
    private static void checkFits(Path dataFile, boolean gzip, Layout layout, long offset) throws IOException {
        long size = Files.size(dataFile);
        long needed;
        try {
            needed = Math.addExact(offset, Math.multiplyExact(layout.volumeBytes, layout.volumes));
        } catch (ArithmeticException e) {
            throw new VolumeFormatException(dataFile, "vox_offset and dimensions are impossibly large");
        }
        if (gzip) {
            if (needed / MAX_DEFLATE_RATIO > size) {
                throw new VolumeFormatException(dataFile, String.format(Locale.ROOT,
                        "header describes %,d bytes of data, more than a %,d-byte gzip file can hold "
                                + "(truncated or corrupt)", needed, size));
            }
        } else if (needed > size) {
            throw new VolumeFormatException(dataFile, offset > size
                    ? String.format(Locale.ROOT, "vox_offset %,d is past the end of the file (%,d bytes)", offset, size)
                    : String.format(Locale.ROOT, "file is truncated: the header describes %,d bytes, the file has %,d",
                            needed, size));
        }
    }

    private static NiftiHeader readHeader(Path headerFile) throws IOException {
        byte[] bytes;
        try (InputStream in = NiftiFiles.open(headerFile)) {
            bytes = in.readNBytes(NiftiHeader.NIFTI2_SIZE);
        } catch (EOFException | ZipException e) {
            throw new VolumeFormatException(headerFile, "gzip stream is corrupt or cut short inside the header", e);
        }
        return decodeHeader(headerFile, bytes);
    }

    private static NiftiHeader decodeHeader(Path file, byte[] bytes) throws VolumeFormatException {
        try {
            return NiftiHeaderCodec.decode(bytes);
        } catch (NiftiHeaderCodec.HeaderException e) {
            throw new VolumeFormatException(file, e.getMessage());
        }
    }

    private static RawType rawType(Path path, NiftiHeader h) throws VolumeFormatException {
        NiftiDataType t = NiftiDataType.ofCode(h.datatype());
        if (t == null) {
            throw new VolumeFormatException(path, "unsupported " + NiftiDataType.describeUnsupported(h.datatype()));
        }
        return t.rawType();
    }

    /** Reads whatever is left so that GZIPInputStream checks the CRC and length in the trailer. */
    private static void drainToVerifyChecksum(InputStream in) throws IOException {
        byte[] sink = new byte[8192];
        long extra = 0;
        for (int n; (n = in.read(sink)) > 0; ) {
            extra += n;
            if (extra > (1L << 24)) {
                return; // trailing data larger than any padding; not ours to verify
            }
        }
    }

    private static Rescale rescale(NiftiHeader h, List<String> warnings) {
        double slope = h.sclSlope();
        double inter = h.sclInter();
        if (slope == 0 || !Double.isFinite(slope)) {
            return Rescale.IDENTITY;
        }
        if (!Double.isFinite(inter)) {
            warnings.add("scl_inter is " + inter + " with a valid scl_slope; using intercept 0");
            inter = 0;
        }
        return new Rescale(slope, inter);
    }

    private static Map<String, Object> details(NiftiHeader h, Layout layout, NiftiAffines.Choice affine,
                                               ReadOptions options, boolean pair, boolean gzip) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("niftiVersion", h.version());
        d.put("byteOrder", h.order() == ByteOrder.LITTLE_ENDIAN ? "little-endian" : "big-endian");
        d.put("storage", (pair ? "header/image pair" : "single file") + (gzip ? ", gzip" : ""));
        d.put("datatypeCode", h.datatype());
        d.put("dim", java.util.Arrays.stream(h.dim()).limit(h.rank() + 1L).boxed().toList());
        d.put("volumes", layout.volumes);
        d.put("volumeIndex", options.volumeIndex());
        d.put("sformCode", h.sformCode());
        d.put("qformCode", h.qformCode());
        d.put("affineSource", affine.source().name().toLowerCase(Locale.ROOT));
        d.put("sclSlope", h.sclSlope());
        d.put("sclInter", h.sclInter());
        d.put("intentCode", h.intentCode());
        d.put("xyztUnits", h.xyztUnits());
        return d;
    }

    private static String dimsText(NiftiHeader h) {
        StringBuilder sb = new StringBuilder();
        for (int d = 1; d <= h.rank(); d++) {
            sb.append(d > 1 ? " x " : "").append(h.dim()[d]);
        }
        return sb.toString();
    }
}
