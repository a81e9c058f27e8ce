package hardy.ui.render;

import hardy.volume.Affine;
import hardy.volume.Geometry;

/**
 * A grid aligned with the patient axes (LPS) on which the viewer shows a volume, and its map back to the source
 * voxels. Display index {@code p[w]} runs along LPS axis {@code w}.
 *
 * <p>When the source's voxel axes are a permutation and flip of the patient axes (most acquisitions), every
 * display voxel is exactly one source voxel and slicing is an index permutation. Otherwise (an oblique
 * acquisition) the display grid covers the volume's bounding box and each display voxel takes its nearest source
 * voxel: the data are resliced, never copied.
 */
public final class DisplayGrid {

    /** Direction cosines within this of 1 count as lying along a patient axis. */
    private static final double ALIGNED = 1e-6;

    private final Geometry source;
    private final Geometry display;
    private final Affine displayToSource;
    private final boolean oblique;
    /** For the permutation case: source voxel axis shown along patient axis w, and whether it is reversed. */
    private final int[] sourceAxis;
    private final boolean[] reversed;

    private DisplayGrid(Geometry source, Geometry display, Affine displayToSource, boolean oblique, int[] sourceAxis,
                        boolean[] reversed) {
        this.source = source;
        this.display = display;
        this.displayToSource = displayToSource;
        this.oblique = oblique;
        this.sourceAxis = sourceAxis;
        this.reversed = reversed;
    }

    /** The display grid for a volume on {@code source}. */
    public static DisplayGrid of(Geometry source) {
        int[] axisOf = new int[] {-1, -1, -1};
        boolean[] rev = new boolean[3];
        boolean aligned = true;
        for (int a = 0; a < 3 && aligned; a++) {
            double[] d = source.direction(a);
            int w = dominant(d);
            if (Math.abs(Math.abs(d[w]) - 1) > ALIGNED || axisOf[w] >= 0) {
                aligned = false;
            } else {
                axisOf[w] = a;
                rev[w] = d[w] < 0;
            }
        }
        return aligned ? permuted(source, axisOf, rev) : resliced(source);
    }

    private static int dominant(double[] d) {
        int best = 0;
        for (int w = 1; w < 3; w++) {
            if (Math.abs(d[w]) > Math.abs(d[best])) {
                best = w;
            }
        }
        return best;
    }

    private static DisplayGrid permuted(Geometry source, int[] axisOf, boolean[] rev) {
        int[] srcDims = source.dims();
        double[] spacing = source.spacing();
        int[] dims = new int[3];
        double[] sp = new double[3];
        double[] corner = new double[3];
        double[][] linear = new double[3][3];
        double[] translation = new double[3];
        for (int w = 0; w < 3; w++) {
            int a = axisOf[w];
            dims[w] = srcDims[a];
            sp[w] = spacing[a];
            linear[a][w] = rev[w] ? -1 : 1;
            translation[a] = rev[w] ? srcDims[a] - 1 : 0;
            corner[a] = translation[a];
        }
        double[] origin = source.toWorld(corner[0], corner[1], corner[2]);
        Geometry display = Geometry.axisAligned(dims[0], dims[1], dims[2], sp, origin);
        return new DisplayGrid(source, display, Affine.of(linear, translation), false, axisOf, rev);
    }

    private static DisplayGrid resliced(Geometry source) {
        double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int c = 0; c < 8; c++) {
            double[] p = source.toWorld((c & 1) == 0 ? 0 : source.nx() - 1, (c & 2) == 0 ? 0 : source.ny() - 1,
                    (c & 4) == 0 ? 0 : source.nz() - 1);
            for (int w = 0; w < 3; w++) {
                min[w] = Math.min(min[w], p[w]);
                max[w] = Math.max(max[w], p[w]);
            }
        }
        double[] spacing = source.spacing();
        double[] sp = new double[3];
        int[] dims = new int[3];
        for (int w = 0; w < 3; w++) {
            // The spacing of the voxel axis closest to this patient axis keeps the acquisition's resolution.
            int best = 0;
            for (int a = 1; a < 3; a++) {
                if (Math.abs(source.direction(a)[w]) > Math.abs(source.direction(best)[w])) {
                    best = a;
                }
            }
            sp[w] = spacing[best];
            dims[w] = Math.max(1, (int) Math.floor((max[w] - min[w]) / sp[w] + 1e-6) + 1);
        }
        Geometry display = Geometry.axisAligned(dims[0], dims[1], dims[2], sp, min);
        Affine toSource = source.voxelToLps().inverse().multiply(display.voxelToLps());
        return new DisplayGrid(source, display, toSource, true, null, null);
    }

    /** The source volume's grid. */
    public Geometry source() {
        return source;
    }

    /** The patient-aligned display grid (LPS axes, display spacing). */
    public Geometry display() {
        return display;
    }

    /** Whether the source is oblique, so the views show it resliced by nearest neighbour. */
    public boolean oblique() {
        return oblique;
    }

    /** Display dimension along patient axis {@code w}. */
    public int size(int w) {
        return display.dims()[w];
    }

    /** Display spacing (mm) along patient axis {@code w}. */
    public double spacing(int w) {
        return display.spacing()[w];
    }

    /** The map from display index to continuous source index. */
    public Affine displayToSource() {
        return displayToSource;
    }

    /**
     * For an exact (non-oblique) grid: the source voxel axis that runs along patient axis {@code w}, and whether
     * it runs backwards. Undefined for an oblique grid.
     */
    int sourceAxis(int w) {
        return sourceAxis[w];
    }

    boolean reversed(int w) {
        return reversed[w];
    }

    /** The source voxel (i, j, k) nearest to display index p, or null outside the source. */
    public int[] sourceVoxel(int px, int py, int pz) {
        double[] s = displayToSource.apply(px, py, pz);
        int i = (int) Math.floor(s[0] + 0.5);
        int j = (int) Math.floor(s[1] + 0.5);
        int k = (int) Math.floor(s[2] + 0.5);
        return source.contains(i, j, k) ? new int[] {i, j, k} : null;
    }

    /** Linear source index of the voxel nearest to display index p, or -1 outside the source. */
    public int sourceIndex(int px, int py, int pz) {
        int[] v = sourceVoxel(px, py, pz);
        return v == null ? -1 : v[0] + source.nx() * (v[1] + source.ny() * v[2]);
    }

    /** World position (LPS, mm) of display index p. */
    public double[] world(int px, int py, int pz) {
        return display.toWorld(px, py, pz);
    }
}
