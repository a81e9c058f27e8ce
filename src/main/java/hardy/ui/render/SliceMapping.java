package hardy.ui.render;

import hardy.volume.Geometry;

/**
 * One slice of a {@link DisplayGrid} as a screen raster: for every screen pixel (u right, v down) the linear
 * index of the source voxel it shows, or -1 where the slice lies outside the source. Computed once per slice
 * position and reused for every redraw (window/level, overlay and editing changes only re-read voxels).
 */
public final class SliceMapping {

    private final DisplayGrid grid;
    private final Plane plane;
    private final int slice;
    private final boolean radiological;
    private final int width;
    private final int height;
    private final int[] sourceIndex;

    /**
     * Maps slice {@code slice} (display index along the plane's normal, clamped into the grid) of the plane.
     */
    public SliceMapping(DisplayGrid grid, Plane plane, int slice, boolean radiological) {
        this.grid = grid;
        this.plane = plane;
        this.slice = Math.clamp(slice, 0, grid.size(plane.normalAxis()) - 1);
        this.radiological = radiological;
        this.width = grid.size(plane.horizontalAxis());
        this.height = grid.size(plane.verticalAxis());
        this.sourceIndex = new int[width * height];
        if (grid.oblique()) {
            fillResliced();
        } else {
            fillPermuted();
        }
    }

    public Plane plane() {
        return plane;
    }

    public int slice() {
        return slice;
    }

    public boolean radiological() {
        return radiological;
    }

    public DisplayGrid grid() {
        return grid;
    }

    /** Pixels across. */
    public int width() {
        return width;
    }

    /** Pixels down. */
    public int height() {
        return height;
    }

    /** Millimetres per pixel across. */
    public double pixelWidthMm() {
        return grid.spacing(plane.horizontalAxis());
    }

    /** Millimetres per pixel down. */
    public double pixelHeightMm() {
        return grid.spacing(plane.verticalAxis());
    }

    /** Source voxel linear index per pixel, row by row; -1 outside. Shared, do not modify. */
    public int[] sourceIndices() {
        return sourceIndex;
    }

    /** The display index (patient-aligned grid) shown at screen pixel (u, v). */
    public int[] displayIndex(int u, int v) {
        int[] p = new int[3];
        p[plane.normalAxis()] = slice;
        p[plane.horizontalAxis()] = plane.horizontalFlipped(radiological) ? width - 1 - u : u;
        p[plane.verticalAxis()] = plane.verticalFlipped() ? height - 1 - v : v;
        return p;
    }

    /** The screen pixel (u, v) that shows display index p (its in-plane components). */
    public int[] screenPixel(int[] p) {
        int h = p[plane.horizontalAxis()];
        int v = p[plane.verticalAxis()];
        return new int[] {plane.horizontalFlipped(radiological) ? width - 1 - h : h,
            plane.verticalFlipped() ? height - 1 - v : v};
    }

    /**
     * Source strides: each display axis is one source axis, so a pixel's index is a start plus integer steps.
     * Exact, and as cheap as a memory copy.
     */
    private void fillPermuted() {
        Geometry src = grid.source();
        int[] stride = {1, src.nx(), src.nx() * src.ny()};
        int[] origin = displayIndex(0, 0);
        int start = grid.sourceIndex(origin[0], origin[1], origin[2]);
        int hAxis = plane.horizontalAxis();
        int vAxis = plane.verticalAxis();
        int du = step(hAxis, plane.horizontalFlipped(radiological), stride);
        int dv = step(vAxis, plane.verticalFlipped(), stride);
        int n = 0;
        for (int v = 0; v < height; v++) {
            int idx = start + v * dv;
            for (int u = 0; u < width; u++, idx += du) {
                sourceIndex[n++] = idx;
            }
        }
    }

    private int step(int axis, boolean screenFlipped, int[] stride) {
        int s = stride[grid.sourceAxis(axis)];
        boolean backwards = grid.reversed(axis) ^ screenFlipped;
        return backwards ? -s : s;
    }

    /** Nearest source voxel per pixel, stepping through the continuous source index incrementally. */
    private void fillResliced() {
        Geometry src = grid.source();
        int nx = src.nx();
        int ny = src.ny();
        int nz = src.nz();
        int[] p0 = displayIndex(0, 0);
        double[] origin = grid.displayToSource().apply(p0[0], p0[1], p0[2]);
        int[] pu = displayIndex(1, 0);
        int[] pv = displayIndex(0, 1);
        double[] du = diff(grid.displayToSource().apply(pu[0], pu[1], pu[2]), origin);
        double[] dv = diff(grid.displayToSource().apply(pv[0], pv[1], pv[2]), origin);
        int n = 0;
        for (int v = 0; v < height; v++) {
            double x = origin[0] + v * dv[0];
            double y = origin[1] + v * dv[1];
            double z = origin[2] + v * dv[2];
            for (int u = 0; u < width; u++, x += du[0], y += du[1], z += du[2]) {
                int i = (int) Math.floor(x + 0.5);
                int j = (int) Math.floor(y + 0.5);
                int k = (int) Math.floor(z + 0.5);
                boolean inside = i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz;
                sourceIndex[n++] = inside ? i + nx * (j + ny * k) : -1;
            }
        }
    }

    private static double[] diff(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }
}
