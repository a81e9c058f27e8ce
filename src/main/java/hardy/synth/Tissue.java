package hardy.synth;

/**
 * What the anatomy model puts at a point: the seven FeTA labels plus the tissues around the brain that appear in
 * the image but are background (0) in the label map.
 */
final class Tissue {

    static final int SKULL = 8;
    static final int SCALP = 9;
    static final int FLUID = 10;
    static final int COUNT = 11;

    private Tissue() {
    }

    /** The label map value of a tissue. */
    static int label(int tissue) {
        return tissue <= FetalLabels.BRAINSTEM ? tissue : FetalLabels.BACKGROUND;
    }
}
