package hardy.synth;

/**
 * What the anatomy model puts at a point: the seven FeTA labels plus the tissues around the brain that appear in
 * the image but are background (0) in the label map.
 */
final class Tissue {

    static final int SKULL = 8;
    static final int SCALP = 9;
    static final int FLUID = 10;
    /**
     * The germinal matrix and periventricular zone: white matter in the labels (as FeTA labels it), but dark on
     * T2 around the ventricles of young fetuses, fading as the brain matures.
     */
    static final int GERMINAL = 11;
    static final int COUNT = 12;

    private Tissue() {
    }

    /** The label map value of a tissue. */
    static int label(int tissue) {
        if (tissue == GERMINAL) {
            return FetalLabels.WHITE_MATTER;
        }
        return tissue <= FetalLabels.BRAINSTEM ? tissue : FetalLabels.BACKGROUND;
    }
}
