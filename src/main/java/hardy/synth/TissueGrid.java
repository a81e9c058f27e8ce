package hardy.synth;

import hardy.core.Cancellation;
import hardy.volume.FetalLabels;

/** Rasterises a case's tissues on its grid: the head where it is, its surroundings (if any) everywhere else. */
final class TissueGrid {

    private TissueGrid() {
    }

    /**
     * The tissue of every voxel of an n³ grid of {@code spacing} mm in RAS order (i to the patient's right, j
     * anterior, k superior) centred on world 0; checks {@code cancel} once per slice.
     *
     * @param around   the surroundings, or {@code null} for a bare head in empty background
     * @param radius   the head's largest distance from its centre (mm): surroundings alone lie beyond it
     * @param rotation the head's rotation: world = rotation × brain frame + head
     * @param head     the head's centre, mm (LPS)
     */
    static byte[] rasterise(FetalAnatomy anatomy, Surroundings around, double radius, int n, double spacing,
                            double[][] rotation, double[] head, Cancellation cancel) {
        double[][] r = rotation;
        double s = spacing;
        double c = (n - 1) / 2.0 * s;
        double outside = radius * radius;
        byte[] tissue = new byte[n * n * n];
        int v = 0;
        for (int k = 0; k < n; k++) {
            cancel.check();
            double wz = -c + s * k - head[2];
            for (int j = 0; j < n; j++) {
                double wy = c - s * j - head[1];
                for (int i = 0; i < n; i++, v++) {
                    double wx = c - s * i - head[0];
                    // brain frame = R^T (world - head)
                    double bx = r[0][0] * wx + r[1][0] * wy + r[2][0] * wz;
                    double by = r[0][1] * wx + r[1][1] * wy + r[2][1] * wz;
                    double bz = r[0][2] * wx + r[1][2] * wy + r[2][2] * wz;
                    int t;
                    if (around != null && bx * bx + by * by + bz * bz > outside) {
                        // most of a wide field of view: skip the head's deformation fields
                        t = around.tissueAt(wx, wy, wz, bx, by, bz);
                    } else {
                        t = anatomy.tissueAt(bx, by, bz);
                        // the thin fluid shell around a bare head gives way to whatever surrounds it
                        if (around != null && (t == FetalLabels.BACKGROUND || t == Tissue.FLUID)) {
                            t = around.tissueAt(wx, wy, wz, bx, by, bz);
                        }
                    }
                    tissue[v] = (byte) t;
                }
            }
        }
        return tissue;
    }
}
