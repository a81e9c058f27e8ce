package hardy.volume;

import hardy.core.Cancellation;

/**
 * Resamples a volume onto another grid through their shared world frame. Trilinear interpolation for images,
 * nearest neighbour for label maps. When the two grids coincide the result equals the input exactly.
 *
 * <p>A target voxel whose centre falls more than half a voxel outside the source grid gets the outside value;
 * within that half voxel the edge voxels are extended, so resampling to a grid of the same extent does not lose
 * its border.
 */
public final class Resampler {

    /** How values between voxel centres are obtained. */
    public enum Interpolation {
        /** The nearest voxel's value; the voxel type and rescale are kept. For label maps. */
        NEAREST,
        /** Trilinear interpolation of real-world values into float32 (float64 for float64 input). */
        LINEAR
    }

    /** Positions within this many voxels of an integer index are snapped to it, so identical grids copy exactly. */
    private static final double SNAP = 1e-6;

    private Resampler() {
    }

    /**
     * Resamples {@code source} onto {@code target}.
     *
     * @param outsideValue real-world value for voxels outside the source (NEAREST stores 0 there)
     * @param cancel       checked once per target slice
     */
    public static Volume resample(Volume source, Geometry target, Interpolation interpolation, double outsideValue,
                                  Cancellation cancel) {
        Affine targetToSource = source.geometry().voxelToLps().inverse().multiply(target.voxelToLps());
        Volume out = interpolation == Interpolation.NEAREST
                ? new Volume(target, VoxelArray.allocate(source.type(), target.voxelCount()), source.rescale())
                : Volume.allocate(target, source.type() == VoxelType.FLOAT64 ? VoxelType.FLOAT64 : VoxelType.FLOAT32);
        VoxelArray dst = out.data();
        double[] step = targetToSource.column(0);
        int idx = 0;
        for (int k = 0; k < target.nz(); k++) {
            cancel.check();
            for (int j = 0; j < target.ny(); j++) {
                double[] start = targetToSource.apply(0, j, k);
                for (int i = 0; i < target.nx(); i++, idx++) {
                    double x = snap(start[0] + i * step[0]);
                    double y = snap(start[1] + i * step[1]);
                    double z = snap(start[2] + i * step[2]);
                    if (interpolation == Interpolation.NEAREST) {
                        dst.set(idx, nearest(source, x, y, z));
                    } else {
                        dst.set(idx, trilinear(source, x, y, z, outsideValue));
                    }
                }
            }
        }
        return out;
    }

    /** Resamples a label map onto {@code target} with nearest neighbour; outside is background. */
    public static LabelMap resample(LabelMap labels, Geometry target, Cancellation cancel) {
        return new LabelMap(resample(labels.volume(), target, Interpolation.NEAREST, 0, cancel));
    }

    private static double snap(double v) {
        double r = Math.rint(v);
        return Math.abs(v - r) < SNAP ? r : v;
    }

    private static boolean outside(double v, int n) {
        return v < -0.5 || v > n - 0.5;
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : Math.min(v, n - 1);
    }

    /** Stored value of the nearest voxel, or 0 outside. */
    private static double nearest(Volume src, double x, double y, double z) {
        if (outside(x, src.nx()) || outside(y, src.ny()) || outside(z, src.nz())) {
            return 0;
        }
        int i = clamp((int) Math.floor(x + 0.5), src.nx());
        int j = clamp((int) Math.floor(y + 0.5), src.ny());
        int k = clamp((int) Math.floor(z + 0.5), src.nz());
        return src.stored(i, j, k);
    }

    /** Trilinearly interpolated real-world value. */
    private static double trilinear(Volume src, double x, double y, double z, double outsideValue) {
        int nx = src.nx();
        int ny = src.ny();
        int nz = src.nz();
        if (outside(x, nx) || outside(y, ny) || outside(z, nz)) {
            return outsideValue;
        }
        x = Math.max(0, Math.min(nx - 1, x));
        y = Math.max(0, Math.min(ny - 1, y));
        z = Math.max(0, Math.min(nz - 1, z));
        int i0 = (int) Math.floor(x);
        int j0 = (int) Math.floor(y);
        int k0 = (int) Math.floor(z);
        double fx = x - i0;
        double fy = y - j0;
        double fz = z - k0;
        int i1 = Math.min(i0 + 1, nx - 1);
        int j1 = Math.min(j0 + 1, ny - 1);
        int k1 = Math.min(k0 + 1, nz - 1);
        double c00 = lerp(src.value(i0, j0, k0), src.value(i1, j0, k0), fx);
        double c10 = lerp(src.value(i0, j1, k0), src.value(i1, j1, k0), fx);
        double c01 = lerp(src.value(i0, j0, k1), src.value(i1, j0, k1), fx);
        double c11 = lerp(src.value(i0, j1, k1), src.value(i1, j1, k1), fx);
        return lerp(lerp(c00, c10, fy), lerp(c01, c11, fy), fz);
    }

    /** Interpolates without touching {@code b} when {@code f == 0}, so exact positions stay exact. */
    private static double lerp(double a, double b, double f) {
        return f == 0 ? a : a + f * (b - a);
    }
}
