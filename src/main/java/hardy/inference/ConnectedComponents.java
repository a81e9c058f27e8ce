package hardy.inference;

import hardy.volume.LabelMap;
import hardy.volume.VoxelArray;

/**
 * Keeps only the largest 6-connected component of a label; the other components of that label become background.
 * nnU-Net's post-processing: a brain structure is one piece, so islands elsewhere are false positives.
 */
final class ConnectedComponents {

    private ConnectedComponents() {
    }

    /** Reduces {@code label} in {@code labels} to its largest component, in place; returns voxels removed. */
    static long keepLargest(LabelMap labels, int label) {
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
            if (component[seed] != 0 || (int) data.get(seed) != label) {
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
                tail = visit(data, component, queue, tail, label, id, i > 0 ? v - 1 : -1);
                tail = visit(data, component, queue, tail, label, id, i < nx - 1 ? v + 1 : -1);
                tail = visit(data, component, queue, tail, label, id, j > 0 ? v - nx : -1);
                tail = visit(data, component, queue, tail, label, id, j < ny - 1 ? v + nx : -1);
                tail = visit(data, component, queue, tail, label, id, k > 0 ? v - nx * ny : -1);
                tail = visit(data, component, queue, tail, label, id, k < nz - 1 ? v + nx * ny : -1);
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

    private static int visit(VoxelArray data, int[] component, int[] queue, int tail, int label, int id, int v) {
        if (v >= 0 && component[v] == 0 && (int) data.get(v) == label) {
            component[v] = id;
            queue[tail++] = v;
        }
        return tail;
    }
}
