package hardy.ui.render;

/**
 * The three patient planes a slice view can show, with the patient axes (LPS: 0 = x towards the patient's left,
 * 1 = y towards posterior, 2 = z towards superior) along the screen's horizontal and vertical directions.
 *
 * <p>Screen directions follow the radiological habit: axial slices are seen from the feet with anterior at the
 * top, coronal slices from the front with superior at the top, sagittal slices with anterior on the left and
 * superior at the top. The patient's left is on the screen's right in axial and coronal views unless the
 * neurological convention is chosen.
 */
public enum Plane {
    AXIAL("Axial", 2, 0, 1, false),
    CORONAL("Coronal", 1, 0, 2, true),
    SAGITTAL("Sagittal", 0, 1, 2, true);

    /** The anatomical letter for the positive and negative direction of each LPS axis. */
    private static final char[] POSITIVE = {'L', 'P', 'S'};
    private static final char[] NEGATIVE = {'R', 'A', 'I'};

    private final String title;
    private final int normalAxis;
    private final int horizontalAxis;
    private final int verticalAxis;
    private final boolean verticalFlipped;

    Plane(String title, int normalAxis, int horizontalAxis, int verticalAxis, boolean verticalFlipped) {
        this.title = title;
        this.normalAxis = normalAxis;
        this.horizontalAxis = horizontalAxis;
        this.verticalAxis = verticalAxis;
        this.verticalFlipped = verticalFlipped;
    }

    /** "Axial", "Coronal" or "Sagittal". */
    public String title() {
        return title;
    }

    /** The patient axis perpendicular to the plane. */
    public int normalAxis() {
        return normalAxis;
    }

    /** The patient axis along the screen's horizontal. */
    public int horizontalAxis() {
        return horizontalAxis;
    }

    /** The patient axis along the screen's vertical. */
    public int verticalAxis() {
        return verticalAxis;
    }

    /**
     * Whether moving right on screen goes towards the negative end of the horizontal axis. Only the left-right
     * axis depends on the convention: radiological puts the patient's left (+x) on the right.
     */
    public boolean horizontalFlipped(boolean radiological) {
        return horizontalAxis == 0 && !radiological;
    }

    /** Whether moving down on screen goes towards the negative end of the vertical axis (superior at the top). */
    public boolean verticalFlipped() {
        return verticalFlipped;
    }

    /** The letters at the left, right, top and bottom edges of the view, in that order. */
    public char[] edgeLetters(boolean radiological) {
        boolean hf = horizontalFlipped(radiological);
        char left = hf ? POSITIVE[horizontalAxis] : NEGATIVE[horizontalAxis];
        char right = hf ? NEGATIVE[horizontalAxis] : POSITIVE[horizontalAxis];
        char top = verticalFlipped ? POSITIVE[verticalAxis] : NEGATIVE[verticalAxis];
        char bottom = verticalFlipped ? NEGATIVE[verticalAxis] : POSITIVE[verticalAxis];
        return new char[] {left, right, top, bottom};
    }
}
