package hardy.io.nifti;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.ReadResult;
import hardy.io.VolumeFormatException;
import hardy.io.VolumeReaders;
import hardy.volume.Affine;
import hardy.volume.Geometry;
import hardy.volume.Rescale;
import hardy.volume.Volume;
import hardy.volume.VoxelType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/**
 * Fuzzes the NIfTI reader through {@link VolumeReaders}: whatever the bytes, reading must either succeed or
 * throw {@link VolumeFormatException}. Any other exception or error, an allocation the file does not justify, or
 * a read that hangs is a finding.
 *
 * <p>Modes: {@code ./mvnw verify} fuzzes {@code fuzz.runs} inputs (surefire execution {@code fuzz}, which sets
 * {@code JAZZER_FUZZ} and {@code jazzer.max_executions}); a longer session is
 * {@code ./mvnw test-compile surefire:test@fuzz -Dfuzz.runs=1000000 -Djazzer.max_duration=1h} ({@code fuzz.runs=0}
 * for no limit on the count; without {@code jazzer.max_duration} the annotation's limit applies). Without
 * {@code JAZZER_FUZZ} the method only replays the seeds in
 * {@code src/test/resources/hardy/io/nifti/NiftiReaderFuzzTestInputs/readNifti/}: valid files with control bytes
 * appended, built-in templates, and {@code crash-*} regression inputs. Jazzer writes new crash files and its
 * generated corpus under {@code target/jazzer/}.
 *
 * <h2>Input layout</h2>
 * {@link FuzzedDataProvider} takes numbers from the <em>end</em> of the input and byte runs from the
 * <em>start</em>, so a valid NIfTI file followed by a few control bytes is a meaningful input (and most seeds are
 * exactly that). Consumed from the end, in this order:
 * <ol>
 *   <li>{@code shape} (1 byte, 0..15): bits 0-1 the container ({@link Container}); bits 2-3 the source, where 3
 *       means "the rest of the input is the file verbatim" and anything else means "a built-in template written
 *       by {@link NiftiWriter}, then patched";</li>
 *   <li>{@code flags} (1 byte, 0..15): bit 0 pass the {@code .img} rather than the {@code .hdr} of a pair; bit 1
 *       upper-case file names; bit 2 a misleading name (gzip content without {@code .gz}, or the reverse);
 *       bit 3 damage the header file of a gzipped pair rather than its image;</li>
 *   <li>gzip damage (1 byte, 0..3): none, truncate, flip bits in one byte, append junk; then its position
 *       (2 bytes) and xor mask (1 byte, 1..255);</li>
 *   <li>verbatim: for a pair, how many leading bytes go to the header file (2 bytes, 0..1024); then all
 *       remaining bytes are the content;<br>
 *       template: its index (1 byte), the number of patches (1 byte, 0..8), and per patch an operation and its
 *       arguments (typed header-field writes with interesting or arbitrary values, magic swaps, byte writes,
 *       truncation, appended bytes taken from the start of the input).</li>
 * </ol>
 * An empty input reads template 0 as an intact {@code .nii}.
 */
class NiftiReaderFuzzTest {

    /** A read that takes longer than this on a tiny file is a hang. */
    private static final long READ_TIMEOUT_SECONDS = 10;
    /** Allocation any read may make regardless of the file (I/O buffers, decoder chunk, result objects). */
    private static final long FIXED_ALLOWANCE = 16L << 20;
    /** Most bytes of Java arrays per byte of voxel data (uint32 read as int32, then widened to float64: 3). */
    private static final long WIDENING = 4;
    /** The most a deflate stream decompresses to per compressed byte, as {@link NiftiReader} assumes. */
    private static final long DEFLATE_RATIO = 1032;

