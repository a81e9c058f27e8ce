package hardy.synth;

import java.util.SplittableRandom;

/**
 * Simulated acquisition of a rendered image: optionally as thick slices along one axis, each with its own small
 * motion shift (fetuses move between slices), then Rician noise; optionally resampled back to the isotropic grid
 * by linear interpolation between slices, a stand-in for a super-resolution reconstruction.
 */
final class Acquisition {

    /** The acquired image: voxels on a grid of {@code dims}, slices along {@code axis} spaced {@code step} voxels. */
    record Result(float[] image, int[] dims, int axis, double start, double step) {
    }

    private final boolean thick;
    private final boolean reconstruct;
    private final int axis;
    private final double thickness;
    private final double motion;
    private final double noise;
    private final SplittableRandom rng;

    Acquisition(SplittableRandom rng, SynthSettings settings) {
        thick = rng.nextDouble() < settings.thickSliceShare();
        reconstruct = rng.nextDouble() < settings.reconstructShare();
        axis = rng.nextInt(3);
        thickness = settings.sliceThickness().draw(rng);
        motion = settings.motionMm().draw(rng);
        noise = settings.noise().draw(rng);
        this.rng = rng.split();
    }

    /** Whether slices are thick. */
    boolean thick() {
        return thick;
    }

    /** Whether the result is on the isotropic grid. */
    boolean isotropic() {
        return !thick || reconstruct;
    }

    /** Slice axis (0 = i, 1 = j, 2 = k) of a thick-slice acquisition. */
    int axis() {
        return axis;
    }

    /** Slice thickness in mm. */
    double thickness() {
        return thickness;
    }

    /** Acquires {@code image} (n³ voxels of {@code spacing} mm), with noise relative to {@code reference}. */
    Result acquire(float[] image, int n, double spacing, float reference) {
        double sigma = noise * reference;
        if (!thick) {
            addRicianNoise(image, sigma);
            return new Result(image, new int[] {n, n, n}, 2, 0, 1);
        }
        // slice profile: a Gaussian of FWHM = thickness through the plane
        Filters.blur(image, n, n, n, axis, thickness / spacing / 2.3548);
        double step = thickness / spacing;
        int slices = (int) Math.floor((n - 1) / step) + 1;
        double start = ((n - 1) - (slices - 1) * step) / 2;
        int[] dims = {n, n, n};
        dims[axis] = slices;
        float[] stack = new float[dims[0] * dims[1] * dims[2]];
        int[] idx = new int[3];
        double[] pos = new double[3];
        for (int s = 0; s < slices; s++) {
            double[] shift = {rng.nextGaussian() * motion / spacing, rng.nextGaussian() * motion / spacing,
                    rng.nextGaussian() * motion / spacing};
            for (int b = 0; b < n; b++) {
                for (int a = 0; a < n; a++) {
                    inPlane(axis, a, b, s, idx);
                    pos[0] = idx[0];
                    pos[1] = idx[1];
                    pos[2] = idx[2];
                    pos[axis] = start + s * step;
                    int out = idx[0] + dims[0] * (idx[1] + dims[1] * idx[2]);
                    stack[out] = Filters.sample(image, n, n, n, pos[0] + shift[0], pos[1] + shift[1],
                            pos[2] + shift[2]);
                }
            }
        }
        addRicianNoise(stack, sigma);
        if (!reconstruct) {
            return new Result(stack, dims, axis, start, step);
        }
        float[] recon = new float[n * n * n];
        int v = 0;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++, v++) {
                    idx[0] = i;
                    idx[1] = j;
                    idx[2] = k;
                    double f = Math.max(0, Math.min(slices - 1, (idx[axis] - start) / step));
                    int s0 = Math.min((int) f, Math.max(0, slices - 2));
                    int s1 = Math.min(s0 + 1, slices - 1);
                    double t = f - s0;
                    idx[axis] = s0;
                    float a = stack[idx[0] + dims[0] * (idx[1] + dims[1] * idx[2])];
                    idx[axis] = s1;
                    float b = stack[idx[0] + dims[0] * (idx[1] + dims[1] * idx[2])];
                    recon[v] = (float) (a + t * (b - a));
                }
            }
        }
        return new Result(recon, new int[] {n, n, n}, axis, 0, 1);
    }

    /** Index of in-plane position (a, b) on slice s, the plane spanned by the two axes other than the slice axis. */
    private static void inPlane(int axis, int a, int b, int s, int[] idx) {
        switch (axis) {
            case 0 -> { idx[0] = s; idx[1] = a; idx[2] = b; }
            case 1 -> { idx[0] = a; idx[1] = s; idx[2] = b; }
            default -> { idx[0] = a; idx[1] = b; idx[2] = s; }
        }
    }

    /** Magnitude of the signal plus complex Gaussian noise: Rician, the distribution of MR magnitude images. */
    private void addRicianNoise(float[] image, double sigma) {
        if (sigma <= 0) {
            return;
        }
        for (int v = 0; v < image.length; v++) {
            double re = image[v] + sigma * rng.nextGaussian();
            double im = sigma * rng.nextGaussian();
            image[v] = (float) Math.sqrt(re * re + im * im);
        }
    }
}
