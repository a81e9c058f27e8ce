package hardy.ui.model;

/**
 * A position on the patient-aligned display grid: index along the patient's x (towards left), y (towards
 * posterior) and z (towards superior). The linked crosshair of the three views is one of these.
 */
public record DisplayPoint(int x, int y, int z) {

    /** The index along patient axis {@code axis} (0, 1, 2). */
    public int get(int axis) {
        return switch (axis) {
            case 0 -> x;
            case 1 -> y;
            case 2 -> z;
            default -> throw new IllegalArgumentException("axis " + axis);
        };
    }

    /** This point with the index along {@code axis} replaced. */
    public DisplayPoint with(int axis, int value) {
        return switch (axis) {
            case 0 -> new DisplayPoint(value, y, z);
            case 1 -> new DisplayPoint(x, value, z);
            case 2 -> new DisplayPoint(x, y, value);
            default -> throw new IllegalArgumentException("axis " + axis);
        };
    }

    /** As an array {x, y, z}. */
    public int[] toArray() {
        return new int[] {x, y, z};
    }

    /** From an array {x, y, z}. */
    public static DisplayPoint of(int[] p) {
        return new DisplayPoint(p[0], p[1], p[2]);
    }
}
