package hardy.bench;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.VolumeReaders;
import hardy.io.nifti.NiftiWriter;
import hardy.volume.Geometry;
import hardy.volume.Volume;
import hardy.volume.VoxelArray;
import hardy.volume.VoxelType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long Hardy takes to read a {@code .nii.gz}, next to how long plain gunzip of the same file takes in Java.
 * {@code scripts/bench-nifti-read.sh} runs it and puts the numbers beside {@code zcat FILE > /dev/null}.
 *
 * <p>{@code file} is {@value #SYNTHETIC} (a 256x256x180 int16 MRI-like volume that Hardy's own writer puts into
 * {@code dir}, or into a temporary folder when {@code dir} is empty) or the path of an existing file, e.g.
 * {@code -p file=synthetic,.cache/interop/files/mricron-data/templates/ch2better.nii.gz}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 2)
public class NiftiReadBenchmark {

    /** The {@code file} value that stands for the generated volume. */
    public static final String SYNTHETIC = "synthetic";
    /** Name of the generated file; the generator is deterministic, so an existing one is reused. */
    public static final String SYNTHETIC_NAME = "synthetic_256x256x180_int16.nii.gz";

    private static final int BUFFER = 1 << 16;

    @Param(SYNTHETIC)
    public String file;

    /** Folder for the synthetic file; empty means a temporary folder, deleted after the trial. */
    @Param("")
    public String dir;

    private Path path;
    private Path tempDir;
    private VolumeReaders readers;
    private final byte[] sink = new byte[BUFFER];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        readers = VolumeReaders.installed();
        if (!SYNTHETIC.equals(file)) {
            path = Path.of(file).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("no such file: " + path);
            }
            return;
        }
        Path folder;
        if (dir.isEmpty()) {
            tempDir = Files.createTempDirectory("hardy-bench");
            folder = tempDir;
        } else {
            folder = Files.createDirectories(Path.of(dir));
        }
        path = folder.resolve(SYNTHETIC_NAME).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            writeSynthetic(path);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (tempDir != null) {
            try (Stream<Path> s = Files.walk(tempDir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Everything Hardy does to open the file: probe, header, gunzip, decode into the voxel array, CRC check. */
    @Benchmark
    public Volume readNiftiGz() throws IOException {
        return readers.read(path).volume();
    }

    /** Only the decompression, as {@code zcat} does it: the floor for {@link #readNiftiGz}. */
    @Benchmark
    public long gunzipOnly() throws IOException {
        long total = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path), BUFFER)) {
            for (int n; (n = in.read(sink)) > 0; ) {
                total += n;
            }
        }
        return total;
    }

    /** Writes the synthetic volume to {@code target} with Hardy's NIfTI writer. */
    public static void writeSynthetic(Path target) throws IOException {
        new NiftiWriter().write(syntheticVolume(), target, ProgressListener.NONE, Cancellation.NEVER);
    }

    /**
     * A T1-like head, 1 mm isotropic: scalp, skull, CSF, folded cortex, white matter and ventricles, a smooth bias
     * field, and Rician-like noise in and around the head. Like a real scan it gzips about 2-3x: the smooth
     * anatomy costs little, the noise in the low bits most.
     */
    static Volume syntheticVolume() {
        int nx = 256;
        int ny = 256;
        int nz = 180;
        Volume v = Volume.allocate(Geometry.axisAligned(nx, ny, nz, new double[] {1, 1, 1}, new double[] {0, 0, 0}),
                VoxelType.INT16);
        VoxelArray data = v.data();
        SplittableRandom rnd = new SplittableRandom(20240601L);
        double sigma = 12;
        double backgroundSigma = 3;
        for (int k = 0; k < nz; k++) {
            double z = (k - nz * 0.5) / (nz * 0.46);
            for (int j = 0; j < ny; j++) {
                double y = (j - ny * 0.5) / (ny * 0.42);
                for (int i = 0; i < nx; i++) {
                    double x = (i - nx * 0.5) / (nx * 0.36);
                    double r = Math.sqrt(x * x + y * y + z * z);
                    double tissue = tissue(x, y, z, r);
                    double bias = 1 + 0.12 * Math.sin(1.3 * x + 0.4) * Math.cos(0.9 * y - 0.3) + 0.06 * z;
                    double noise = tissue > 0 ? sigma : backgroundSigma;
                    double re = tissue * bias + noise * rnd.nextGaussian();
                    double im = noise * rnd.nextGaussian();
                    data.set(v.index(i, j, k), Math.sqrt(re * re + im * im));
                }
            }
        }
        return v;
    }

    /** Noise-free intensity at normalised head coordinates (the head is the unit ball, slightly bumpy). */
    private static double tissue(double x, double y, double z, double r) {
        if (r > 1.02) {
            return 0;
        }
        double theta = Math.atan2(y, x);
        double phi = Math.acos(Math.max(-1, Math.min(1, z / Math.max(r, 1e-9))));
        double surface = 1 + 0.015 * Math.sin(5 * theta) * Math.sin(3 * phi);
        double s = r / surface;
        if (s > 1) {
            return 0;
        }
        if (s > 0.93) {
            return 520 + 180 * Math.sin(40 * s); // scalp and fat
        }
        if (s > 0.87) {
            return 60; // skull
        }
        if (s > 0.83) {
            return 180; // CSF
        }
        // Cortical folds: the grey/white boundary and sulcal CSF follow a wavy shell.
        double folds = Math.sin(11 * theta + 2 * Math.sin(3 * phi)) * Math.sin(9 * phi + Math.cos(2 * theta));
        if (s > 0.78 && folds > 0.55) {
            return 190; // sulcus
        }
        double greyWhite = 0.68 + 0.05 * folds;
        double ventricle = Math.pow((x - 0.12) / 0.1, 2) + Math.pow(y / 0.28, 2) + Math.pow((z - 0.05) / 0.18, 2);
        double ventricle2 = Math.pow((x + 0.12) / 0.1, 2) + Math.pow(y / 0.28, 2) + Math.pow((z - 0.05) / 0.18, 2);
        if (ventricle < 1 || ventricle2 < 1) {
            return 200;
        }
        double deepGrey = Math.pow(x / 0.22, 2) + Math.pow((y + 0.05) / 0.2, 2) + Math.pow((z + 0.1) / 0.15, 2);
        if (deepGrey < 1) {
            return 560; // basal ganglia / thalamus
        }
        return s > greyWhite ? 600 - 80 * (s - greyWhite) / 0.15 : 820 + 30 * Math.cos(6 * x) * Math.cos(5 * y);
    }
}
