package hardy.report;

import hardy.volume.Affine;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.VoxelArray;

/**
 * Reads a label map at world (LPS mm) points: the label of the nearest voxel, and the fraction of a label set
 * around a point by trilinear interpolation of the set's indicator. The 0.5 level of that fraction is the
 * set's boundary to within half a voxel in any direction, so chords measured on it do not depend on how the grid
 * lies against the head (oblique or anisotropic grids included).
 */
final class LabelSampler {

    private final Geometry geometry;
    private final char[] labels;
    private final int nx;
    private final int ny;
    private final int nz;
    private final double[] toVoxel = new double[12];

    LabelSampler(LabelMap map) {
        geometry = map.geometry();
        nx = geometry.nx();
        ny = geometry.ny();
        nz = geometry.nz();
        VoxelArray data = map.volume().data();
        labels = new char[data.length()];
        for (int v = 0; v < labels.length; v++) {
            labels[v] = (char) data.get(v);
        }
        Affine inverse = geometry.voxelToLps().inverse();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                toVoxel[r * 4 + c] = inverse.get(r, c);
            }
        }
    }

    Geometry geometry() {
        return geometry;
    }

    /** The label of voxel number {@code index} (i fastest). */
    int label(int index) {
        return labels[index];
    }

    int voxelCount() {
        return labels.length;
    }

    /** The world position (mm) of voxel number {@code index}. */
    double[] world(int index) {
        int i = index % nx;
        int j = (index / nx) % ny;
        int k = index / (nx * ny);
        return geometry.toWorld(i, j, k);
    }

    /** The label of the voxel nearest to a world point; 0 outside the grid. */
    int nearest(double x, double y, double z) {
        double i = toVoxel[0] * x + toVoxel[1] * y + toVoxel[2] * z + toVoxel[3];
        double j = toVoxel[4] * x + toVoxel[5] * y + toVoxel[6] * z + toVoxel[7];
        double k = toVoxel[8] * x + toVoxel[9] * y + toVoxel[10] * z + toVoxel[11];
        int a = (int) Math.floor(i + 0.5);
        int b = (int) Math.floor(j + 0.5);
        int c = (int) Math.floor(k + 0.5);
        if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) {
            return 0;
        }
        return labels[a + nx * (b + ny * c)];
    }

    /** The trilinearly interpolated indicator of {@code set} (indexed by label value) at a world point. */
    double fraction(boolean[] set, double x, double y, double z) {
        double i = toVoxel[0] * x + toVoxel[1] * y + toVoxel[2] * z + toVoxel[3];
        double j = toVoxel[4] * x + toVoxel[5] * y + toVoxel[6] * z + toVoxel[7];
        double k = toVoxel[8] * x + toVoxel[9] * y + toVoxel[10] * z + toVoxel[11];
        int a = (int) Math.floor(i);
        int b = (int) Math.floor(j);
        int c = (int) Math.floor(k);
        if (a < -1 || b < -1 || c < -1 || a >= nx || b >= ny || c >= nz) {
            return 0;
        }
        double fi = i - a;
        double fj = j - b;
        double fk = k - c;
        double sum = 0;
        for (int dc = 0; dc < 2; dc++) {
            double wc = dc == 0 ? 1 - fk : fk;
            for (int db = 0; db < 2; db++) {
                double wb = (db == 0 ? 1 - fj : fj) * wc;
                for (int da = 0; da < 2; da++) {
                    if (in(set, a + da, b + db, c + dc)) {
                        sum += (da == 0 ? 1 - fi : fi) * wb;
                    }
                }
            }
        }
        return sum;
    }

    private boolean in(boolean[] set, int a, int b, int c) {
        if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) {
            return false;
        }
        int l = labels[a + nx * (b + ny * c)];
        return l < set.length && set[l];
    }

    /** A membership table of label values, for {@link #fraction}. */
    static boolean[] set(int... values) {
        int max = 0;
        for (int v : values) {
            max = Math.max(max, v);
        }
        boolean[] set = new boolean[max + 1];
        for (int v : values) {
            set[v] = true;
        }
        return set;
    }
}
