package hardy.synth;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link PhantomGenerator} draws from. Every randomised quantity has a range here, so an experiment can
 * widen or narrow the domain randomisation. {@link #defaults()} gives the original phantoms (a centred head on a
 * fixed grid, T2-like contrast, nothing around the head); {@link #wide()} the wide domain for robust training.
 *
 * @param gestationalAge     weeks, within 20..35
 * @param shares             relative share of each subgroup (need not sum to 1; at least one positive)
 * @param size               output grid voxels per axis, or 0 when {@code fovMm} sets the grid
 * @param spacing            output grid spacing (mm, isotropic), drawn per case
 * @param fovMm              field of view per axis (mm), drawn per case; the grid has as many voxels as it takes
 *                           (at least enough for the whole head). {@code null}: the grid has {@code size} voxels
 * @param rotationDegrees    largest rotation of the head about each axis
 * @param headOffsetMm       largest random shift of the head from the grid centre along each axis, limited so the
 *                           whole head stays inside the field of view
 * @param surroundingsShare  share of cases with amniotic fluid, uterus, placenta, fetal body and maternal tissue
 *                           around the head (all background in the labels)
 * @param contrast           intensity model
 * @param contrastJitter     relative random change of each tissue's T2 intensity (0.15 = ±15 %)
 * @param randomSd           within-tissue standard deviation of the random contrast (intensities in 0..1)
 * @param biasAmplitude      bias field strength: log-intensity swing
 * @param noise              Rician noise sigma relative to the brightest tissue (CSF in the T2 contrast)
 * @param blurMm             Gaussian partial-volume blur, sigma in mm
 * @param thickSliceShare    share of cases acquired as thick slices
 * @param sliceThickness     thickness (and spacing) of those slices, mm
 * @param motionMm           standard deviation of the slice-wise motion shift, mm
 * @param reconstructShare   share of thick-slice cases resampled back to the isotropic grid (like a
 *                           super-resolution reconstruction); the rest keep the thick-slice grid
 */
public record SynthSettings(Range gestationalAge, Map<Subgroup, Double> shares, int size, Range spacing,
                            Range fovMm, double rotationDegrees, double headOffsetMm, double surroundingsShare,
                            Contrast contrast, double contrastJitter, Range randomSd, Range biasAmplitude,
                            Range noise, Range blurMm, double thickSliceShare, Range sliceThickness, Range motionMm,
                            double reconstructShare) {

    /** Most voxels per axis of a grid: 400³ voxels already take about 1.5 GB while a case is made. */
    public static final int MAX_VOXELS_PER_AXIS = 400;
    /**
     * The field of view the largest head may need, mm: a grid set by a field of view grows up to this when the
     * head needs it. Measured: over 300 heads of 35 weeks the farthest point of the scalp lay 78.6 mm from the
     * centre; with the 3 mm shift and the 3 mm margin on each side that is 169 mm.
     */
    static final double LARGEST_HEAD_FOV_MM = 175;

    public SynthSettings {
        if (gestationalAge.min() < 20 || gestationalAge.max() > 35) {
            throw new IllegalArgumentException("gestational age must lie in 20-35 weeks, got " + gestationalAge);
        }
        shares = Map.copyOf(shares);
        double total = 0;
        for (double s : shares.values()) {
            if (!(s >= 0)) {
                throw new IllegalArgumentException("subgroup shares must not be negative");
            }
            total += s;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("at least one subgroup share must be positive");
        }
        if (!(spacing.min() >= 0.2 && spacing.max() <= 5)) {
            throw new IllegalArgumentException("spacing must be 0.2..5 mm, got " + spacing);
        }
        checkGrid(size, spacing, fovMm);
        if (!(rotationDegrees >= 0 && rotationDegrees <= 180)) {
            throw new IllegalArgumentException("rotation must be 0..180 degrees, got " + rotationDegrees);
        }
        if (!(headOffsetMm >= 0 && headOffsetMm <= 100)) {
            throw new IllegalArgumentException("head offset must be 0..100 mm, got " + headOffsetMm);
        }
        checkShare("surroundings share", surroundingsShare);
        if (contrast == null) {
            throw new IllegalArgumentException("no contrast model");
        }
        if (randomSd.min() < 0 || randomSd.max() > 1) {
            throw new IllegalArgumentException("random contrast SD must lie in 0..1, got " + randomSd);
        }
        checkShare("thick-slice share", thickSliceShare);
        checkShare("reconstruct share", reconstructShare);
        if (thickSliceShare > 0 && sliceThickness.min() < spacing.max()) {
            throw new IllegalArgumentException("slice thickness " + sliceThickness + " mm is below the grid spacing "
                    + spacing + " mm (change the slice thickness or set the thick-slice share to 0)");
        }
    }

    /**
     * The original phantoms' settings without the wide domain: a fixed {@code size}³ grid of {@code spacing} mm,
     * no head offset, no surroundings, T2-like contrast.
     */
    public SynthSettings(Range gestationalAge, Map<Subgroup, Double> shares, int size, double spacing,
                         double rotationDegrees, double contrastJitter, Range biasAmplitude, Range noise,
                         Range blurMm, double thickSliceShare, Range sliceThickness, Range motionMm,
                         double reconstructShare) {
        this(gestationalAge, shares, size, new Range(spacing, spacing), null, rotationDegrees, 0, 0, Contrast.T2,
                contrastJitter, new Range(0, 0.1), biasAmplitude, noise, blurMm, thickSliceShare, sliceThickness,
                motionMm, reconstructShare);
    }

    /** Defaults: 20-35 weeks, 60/20/20 % normal/ventriculomegaly/agenesis, 160³ at 0.8 mm, a bare head. */
    public static SynthSettings defaults() {
        Map<Subgroup, Double> shares = new EnumMap<>(Subgroup.class);
        shares.put(Subgroup.NORMAL, 0.6);
        shares.put(Subgroup.VENTRICULOMEGALY, 0.2);
        shares.put(Subgroup.AGENESIS_CC, 0.2);
        return new SynthSettings(new Range(20, 35), shares, 160, 0.8, 10, 0.15, new Range(0, 0.3),
                new Range(0.01, 0.05), new Range(0.3, 0.6), 0.3, new Range(2.5, 4.0), new Range(0, 0.6), 1.0);
    }

    /**
     * The wide domain, for training and testing a model that must cope with real scans: the defaults plus
     * surroundings in every case, spacing 0.5-1.2 mm, field of view 100-160 mm (more when the head needs it),
     * rotation up to 30° per axis, head offset up to 20 mm per axis, and T2 or random contrast half each.
     */
    public static SynthSettings wide() {
        return defaults().toBuilder().fov(new Range(100, 160)).spacing(new Range(0.5, 1.2)).rotationDegrees(30)
                .headOffsetMm(20).surroundingsShare(1).contrast(Contrast.MIXED).build();
    }

    /** A builder holding these settings, to change some of them. */
    public SynthSettingsBuilder toBuilder() {
        return new SynthSettingsBuilder(this);
    }

    /**
     * Parses {@code "normal=0.6,ventriculomegaly=0.2,agenesis_cc=0.2"}; subgroups not named get share 0.
     *
     * @throws IllegalArgumentException on an unknown subgroup or a bad number
     */
    public static Map<Subgroup, Double> parseShares(String text) {
        Map<Subgroup, Double> shares = new EnumMap<>(Subgroup.class);
        for (Subgroup s : Subgroup.values()) {
            shares.put(s, 0.0);
        }
        for (String part : text.split(",")) {
            String[] kv = part.split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("subgroup shares look like normal=0.6,ventriculomegaly=0.4; got '"
                        + part + "'");
            }
            try {
                shares.put(Subgroup.of(kv[0]), Double.parseDouble(kv[1].strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: '" + kv[1] + "'");
            }
        }
        return shares;
    }

    /** Draws a subgroup according to the shares from a uniform number in [0, 1). */
    Subgroup subgroup(double u) {
        double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        double acc = 0;
        Subgroup last = Subgroup.NORMAL;
        for (Subgroup s : Subgroup.values()) {
            double share = shares.getOrDefault(s, 0.0);
            if (share <= 0) {
                continue;
            }
            acc += share / total;
            last = s;
            if (u < acc) {
                return s;
            }
        }
        return last;
    }

    /** Refuses grids that are too small, ambiguous, or so large that memory would run out. */
    private static void checkGrid(int size, Range spacing, Range fov) {
        if (fov == null) {
            if (size < 16 || size > MAX_VOXELS_PER_AXIS) {
                throw new IllegalArgumentException("grid size must be 16.." + MAX_VOXELS_PER_AXIS + " voxels, got "
                        + size);
            }
            return;
        }
        if (size != 0) {
            throw new IllegalArgumentException("give a grid size or a field of view, not both");
        }
        if (!(fov.min() >= 20 && fov.max() <= 400)) {
            throw new IllegalArgumentException("field of view must be 20..400 mm, got " + fov);
        }
        double largest = Math.max(fov.max(), LARGEST_HEAD_FOV_MM);
        long voxels = (long) Math.ceil(largest / spacing.min()) + 1;
        if (voxels > MAX_VOXELS_PER_AXIS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a field of view up to %s mm at %s mm "
                    + "spacing needs up to %d voxels per axis, more than %d: use a coarser spacing or a smaller "
                    + "field of view", fmt(largest), fmt(spacing.min()), voxels, MAX_VOXELS_PER_AXIS));
        }
    }

    private static String fmt(double v) {
        return new Range(v, v).toString();
    }

    private static void checkShare(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be in 0..1, got %s", name, v));
        }
    }
}
