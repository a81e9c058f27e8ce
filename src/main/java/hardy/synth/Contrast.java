package hardy.synth;

import java.util.Locale;

/** How a case's tissues get their intensities. */
public enum Contrast {
    /** T2-weighted-like: each tissue near its typical fetal T2 value, jittered by the contrast jitter. */
    T2("t2"),
    /**
     * SynthSeg-style (FetalSynthSeg, arXiv:2411.06842): each tissue draws its mean uniformly in [0, 1] and a
     * within-tissue standard deviation, and every voxel draws from that Gaussian. A model trained on it cannot
     * rely on any one contrast, only on shape.
     */
    RANDOM("random"),
    /** Per case, T2 or random with equal chance. */
    MIXED("mixed");

    private final String id;

    Contrast(String id) {
        this.id = id;
    }

    /** The name used on the command line and in {@code cases.csv}. */
    public String id() {
        return id;
    }

    /**
     * The contrast with this id (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid ids
     */
    public static Contrast of(String id) {
        for (Contrast c : values()) {
            if (c.id.equalsIgnoreCase(id.strip())) {
                return c;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "unknown contrast '%s' (one of t2, random, "
                + "mixed)", id));
    }
}
