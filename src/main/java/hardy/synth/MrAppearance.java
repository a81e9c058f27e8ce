package hardy.synth;

import java.util.SplittableRandom;

/**
 * T2-weighted-like contrast from tissues. Fetal T2: CSF brightest; immature, unmyelinated white matter bright,
 * darkening as it matures; cortex, deep grey nuclei and brainstem dark. Each case draws every tissue's intensity
 * around its typical value (domain randomisation), then partial-volume blur and a smooth multiplicative bias
 * field.
 */
final class MrAppearance {

    private final float[] intensity = new float[Tissue.COUNT];
    private final double blurMm;
    private final double biasAmplitude;
    private final SmoothField bias;

    MrAppearance(SplittableRandom rng, double gestationalAge, SynthSettings settings, double extent) {
        double m = Math.max(0, Math.min(1, (gestationalAge - 20) / 15));
        double[] typical = new double[Tissue.COUNT];
        typical[FetalLabels.BACKGROUND] = 0.02;
        typical[FetalLabels.EXTERNAL_CSF] = 1.0;
        typical[FetalLabels.GREY_MATTER] = 0.30;
        typical[FetalLabels.WHITE_MATTER] = 0.68 - 0.16 * m;
        typical[FetalLabels.VENTRICLES] = 0.95;
        typical[FetalLabels.CEREBELLUM] = 0.45 - 0.08 * m;
        typical[FetalLabels.DEEP_GREY] = 0.40 - 0.06 * m;
        typical[FetalLabels.BRAINSTEM] = 0.38 - 0.10 * m;
        typical[Tissue.SKULL] = 0.10;
        typical[Tissue.SCALP] = 0.45;
        typical[Tissue.FLUID] = 0.88;
        typical[Tissue.GERMINAL] = 0.36 + (typical[FetalLabels.WHITE_MATTER] - 0.36) * m;
        double jitter = settings.contrastJitter();
        for (int t = 0; t < Tissue.COUNT; t++) {
            intensity[t] = (float) (typical[t] * (1 + jitter * (2 * rng.nextDouble() - 1)));
        }
        blurMm = settings.blurMm().draw(rng);
        biasAmplitude = settings.biasAmplitude().draw(rng);
        bias = new SmoothField(rng.split(), extent, extent * 2.5, 6);
    }

    /**
     * The noise-free image on the tissue grid.
     *
     * @param world voxel centre (x, y, z) in mm, relative to the head, for the bias field
     */
    float[] render(byte[] tissue, int n, double spacing, WorldOf world) {
        float[] image = new float[tissue.length];
        for (int v = 0; v < tissue.length; v++) {
            image[v] = intensity[tissue[v]];
        }
        double sigma = blurMm / spacing;
        for (int axis = 0; axis < 3; axis++) {
            Filters.blur(image, n, n, n, axis, sigma);
        }
        if (biasAmplitude > 0) {
            double[] p = new double[3];
            int v = 0;
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < n; i++, v++) {
                        world.at(i, j, k, p);
                        image[v] *= (float) Math.exp(biasAmplitude * 0.5 * bias.at(p[0], p[1], p[2]));
                    }
                }
            }
        }
        return image;
    }

    /** CSF intensity, the reference for the noise level. */
    float csf() {
        return intensity[FetalLabels.EXTERNAL_CSF];
    }

    /** Maps a voxel index to a position in mm. */
    @FunctionalInterface
    interface WorldOf {
        void at(int i, int j, int k, double[] out);
    }
}
