package hardy.synth;

import hardy.volume.FetalLabels;

/**
 * What the anatomy model puts at a point: the seven FeTA labels plus the tissues around the brain that appear in
 * the image but are background (0) in the label map: the head's own coverings, and, when a case has
 * surroundings ({@link Surroundings}), the uterus, placenta, fetal body and the mother around it.
 */
final class Tissue {

    static final int SKULL = 8;
    static final int SCALP = 9;
    /** Amniotic fluid: a thin shell around the head, or the whole uterine cavity when there are surroundings. */
    static final int FLUID = 10;
    /**
     * The germinal matrix and periventricular zone: white matter in the labels (as FeTA labels it), but dark on
     * T2 around the ventricles of young fetuses, fading as the brain matures.
     */
    static final int GERMINAL = 11;
    static final int UTERINE_WALL = 12;
    static final int PLACENTA = 13;
    /** Skin and muscle of the fetal body and limbs. */
    static final int BODY_WALL = 14;
    /** The fetal body's other soft tissue: heart, bowel, kidneys, all intermediate on T2. */
    static final int BODY = 15;
    static final int LUNG = 16;
    static final int LIVER = 17;
    /** Fluid-filled fetal organs: stomach and bladder, as bright as amniotic fluid. */
    static final int BODY_FLUID = 18;
    static final int SPINE = 19;
    static final int MATERNAL = 20;
    static final int MATERNAL_FAT = 21;
    static final int MATERNAL_MUSCLE = 22;
    static final int AIR = 23;
    static final int COUNT = 24;

    private Tissue() {
    }

    /** The label map value of a tissue: its FeTA label inside the brain, background (0) for everything else. */
    static int label(int tissue) {
        if (tissue == GERMINAL) {
            return FetalLabels.WHITE_MATTER;
        }
        return tissue <= FetalLabels.BRAINSTEM ? tissue : FetalLabels.BACKGROUND;
    }
}
