package hardy.inference;

import hardy.volume.LabelMap;
import hardy.volume.VoxelArray;

/**
 * Keeps only the largest 6-connected component of a label, or of the foreground as a whole; the other components
 * become background. nnU-Net's post-processing: a brain is one piece, so islands elsewhere (in the mother's tissue,
 * the placenta, the fetal body) are false positives.
 */
final class ConnectedComponents {

    private ConnectedComponents() {
    }

    /** Reduces {@code label} in {@code labels} to its largest component, in place; returns voxels removed. */
    static long keepLargest(LabelMap labels, int label) {
        return keepLargest(labels, label, false);
    }

    /**
     * Reduces the foreground (every voxel with a label above 0, whichever label) to its largest component, in
     * place; the voxels of the other components become background. Returns the voxels removed.
     */
    static long keepLargestForeground(LabelMap labels) {
        return keepLargest(labels, 0, true);
    }

    private static long keepLargest(LabelMap labels, int label, boolean anyForeground) {
        int nx = labels.geometry().nx();
        int ny = labels.geometry().ny();
        int nz = labels.geometry().nz();
        VoxelArray data = labels.volume().data();
        int n = data.length();
        int[] component = new int[n];          // 0 = unvisited, else component id
        int[] queue = new int[n];
        long bestSize = 0;
        int best = 0;
        int next = 0;
        for (int seed = 0; seed < n; seed++) {
            if (component[seed] != 0 || !member(data, seed, label, anyForeground)) {
                continue;
            }
            int id = ++next;
            int head = 0;
            int tail = 0;
            queue[tail++] = seed;
            component[seed] = id;
            while (head < tail) {
                int v = queue[head++];
                int i = v % nx;
                int j = (v / nx) % ny;
                int k = v / (nx * ny);
                tail = visit(data, component, queue, tail, label, anyForeground, id, i > 0 ? v - 1 : -1);
                tail = visit(data, component, queue, tail, label, anyForeground, id, i < nx - 1 ? v + 1 : -1);
                tail = visit(data, component, queue, tail, label, anyForeground, id, j > 0 ? v - nx : -1);
                tail = visit(data, component, queue, tail, label, anyForeground, id, j < ny - 1 ? v + nx : -1);
                tail = visit(data, component, queue, tail, label, anyForeground, id, k > 0 ? v - nx * ny : -1);
                tail = visit(data, component, queue, tail, label, anyForeground, id, k < nz - 1 ? v + nx * ny : -1);
            }
            if (tail > bestSize) {
                bestSize = tail;
                best = id;
            }
        }
        long removed = 0;
        for (int v = 0; v < n; v++) {
            if (component[v] != 0 && component[v] != best) {
                data.set(v, 0);
                removed++;
            }
        }
        return removed;
    }

    private static boolean member(VoxelArray data, int v, int label, boolean anyForeground) {
        int value = (int) data.get(v);
        return anyForeground ? value > 0 : value == label;
    }

    private static int visit(VoxelArray data, int[] component, int[] queue, int tail, int label,
                             boolean anyForeground, int id, int v) {
        if (v >= 0 && component[v] == 0 && member(data, v, label, anyForeground)) {
            component[v] = id;
            queue[tail++] = v;
        }
        return tail;
    }
}
