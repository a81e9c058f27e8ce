package hardy.synth;

import java.util.SplittableRandom;

/**
 * A smooth random scalar field in 3-D: a sum of random plane waves with wavelengths around a given scale, sampled
 * once on a coarse lattice and read back by trilinear interpolation. The waves make it smooth at any position;
 * the lattice makes reading it cost a handful of multiplications instead of one sine per wave. Values have zero
 * mean and a standard deviation of about 1.
 */
final class SmoothField {

    private final double origin;
    private final double step;
    private final int n;
    private final float[] values;

    /**
     * @param halfExtent  the field covers [-halfExtent, halfExtent]³ mm; outside it the border is extended
     * @param wavelength  typical wavelength in mm (each wave draws one in [0.7, 1.4] times it)
     * @param waves       number of plane waves
     */
    SmoothField(SplittableRandom rng, double halfExtent, double wavelength, int waves) {
        this.step = Math.max(1.0, wavelength / 8);
        this.n = (int) Math.ceil(2 * halfExtent / step) + 2;
        this.origin = -halfExtent;
        double[][] k = new double[waves][3];
        double[] phase = new double[waves];
        for (int w = 0; w < waves; w++) {
            double[] u = SphereField.randomUnit(rng);
            double freq = 2 * Math.PI / (wavelength * (0.7 + 0.7 * rng.nextDouble()));
            k[w] = new double[] {u[0] * freq, u[1] * freq, u[2] * freq};
            phase[w] = rng.nextDouble(2 * Math.PI);
        }
        double amp = Math.sqrt(2.0 / waves);
        values = new float[n * n * n];
        int idx = 0;
        for (int c = 0; c < n; c++) {
            double z = origin + c * step;
            for (int b = 0; b < n; b++) {
                double y = origin + b * step;
                for (int a = 0; a < n; a++, idx++) {
                    double x = origin + a * step;
                    double s = 0;
                    for (int w = 0; w < waves; w++) {
                        s += Math.sin(k[w][0] * x + k[w][1] * y + k[w][2] * z + phase[w]);
                    }
                    values[idx] = (float) (amp * s);
                }
            }
        }
    }

    /** The largest absolute value the field takes anywhere: trilinear reading never leaves the lattice's range. */
    double maxAbs() {
        double max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /** The field at (x, y, z) mm. */
    double at(double x, double y, double z) {
        double fx = clamp((x - origin) / step);
        double fy = clamp((y - origin) / step);
        double fz = clamp((z - origin) / step);
        int a = (int) fx;
        int b = (int) fy;
        int c = (int) fz;
        double tx = fx - a;
        double ty = fy - b;
        double tz = fz - c;
        int i = a + n * (b + n * c);
        int nn = n * n;
        double v00 = values[i] + tx * (values[i + 1] - values[i]);
        double v10 = values[i + n] + tx * (values[i + n + 1] - values[i + n]);
        double v01 = values[i + nn] + tx * (values[i + nn + 1] - values[i + nn]);
        double v11 = values[i + nn + n] + tx * (values[i + nn + n + 1] - values[i + nn + n]);
        double v0 = v00 + ty * (v10 - v00);
        double v1 = v01 + ty * (v11 - v01);
        return v0 + tz * (v1 - v0);
    }

    private double clamp(double f) {
        return Math.max(0, Math.min(n - 1.000001, f));
    }
}
