package hardy.synth;

import hardy.volume.Rotations;
import hardy.core.Cancellation;
import hardy.volume.Affine;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.Resampler;
import hardy.volume.Volume;
import hardy.volume.VoxelArray;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates fetal-brain phantoms: anatomy ({@link FetalAnatomy}, and optionally {@link Surroundings}) rasterised
 * on the output grid ({@link CaseLayout}), an MR appearance ({@link MrAppearance}) and a simulated acquisition
 * ({@link Acquisition}).
 *
 * <p>Case {@code N} of a run with seed {@code S} depends on {@code (S, N)} only, through
 * {@link #caseSeed(long, int)}: the same case comes out whatever the number of cases, threads or their order.
 * The head, its contrast jitter and the acquisition come from one random stream of that seed, the wide domain's
 * choices (grid, offset, contrast model, surroundings) from a second one, so settings without the wide domain
 * give the same cases as before it existed.
 *
 * <p>The output grid is axis-aligned in RAS order (i towards the patient's right, j anterior, k superior, the
 * orientation of most NIfTI templates), centred on the head unless a head offset moves it, so viewers show the
 * brain upright.
 */
public final class PhantomGenerator {

    /** Makes the wide domain's stream differ from every stream the case seed itself starts. */
    private static final long WIDE_SALT = 0x6A09E667F3BCC909L;

    private final SynthSettings settings;
    private final long seed;

    /** A generator of cases drawn from {@code settings}, seeded with {@code seed}. */
    public PhantomGenerator(SynthSettings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
    }

    /** The seed of case {@code index}: a SplitMix64 hash of the run seed and the index. */
    public static long caseSeed(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Generates case {@code index}; checks {@code cancel} once per slice. */
    public SynthCase generate(int index, Cancellation cancel) {
        long caseSeed = caseSeed(seed, index);
        SplittableRandom rng = new SplittableRandom(caseSeed);
        SplittableRandom wide = new SplittableRandom(caseSeed(caseSeed ^ WIDE_SALT, 0));
        double ga = settings.gestationalAge().draw(rng);
        Subgroup subgroup = settings.subgroup(rng.nextDouble());
        FetalAnatomy anatomy = new FetalAnatomy(rng.split(), ga, subgroup);
        double[][] r = rotation(rng, Math.toRadians(settings.rotationDegrees()));
        double[] shift = {3 * (2 * rng.nextDouble() - 1), 3 * (2 * rng.nextDouble() - 1),
                3 * (2 * rng.nextDouble() - 1)};
        HeadHull hull = new HeadHull(anatomy);
        CaseLayout layout = new CaseLayout(wide, settings, hull, r, shift);
        SplittableRandom aroundRng = wide.split();
        SplittableRandom contrastRng = wide.split();
        int n = layout.size();
        double s = layout.spacing();
        double c = (n - 1) / 2.0 * s;
        Geometry grid = new Geometry(n, n, n, Affine.ofRows(-s, 0, 0, c, 0, -s, 0, c, 0, 0, s, -c));
        double[] head = layout.headCentre();
        // the surroundings' fields must cover the whole grid, seen from the head's centre
        double fieldHalf = c + Math.max(Math.abs(head[0]), Math.max(Math.abs(head[1]), Math.abs(head[2]))) + 1;
        Surroundings around = layout.surroundings()
                ? new Surroundings(aroundRng, anatomy, hull, r, ga, fieldHalf) : null;
        byte[] tissue = TissueGrid.rasterise(anatomy, around, hull.radius(), n, s, r, head, cancel);
        byte[] labels = new byte[tissue.length];
        for (int t = 0; t < tissue.length; t++) {
            labels[t] = (byte) Tissue.label(tissue[t]);
        }
        LabelMap labelMap = new LabelMap(new Volume(grid, new VoxelArray.UInt8(labels)));
        cancel.check();
        // without surroundings the bias field keeps its old extent, so those cases stay as they were
        double biasHalf = around == null ? anatomy.extent() : Math.max(anatomy.extent(), c + 1);
        MrAppearance appearance = new MrAppearance(rng.split(), ga, settings, anatomy.extent(), biasHalf,
                layout.contrast() == Contrast.RANDOM ? contrastRng : null);
        float[] rendered = appearance.render(tissue, n, s, (i, j, k, out) -> {
            out[0] = c - s * i;
            out[1] = c - s * j;
            out[2] = -c + s * k;
        });
        cancel.check();
        Acquisition acquisition = new Acquisition(rng.split(), settings);
        Acquisition.Result acquired = acquisition.acquire(rendered, n, s, appearance.reference());
        Geometry imageGrid = grid;
        if (!acquisition.isotropic()) {
            double[] scale = {1, 1, 1};
            double[] start = {0, 0, 0};
            scale[acquired.axis()] = acquired.step();
            start[acquired.axis()] = acquired.start();
            int[] d = acquired.dims();
            imageGrid = new Geometry(d[0], d[1], d[2], grid.voxelToLps().multiply(
                    Affine.scaleTranslate(scale[0], scale[1], scale[2], start[0], start[1], start[2])));
            labelMap = Resampler.resample(labelMap, imageGrid, cancel);
        }
        double gain = 1000 * (0.8 + 0.45 * rng.nextDouble());
        float[] img = acquired.image();
        short[] stored = new short[img.length];
        for (int t = 0; t < img.length; t++) {
            stored[t] = (short) Math.min(Short.MAX_VALUE, Math.round(img[t] * gain));
        }
        Volume image = new Volume(imageGrid, new VoxelArray.Int16(stored));
        return new SynthCase(index, caseSeed, ga, subgroup, describe(acquisition), image, labelMap, s,
                layout.fovMm(), layout.contrast(), around != null, DesignBiometry.of(anatomy));
    }

    private static String describe(Acquisition a) {
        if (!a.thick()) {
            return "isotropic";
        }
        return String.format(Locale.ROOT, "thick %.1fmm %s%s", a.thickness(), "ijk".charAt(a.axis()),
                a.isotropic() ? " reconstructed" : "");
    }

    /** A rotation by random angles within ±max about each axis. */
    private static double[][] rotation(SplittableRandom rng, double max) {
        double a = max * (2 * rng.nextDouble() - 1);
        double b = max * (2 * rng.nextDouble() - 1);
        double g = max * (2 * rng.nextDouble() - 1);
        return Rotations.xyz(a, b, g);
    }
}
