package hardy.synth;

import hardy.volume.FetalLabels;
import java.util.SplittableRandom;

/**
 * Intensities from tissues, then partial-volume blur and a smooth multiplicative bias field. Two intensity
 * models ({@link Contrast}): T2-weighted-like, where each case draws every tissue's intensity around its typical
 * value (fetal T2: CSF and amniotic fluid brightest; immature, unmyelinated white matter bright, darkening as it
 * matures; cortex, deep grey nuclei and brainstem dark; placenta and uterine wall intermediate); or random, where
 * each tissue draws a mean in [0, 1] and a within-tissue standard deviation and every voxel draws from that
 * Gaussian.
 */
final class MrAppearance {

    private final float[] intensity = new float[Tissue.COUNT];
    private final float[] spread = new float[Tissue.COUNT];
    private final double blurMm;
    private final double biasAmplitude;
    private final SmoothField bias;
    private final SplittableRandom voxels;
    private final float reference;

    /**
     * Draws a case's appearance.
     *
     * @param extent    half the head's extent (mm): the bias field's scale
     * @param fieldHalf half the side of the cube the bias field covers, mm
     * @param random    the random stream of the random contrast; {@code null} for the T2-like one
     */
    MrAppearance(SplittableRandom rng, double gestationalAge, SynthSettings settings, double extent,
                 double fieldHalf, SplittableRandom random) {
        double m = Math.max(0, Math.min(1, (gestationalAge - 20) / 15));
        double[] typical = typicalT2(m);
        double jitter = settings.contrastJitter();
        // the head's tissues draw first and the bias next, so cases without surroundings stay what they were
        // before surroundings existed
        for (int t = 0; t <= Tissue.GERMINAL; t++) {
            intensity[t] = (float) (typical[t] * (1 + jitter * (2 * rng.nextDouble() - 1)));
        }
        blurMm = settings.blurMm().draw(rng);
        biasAmplitude = settings.biasAmplitude().draw(rng);
        bias = new SmoothField(rng.split(), fieldHalf, extent * 2.5, 6);
        for (int t = Tissue.GERMINAL + 1; t < Tissue.COUNT; t++) {
            intensity[t] = (float) (typical[t] * (1 + jitter * (2 * rng.nextDouble() - 1)));
        }
        if (random == null) {
            voxels = null;
            reference = intensity[FetalLabels.EXTERNAL_CSF];
            return;
        }
        float brightest = 0;
        for (int t = 0; t < Tissue.COUNT; t++) {
            intensity[t] = (float) random.nextDouble();
            spread[t] = (float) settings.randomSd().at(random.nextDouble());
            brightest = Math.max(brightest, intensity[t]);
        }
        voxels = random.split();
        reference = brightest;
    }

    private static double[] typicalT2(double m) {
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
        typical[Tissue.UTERINE_WALL] = 0.35;
        typical[Tissue.PLACENTA] = 0.55;
        typical[Tissue.BODY_WALL] = 0.28;
        typical[Tissue.BODY] = 0.42;
        typical[Tissue.LUNG] = 0.62;
        typical[Tissue.LIVER] = 0.20;
        typical[Tissue.BODY_FLUID] = 0.95;
        typical[Tissue.SPINE] = 0.12;
        typical[Tissue.MATERNAL] = 0.35;
        typical[Tissue.MATERNAL_FAT] = 0.50;
        typical[Tissue.MATERNAL_MUSCLE] = 0.18;
        typical[Tissue.AIR] = 0.01;
        return typical;
    }

    /** Whether this is the random contrast. */
    boolean random() {
        return voxels != null;
    }

    /** A tissue's mean intensity before blur and bias. */
    float intensity(int tissue) {
        return intensity[tissue];
    }

    /**
     * The noise-free image on the tissue grid.
     *
     * @param world voxel centre (x, y, z) in mm, relative to the grid's centre, for the bias field
     */
    float[] render(byte[] tissue, int n, double spacing, WorldOf world) {
        float[] image = new float[tissue.length];
        for (int v = 0; v < tissue.length; v++) {
            image[v] = intensity[tissue[v]];
        }
        if (voxels != null) {
            for (int v = 0; v < tissue.length; v++) {
                // magnitude images are never negative
                image[v] = (float) Math.max(0, image[v] + spread[tissue[v]] * voxels.nextGaussian());
            }
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

    /** The brightest tissue's mean (CSF in the T2 contrast): the reference for the noise level. */
    float reference() {
        return reference;
    }

    /** Maps a voxel index to a position in mm. */
    @FunctionalInterface
    interface WorldOf {
        void at(int i, int j, int k, double[] out);
    }
}