    private static final VolumeReaders READERS = VolumeReaders.installed();
    private static final Path DIR = createScratchDir();
    private static final List<Template> TEMPLATES = createTemplates();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static volatile Thread workerThread;
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "nifti-fuzz-reader");
        t.setDaemon(true);
        workerThread = t;
        return t;
    });

    /** How the content reaches the disk. */
    enum Container { NII, NII_GZ, PAIR, PAIR_GZ }

    /** A NIfTI file as header bytes (with the extension flag for single files) and voxel bytes. */
    private record Template(int version, ByteOrder order, byte[] header, byte[] data) {
    }

    private enum Kind { I8, I16, I32, I64, F32, F64 }

    private record Field(int offset, Kind kind) {
    }

    private static final List<Field> FIELDS_1 = fields1();
    private static final List<Field> FIELDS_2 = fields2();

    private static final long[] INTERESTING_INTEGERS = {
        0, 1, -1, 2, 3, 4, 5, 7, 8, 16, 127, 128, 255, 256, 348, 352, 540, 544, 32767, -32768, 65535, 65536,
        Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 31, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE,
        // datatype codes, read and unread
        32, 64, 512, 768, 1024, 1280, 1536, 1792, 2048, 2304};

    private static final double[] INTERESTING_REALS = {
        0, -0.0, 1, -1, 0.5, 2, 1e-6, 1e6, 1e-30, 1e30, 352, 1e15, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Double.MIN_VALUE,
        Double.MAX_VALUE, -Double.MAX_VALUE, 1e300, 1e-300};

    private static final String[] MAGICS = {"n+1\0", "ni1\0", "n+2\0", "ni2\0"};

    @FuzzTest(maxDuration = "10m")
    void readNifti(FuzzedDataProvider data) throws Exception {
        int shape = data.consumeInt(0, 15);
        Container container = Container.values()[shape & 3];
        boolean verbatim = (shape >> 2) == 3;
        int flags = data.consumeInt(0, 15);
        boolean passImage = (flags & 1) != 0;
        boolean upperCase = (flags & 2) != 0;
        boolean misleadingName = (flags & 4) != 0;
        boolean damageHeader = (flags & 8) != 0;
        int damage = data.consumeInt(0, 3);
        int damageAt = data.consumeInt(0, 65535);
        int damageXor = data.consumeInt(1, 255);

        byte[] header;
        byte[] voxels;
        boolean pair = container == Container.PAIR || container == Container.PAIR_GZ;
        if (verbatim) {
            int split = pair ? data.consumeInt(0, 1024) : 0;
            byte[] all = data.consumeRemainingAsBytes();
            split = Math.min(split, all.length);
            header = Arrays.copyOfRange(all, 0, split);
            voxels = Arrays.copyOfRange(all, split, all.length);
        } else {
            Template t = TEMPLATES.get(data.consumeInt(0, TEMPLATES.size() - 1));
            byte[][] parts = patch(t, data);
            header = parts[0];
            voxels = parts[1];
        }

        boolean gzip = container == Container.NII_GZ || container == Container.PAIR_GZ;
        List<Path> written = new ArrayList<>();
        try {
            Path target;
            if (pair) {
                byte[] hdr = gzip ? gzip(header) : header;
                byte[] img = gzip ? gzip(voxels) : voxels;
                if (gzip && damageHeader) {
                    hdr = damage(hdr, damage, damageAt, damageXor);
                } else if (gzip) {
                    img = damage(img, damage, damageAt, damageXor);
                }
                String gz = gzip != misleadingName ? ".gz" : "";
                Path hdrPath = write(name("fuzz.hdr" + gz, upperCase), hdr, written);
                Path imgPath = write(name("fuzz.img" + gz, upperCase), img, written);
                target = passImage ? imgPath : hdrPath;
            } else {
                byte[] content = concat(header, voxels);
                if (gzip) {
                    content = damage(gzip(content), damage, damageAt, damageXor);
                }
                target = write(name("fuzz.nii" + (gzip != misleadingName ? ".gz" : ""), upperCase), content,
                        written);
            }
            long justified = 0;
            for (Path p : written) {
                justified += Files.size(p) * (NiftiFiles.isGzipContent(p) ? DEFLATE_RATIO : 1);
            }
            read(target, FIXED_ALLOWANCE + WIDENING * justified);
        } finally {
            for (Path p : written) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Reads on the worker thread, so that a hang becomes a finding with the reader's stack rather than a stuck
     * build, and checks what the read allocated. An allocation above the allowance is measured again on a second
     * read of the same files, since the first use of a code path also allocates for class loading and Jazzer's
     * instrumentation; only a repeatable excess is a finding.
     */
    private static void read(Path target, long allowance) throws Exception {
        long allocated = readOnce(target);
        if (allocated > allowance) {
            allocated = readOnce(target);
            if (allocated > allowance) {
                throw new AssertionError(String.format("reading %s allocated %,d bytes; the files justify at most %,d",
                        target.getFileName(), allocated, allowance));
            }
        }
    }

    /** One read: returns the bytes it allocated, throws what it threw unless that is a VolumeFormatException. */
    private static long readOnce(Path target) throws Exception {
        long[] allocated = new long[1];
        Future<ReadResult> future = WORKER.submit(() -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            try {
                return READERS.read(target);
            } finally {
                allocated[0] = THREADS.getCurrentThreadAllocatedBytes() - before;
            }
        });
        try {
            future.get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            AssertionError hang = new AssertionError("reading " + target.getFileName() + " took longer than "
                    + READ_TIMEOUT_SECONDS + " s; the reader's thread is at the stack below");
            Thread worker = workerThread;
            if (worker != null) {
                hang.setStackTrace(worker.getStackTrace());
            }
            throw hang;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (!(cause instanceof VolumeFormatException rejected)) {
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                throw (Error) cause;
            }
            String problem = rejected.problem();
            if (problem == null || problem.isBlank() || problem.contains("\n")) {
                throw new AssertionError("VolumeFormatException without a one-line problem: " + problem, rejected);
            }
        }
        return allocated[0];
    }

    /** The template's header and voxel bytes after the patches the input asks for. */
    private static byte[][] patch(Template t, FuzzedDataProvider data) {
        byte[] header = t.header().clone();
        byte[] voxels = t.data().clone();
        List<Field> fields = t.version() == 1 ? FIELDS_1 : FIELDS_2;
        int patches = data.consumeInt(0, 8);
        for (int i = 0; i < patches; i++) {
            switch (data.consumeInt(0, 7)) {
                case 0, 1, 2 -> {
                    Field f = fields.get(data.consumeInt(0, fields.size() - 1));
                    putField(header, t.order(), f, data);
                }
                case 3 -> {
                    int at = t.version() == 1 ? 344 : 4;
                    byte[] magic = MAGICS[data.consumeInt(0, MAGICS.length - 1)].getBytes(StandardCharsets.US_ASCII);
                    if (at + magic.length <= header.length) {
                        System.arraycopy(magic, 0, header, at, magic.length);
                    }
                }
                case 4 -> {
                    if (header.length > 0) {
                        header[data.consumeInt(0, header.length - 1)] = data.consumeByte();
                    }
                }
                case 5 -> {
                    if (voxels.length > 0) {
                        voxels[data.consumeInt(0, voxels.length - 1)] = data.consumeByte();
                    }
                }
                case 6 -> {
                    if (data.consumeBoolean()) {
                        header = Arrays.copyOf(header, data.consumeInt(0, header.length));
                    } else {
                        voxels = Arrays.copyOf(voxels, data.consumeInt(0, voxels.length));
                    }
                }
                default -> voxels = concat(voxels, data.consumeBytes(data.consumeInt(1, 256)));
            }
        }
        return new byte[][] {header, voxels};
    }

    private static void putField(byte[] header, ByteOrder order, Field f, FuzzedDataProvider data) {
        int width = switch (f.kind()) {
            case I8 -> 1;
            case I16 -> 2;
            case I32, F32 -> 4;
            case I64, F64 -> 8;
        };
        if (f.offset() + width > header.length) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(header).order(order);
        boolean interesting = data.consumeBoolean();
        switch (f.kind()) {
            case F32 -> b.putFloat(f.offset(), interesting ? (float) pick(INTERESTING_REALS, data) : data.consumeFloat());
            case F64 -> b.putDouble(f.offset(), interesting ? pick(INTERESTING_REALS, data) : data.consumeDouble());
            default -> {
                long v = interesting ? INTERESTING_INTEGERS[data.consumeInt(0, INTERESTING_INTEGERS.length - 1)]
                        : data.consumeLong();
                switch (f.kind()) {
                    case I8 -> b.put(f.offset(), (byte) v);
                    case I16 -> b.putShort(f.offset(), (short) v);
                    case I32 -> b.putInt(f.offset(), (int) v);
                    default -> b.putLong(f.offset(), v);
                }
            }
        }
    }

    private static double pick(double[] values, FuzzedDataProvider data) {
        return values[data.consumeInt(0, values.length - 1)];
    }

    /** Damages gzip bytes: 0 none, 1 cut at the position, 2 xor one byte, 3 append junk after the trailer. */
    private static byte[] damage(byte[] gz, int kind, int at, int xor) {
        switch (kind) {
            case 1 -> {
                return Arrays.copyOf(gz, at % gz.length);
            }
            case 2 -> {
                byte[] d = gz.clone();
                d[at % d.length] ^= (byte) xor;
                return d;
            }
            case 3 -> {
                byte[] junk = new byte[1 + at % 64];
                Arrays.fill(junk, (byte) xor);
                junk[0] = 0x1F; // looks like the start of a second gzip member
                return concat(gz, junk);
            }
            default -> {
                return gz;
            }
        }
    }

    /** NIfTI-1 fields by offset (nifti1.h). */
    private static List<Field> fields1() {
        List<Field> f = new ArrayList<>();
        f.add(new Field(0, Kind.I32)); // sizeof_hdr
        for (int d = 0; d < 8; d++) {
            f.add(new Field(40 + 2 * d, Kind.I16)); // dim
        }
        f.add(new Field(68, Kind.I16)); // intent_code
        f.add(new Field(70, Kind.I16)); // datatype
        f.add(new Field(72, Kind.I16)); // bitpix
        for (int d = 0; d < 8; d++) {
            f.add(new Field(76 + 4 * d, Kind.F32)); // pixdim
        }
        f.add(new Field(108, Kind.F32)); // vox_offset
        f.add(new Field(112, Kind.F32)); // scl_slope
        f.add(new Field(116, Kind.F32)); // scl_inter
        f.add(new Field(123, Kind.I8)); // xyzt_units
        f.add(new Field(252, Kind.I16)); // qform_code
        f.add(new Field(254, Kind.I16)); // sform_code
        for (int i = 0; i < 6 + 12; i++) {
            f.add(new Field(256 + 4 * i, Kind.F32)); // quatern_b..qoffset_z, srow_x..srow_z
        }
        return List.copyOf(f);
    }

    /** NIfTI-2 fields by offset (nifti2.h). */
    private static List<Field> fields2() {
        List<Field> f = new ArrayList<>();
        f.add(new Field(0, Kind.I32)); // sizeof_hdr
        f.add(new Field(12, Kind.I16)); // datatype
        f.add(new Field(14, Kind.I16)); // bitpix
        for (int d = 0; d < 8; d++) {
            f.add(new Field(16 + 8 * d, Kind.I64)); // dim
        }
        for (int d = 0; d < 8; d++) {
            f.add(new Field(104 + 8 * d, Kind.F64)); // pixdim
        }
        f.add(new Field(168, Kind.I64)); // vox_offset
        f.add(new Field(176, Kind.F64)); // scl_slope
        f.add(new Field(184, Kind.F64)); // scl_inter
        f.add(new Field(344, Kind.I32)); // qform_code
        f.add(new Field(348, Kind.I32)); // sform_code
        for (int i = 0; i < 6 + 12; i++) {
            f.add(new Field(352 + 8 * i, Kind.F64)); // quatern_b..qoffset_z, srow_x..srow_z
        }
        f.add(new Field(500, Kind.I32)); // xyzt_units
        f.add(new Field(504, Kind.I32)); // intent_code
        return List.copyOf(f);
    }

    /** Small files as Hardy writes them: both versions, both byte orders, single files and pairs. */
    private static List<Template> createTemplates() {
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        Affine oblique = Affine.ofRows(
                0.9 * c, 0, -2 * s, -91.5,
                0, 1.1, 0, 120.25,
                0.9 * s, 0, 2 * c, -60.125);
        Geometry g432 = new Geometry(4, 3, 2, oblique);
        Geometry g322 = Geometry.axisAligned(3, 2, 2, new double[] {0.5, 0.5, 3}, new double[] {10, -20, 30});
        Geometry g222 = Geometry.axisAligned(2, 2, 2, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        try {
            return List.of(
                    template(volume(g432, VoxelType.INT16, new Rescale(2, -1)), ByteOrder.LITTLE_ENDIAN, 1, false),
                    template(volume(g322, VoxelType.FLOAT32, Rescale.IDENTITY), ByteOrder.BIG_ENDIAN, 2, false),
                    template(volume(g222, VoxelType.UINT8, Rescale.IDENTITY), ByteOrder.BIG_ENDIAN, 1, true),
                    template(volume(g322, VoxelType.FLOAT64, Rescale.IDENTITY), ByteOrder.LITTLE_ENDIAN, 2, true),
                    template(volume(g222, VoxelType.INT32, new Rescale(0.5, 3)), ByteOrder.LITTLE_ENDIAN, 1, false),
                    template(volume(g322, VoxelType.UINT16, Rescale.IDENTITY), ByteOrder.BIG_ENDIAN, 1, false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Volume volume(Geometry g, VoxelType type, Rescale rescale) {
        Volume v = new Volume(g, Volume.allocate(g, type).data(), rescale);
        for (int i = 0; i < v.data().length(); i++) {
            v.data().set(i, type.isInteger() ? (i * 37) % 200 : i * 0.25 - 1);
        }
        return v;
    }

    private static Template template(Volume v, ByteOrder order, int version, boolean pair) throws IOException {
        NiftiWriter writer = new NiftiWriter(order, version);
        int headerSize = version == 1 ? NiftiHeader.NIFTI1_SIZE : NiftiHeader.NIFTI2_SIZE;
        if (pair) {
            Path hdr = DIR.resolve("template.hdr");
            Path img = DIR.resolve("template.img");
            writer.write(v, hdr, ProgressListener.NONE, Cancellation.NEVER);
            Template t = new Template(version, order, Files.readAllBytes(hdr), Files.readAllBytes(img));
            Files.delete(hdr);
            Files.delete(img);
            return t;
        }
        Path nii = DIR.resolve("template.nii");
        writer.write(v, nii, ProgressListener.NONE, Cancellation.NEVER);
        byte[] all = Files.readAllBytes(nii);
        Files.delete(nii);
        return new Template(version, order, Arrays.copyOf(all, headerSize + 4),
                Arrays.copyOfRange(all, headerSize + 4, all.length));
    }

    private static Path createScratchDir() {
        try {
            Path dir = Files.createTempDirectory("hardy-nifti-fuzz");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var entries = Files.list(dir)) {
                    for (Path p : entries.toList()) {
                        Files.deleteIfExists(p);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temp folder left behind is harmless
                }
            }));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(String name, boolean upperCase) {
        return upperCase ? name.toUpperCase(java.util.Locale.ROOT) : name;
    }

    private static Path write(String name, byte[] content, List<Path> written) throws IOException {
        Path p = DIR.resolve(name);
        written.add(p);
        Files.write(p, content);
        return p;
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length / 2 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
