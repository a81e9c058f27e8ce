package hardy.ui.model;

import java.util.Arrays;

/**
 * The voxels one brush or eraser stroke changed: their linear indices with the label before and after, so the
 * stroke can be undone and redone exactly, and label counts updated without recounting the volume.
 */
public final class Stroke {

    private int[] index = new int[64];
    private int[] before = new int[64];
    private int[] after = new int[64];
    private int size;

    void add(int voxel, int oldLabel, int newLabel) {
        if (size == index.length) {
            index = Arrays.copyOf(index, size * 2);
            before = Arrays.copyOf(before, size * 2);
            after = Arrays.copyOf(after, size * 2);
        }
        index[size] = voxel;
        before[size] = oldLabel;
        after[size] = newLabel;
        size++;
    }

    /** Replaces the "after" label of the change at position {@code n}. */
    void setAfter(int n, int label) {
        after[n] = label;
    }

    /** Number of changed voxels. */
    public int size() {
        return size;
    }

    /** Linear index of change {@code n}. */
    public int voxel(int n) {
        return index[n];
    }

    /** Label before change {@code n}. */
    public int before(int n) {
        return before[n];
    }

    /** Label after change {@code n}. */
    public int after(int n) {
        return after[n];
    }
}
