package hardy.training.sampler;

import hardy.core.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The saved state of a {@link HardnessWeightedSampler}: a small versioned binary file, big-endian
 * ({@link DataOutputStream}):
 *
 * <pre>
 *   bytes  8   magic "HARDYHWS"
 *   int        format version, 2 (1 is still read: no visited set, every case counts as visited)
 *   int        n, the number of cases
 *   double     beta
 *   double     momentum
 *   double     shift M of the weights exp(beta (L_i - M)); kept so the restored tree is bit-identical
 *   long x 4   xoshiro256** generator state s0..s3
 *   double x n stale losses L_0 .. L_{n-1}
 *   long x ceil(n / 64)  version 2: the visited set, bit i of word i / 64 set once case i has been visited
 *   long       CRC-32 of every byte before it
 * </pre>
 *
 * Binary rather than JSON because a double must come back bit-exact (a resumed run must draw the same batches)
 * and {@code n} may be millions of patches. The file is replaced atomically ({@link AtomicFiles}), so a crash
 * during a checkpoint leaves the previous state intact.
 */
final class SamplerState {

    private static final byte[] MAGIC = "HARDYHWS".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 2;

    private SamplerState() {
    }

    static void save(HardnessWeightedSampler sampler, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(sampler, out));
    }

    static HardnessWeightedSampler restore(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in);
        } catch (IOException e) {
            throw new IOException("cannot restore the sampler from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the state to {@code out}; flushes but does not close it (AtomicFiles forces and closes it). */
    static void write(HardnessWeightedSampler sampler, OutputStream out) throws IOException {
        CRC32 crc = new CRC32();
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(out, crc),
                1 << 16));
        data.write(MAGIC);
        data.writeInt(VERSION);
        data.writeInt(sampler.size());
        data.writeDouble(sampler.beta());
        data.writeDouble(sampler.momentum());
        data.writeDouble(sampler.shift());
        for (long word : sampler.generatorState()) {
            data.writeLong(word);
        }
        for (double loss : sampler.lossesView()) {
            data.writeDouble(loss);
        }
        for (long word : sampler.visitedView()) {
            data.writeLong(word);
        }
        data.flush();
        data.writeLong(crc.getValue());
        data.flush();
    }

    /** Reads a state written by {@link #write}; refuses anything malformed with a one-line message. */
    static HardnessWeightedSampler read(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        DataInputStream data = new DataInputStream(new CheckedInputStream(in, crc));
        try {
            byte[] magic = new byte[MAGIC.length];
            data.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a Hardy sampler state (bad magic)");
            }
            int version = data.readInt();
            if (version != 1 && version != VERSION) {
                throw new IOException("unsupported sampler state version " + version + " (this Hardy reads "
                        + VERSION + ")");
            }
            int n = data.readInt();
            if (n < 1) {
                throw new IOException("invalid number of cases " + n);
            }
            double beta = data.readDouble();
            double momentum = data.readDouble();
            double shift = data.readDouble();
            if (!(beta >= 0) || Double.isInfinite(beta) || !(momentum >= 0 && momentum < 1)
                    || !Double.isFinite(shift)) {
                throw new IOException("invalid parameters beta=" + beta + ", momentum=" + momentum + ", shift="
                        + shift);
            }
            long[] rng = new long[4];
            for (int i = 0; i < 4; i++) {
                rng[i] = data.readLong();
            }
            // Grow as data arrives rather than trusting n for one allocation: a corrupt n must not exhaust memory.
            double[] losses = new double[Math.min(n, 1 << 16)];
            for (int i = 0; i < n; i++) {
                if (i == losses.length) {
                    losses = Arrays.copyOf(losses, (int) Math.min(n, 2L * losses.length));
                }
                losses[i] = data.readDouble();
                if (!Double.isFinite(losses[i])) {
                    throw new IOException("loss of case " + i + " is " + losses[i]);
                }
            }
            int words = (int) ((n + 63L) >>> 6);
            long[] visited = new long[words];
            if (version == 1) {
                Arrays.fill(visited, -1L); // written before the first visit was special: a measurement each
            } else {
                for (int w = 0; w < words; w++) {
                    visited[w] = data.readLong();
                }
            }
            if ((n & 63) != 0) {
                visited[words - 1] &= (1L << (n & 63)) - 1;
            }
            long expected = crc.getValue();
            long stored = data.readLong();
            if (stored != expected) {
                throw new IOException("checksum mismatch: the file is damaged");
            }
            if (data.read() != -1) {
                throw new IOException("unexpected bytes after the checksum");
            }
            try {
                return new HardnessWeightedSampler(n, beta, momentum, losses, visited, shift,
                        Xoshiro256StarStar.fromState(rng));
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        } catch (EOFException e) {
            throw new IOException("truncated sampler state", e);
        }
    }
}
