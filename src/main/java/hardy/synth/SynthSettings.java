package hardy.synth;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link PhantomGenerator} draws from. Every randomised quantity has a range here, so an experiment can
 * widen or narrow the domain randomisation.
 *
 * @param gestationalAge     weeks, within 20..35
 * @param shares             relative share of each subgroup (need not sum to 1; at least one positive)
 * @param size               output grid voxels per axis
 * @param spacing            output grid spacing (mm, isotropic)
 * @param rotationDegrees    largest rotation of the head about each axis
 * @param contrastJitter     relative random change of each tissue's intensity (0.15 = ±15 %)
 * @param biasAmplitude      bias field strength: log-intensity swing
 * @param noise              Rician noise sigma relative to the CSF intensity
 * @param blurMm             Gaussian partial-volume blur, sigma in mm
 * @param thickSliceShare    share of cases acquired as thick slices
 * @param sliceThickness     thickness (and spacing) of those slices, mm
 * @param motionMm           standard deviation of the slice-wise motion shift, mm
 * @param reconstructShare   share of thick-slice cases resampled back to the isotropic grid (like a
 *                           super-resolution reconstruction); the rest keep the thick-slice grid
 */
public record SynthSettings(Range gestationalAge, Map<Subgroup, Double> shares, int size, double spacing,
                            double rotationDegrees, double contrastJitter, Range biasAmplitude, Range noise,
                            Range blurMm, double thickSliceShare, Range sliceThickness, Range motionMm,
                            double reconstructShare) {

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
        if (size < 16 || size > 1024) {
            throw new IllegalArgumentException("grid size must be 16..1024 voxels, got " + size);
        }
        if (!(spacing >= 0.2 && spacing <= 5)) {
            throw new IllegalArgumentException("spacing must be 0.2..5 mm, got " + spacing);
        }
        checkShare("thick-slice share", thickSliceShare);
        checkShare("reconstruct share", reconstructShare);
        if (thickSliceShare > 0 && sliceThickness.min() < spacing) {
            throw new IllegalArgumentException("slice thickness " + sliceThickness + " mm is below the grid spacing "
                    + spacing + " mm (change the slice thickness or set the thick-slice share to 0)");
        }
    }

    /** Defaults: 20-35 weeks, 60/20/20 % normal/ventriculomegaly/agenesis, 160³ at 0.8 mm. */
    public static SynthSettings defaults() {
        Map<Subgroup, Double> shares = new EnumMap<>(Subgroup.class);
        shares.put(Subgroup.NORMAL, 0.6);
        shares.put(Subgroup.VENTRICULOMEGALY, 0.2);
        shares.put(Subgroup.AGENESIS_CC, 0.2);
        return new SynthSettings(new Range(20, 35), shares, 160, 0.8, 10, 0.15, new Range(0, 0.3),
                new Range(0.01, 0.05), new Range(0.3, 0.6), 0.3, new Range(2.5, 4.0), new Range(0, 0.6), 1.0);
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

    private static void checkShare(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be in 0..1, got %s", name, v));
        }
    }
}
