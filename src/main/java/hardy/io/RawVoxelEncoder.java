package hardy.io;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.volume.VoxelArray;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes a {@link VoxelArray}'s values in their native type and a chosen byte order, one chunk at a time. */
public final class RawVoxelEncoder {

    private RawVoxelEncoder() {
    }

    /** Writes every value of {@code voxels} to {@code out}. */
    public static void encode(VoxelArray voxels, ByteOrder order, OutputStream out, ProgressListener progress,
                              Cancellation cancel) throws IOException {
        int n = voxels.length();
        int bytes = voxels.type().bytes();
        if (voxels instanceof VoxelArray.UInt8 u) {
            for (int pos = 0; pos < n; pos += RawVoxelDecoder.CHUNK) {
                cancel.check();
                int len = Math.min(RawVoxelDecoder.CHUNK, n - pos);
                out.write(u.data(), pos, len);
                progress.progress(pos + len, n, "Writing voxels");
            }
            return;
        }
        int perChunk = RawVoxelDecoder.CHUNK / bytes;
        ByteBuffer buf = ByteBuffer.allocate(perChunk * bytes).order(order);
        for (int pos = 0; pos < n; pos += perChunk) {
            cancel.check();
            int len = Math.min(perChunk, n - pos);
            buf.clear();
            switch (voxels) {
                case VoxelArray.Int16 a -> buf.asShortBuffer().put(a.data(), pos, len);
                case VoxelArray.UInt16 a -> buf.asShortBuffer().put(a.data(), pos, len);
                case VoxelArray.Int32 a -> buf.asIntBuffer().put(a.data(), pos, len);
                case VoxelArray.Float32 a -> buf.asFloatBuffer().put(a.data(), pos, len);
                case VoxelArray.Float64 a -> buf.asDoubleBuffer().put(a.data(), pos, len);
                case VoxelArray.UInt8 a -> throw new IllegalStateException("handled above");
            }
            out.write(buf.array(), 0, len * bytes);
            progress.progress(pos + len, n, "Writing voxels");
        }
    }
}
