package hardy.synth;

import java.util.Locale;

/**
 * Anatomical subgroups of the phantoms. Robust training is about the under-represented ones, so each has a share
 * of the generated cases that the user sets.
 */
public enum Subgroup {
    /** Typical development for the gestational age. */
    NORMAL("normal"),
    /**
     * Enlarged lateral ventricles (atrium wider than 10 mm), with a small posterior fossa and cerebellum, the
     * pattern of open spina bifida (Chiari II).
     */
    VENTRICULOMEGALY("ventriculomegaly"),
    /**
     * Agenesis of the corpus callosum: parallel, widely spaced lateral ventricles with narrow frontal horns and
     * dilated occipital horns (colpocephaly); the interhemispheric fissure reaches the third ventricle.
     */
    AGENESIS_CC("agenesis_cc");

    private final String id;

    Subgroup(String id) {
        this.id = id;
    }

    /** The name used on the command line and in {@code cases.csv}. */
    public String id() {
        return id;
    }

    /**
     * The subgroup with this id (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid ids
     */
    public static Subgroup of(String id) {
        for (Subgroup s : values()) {
            if (s.id.equalsIgnoreCase(id.strip())) {
                return s;
            }
        }
        StringBuilder valid = new StringBuilder();
        for (Subgroup s : values()) {
            valid.append(valid.isEmpty() ? "" : ", ").append(s.id);
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "unknown subgroup '%s' (one of %s)", id,
                valid));
    }
}
