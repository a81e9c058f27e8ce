package hardy.synth;

import hardy.volume.FetalLabels;

/**
 * The biometry a phantom was drawn with, measured on the drawn anatomy itself ({@link FetalAnatomy#tissueAt},
 * continuous, in the brain frame, deformation included) rather than read off the shape parameters, which the
 * smooth deformation stretches by up to some 20 %. They are the reference an automatic measurement on the
 * labels is checked against, so each is defined as a radiologist measures it (docs/biometry.md):
 *
 * @param bpdMm         brain biparietal diameter: the widest left-right chord of the cerebrum (grey and white
 *                      matter, ventricles, deep grey matter)
 * @param tcdMm         transverse cerebellar diameter: the widest left-right chord of the cerebellum
 * @param atrialLeftMm  left atrial diameter: the chord of the left lateral ventricle through its atrium (the centre
 *                      line where the body turns down into the temporal horn), on the axial plane, perpendicular to
 *                      the ventricle's long axis (from the frontal horn's tip to the atrium)
 * @param atrialRightMm the same on the right
 */
public record DesignBiometry(double bpdMm, double tcdMm, double atrialLeftMm, double atrialRightMm) {

    /** The atrial diameter from which a ventricle counts as enlarged (ventriculomegaly), mm. */
    public static final double VENTRICULOMEGALY_MM = 10;

    /** The larger of the two atrial diameters, mm. */
    public double atrialMaxMm() {
        return Math.max(atrialLeftMm, atrialRightMm);
    }

    /** Measures a drawn brain. */
    static DesignBiometry of(FetalAnatomy a) {
        double[] skull = a.skullAxes();
        double[] cb = a.cerebellumCentre();
        double tcd = a.cerebellarDiameter();
        double bpd = widest(a, Part.CEREBRUM, -skull[1], skull[1], -skull[2], skull[2], skull[0] + 8);
        double reach = 0.6 * tcd + 6;
        double transverse = widest(a, Part.CEREBELLUM, cb[0] - reach, cb[0] + reach, cb[1] - reach, cb[1] + reach,
                skull[0] + 8);
        return new DesignBiometry(bpd, transverse, atrium(a, 1), atrium(a, -1));
    }

    private enum Part {
        CEREBRUM, CEREBELLUM, VENTRICLES;

        boolean has(int tissue) {
            if (this == VENTRICLES) {
                return tissue == FetalLabels.VENTRICLES;
            }
            return this == CEREBELLUM ? tissue == FetalLabels.CEREBELLUM
                    : tissue == FetalLabels.GREY_MATTER || tissue == FetalLabels.WHITE_MATTER
                    || tissue == FetalLabels.VENTRICLES || tissue == FetalLabels.DEEP_GREY || tissue == Tissue.GERMINAL;
        }
    }

    /** The longest left-right chord of a part over lines (y, z) in the box: 2 mm grid, refined twice. */
    private static double widest(FetalAnatomy a, Part part, double y0, double y1, double z0, double z1, double x) {
        double best = 0;
        double by = 0;
        double bz = 0;
        for (double step : new double[] {2, 0.5, 0.125}) {
            for (double y = y0; y <= y1 + 1e-9; y += step) {
                for (double z = z0; z <= z1 + 1e-9; z += step) {
                    double w = chordX(a, part, y, z, x);
                    if (w > best) {
                        best = w;
                        by = y;
                        bz = z;
                    }
                }
            }
            y0 = by - step;
            y1 = by + step;
            z0 = bz - step;
            z1 = bz + step;
        }
        return best;
    }

    /** From the first to the last point of the part along the line (., y, z), |x| up to {@code reach}; 0 if none. */
    private static double chordX(FetalAnatomy a, Part part, double y, double z, double reach) {
        double right = Double.NaN;
        for (double x = -reach; x <= reach; x += 0.5) {
            if (part.has(a.tissueAt(x, y, z))) {
                right = edge(a, part, new double[] {x - 0.5, y, z}, new double[] {x, y, z});
                break;
            }
        }
        if (Double.isNaN(right)) {
            return 0;
        }
        for (double x = reach; x >= -reach; x -= 0.5) {
            if (part.has(a.tissueAt(x, y, z))) {
                return edge(a, part, new double[] {x + 0.5, y, z}, new double[] {x, y, z}) - right;
            }
        }
        return 0;
    }

    /** Bisects between a point outside the part and one inside; returns the x of the boundary. */
    private static double edge(FetalAnatomy a, Part part, double[] out, double[] in) {
        return boundary(a, part, out, in)[0];
    }

    private static double[] boundary(FetalAnatomy a, Part part, double[] out, double[] in) {
        double[] o = out.clone();
        double[] i = in.clone();
        for (int it = 0; it < 30; it++) {
            double[] m = {(o[0] + i[0]) / 2, (o[1] + i[1]) / 2, (o[2] + i[2]) / 2};
            if (part.has(a.tissueAt(m[0], m[1], m[2]))) {
                i = m;
            } else {
                o = m;
            }
        }
        return i;
    }

    /** The chord through the drawn atrium, see the record's description. */
    private static double atrium(FetalAnatomy a, int side) {
        double[] centre = a.ventricleCentre(Math.PI, side);
        double[] front = a.ventricleCentre(0.25, side);
        double ux = centre[0] - front[0];
        double uy = centre[1] - front[1];
        double norm = Math.hypot(ux, uy);
        double[] across = {-uy / norm, ux / norm, 0};
        return reach(a, centre, across) + reach(a, centre, new double[] {-across[0], -across[1], 0});
    }

    /** How far the ventricle reaches from a point inside it along a unit direction, mm. */
    private static double reach(FetalAnatomy a, double[] from, double[] dir) {
        for (double t = 0.05; t < 40; t += 0.05) {
            double[] p = {from[0] + t * dir[0], from[1] + t * dir[1], from[2] + t * dir[2]};
            if (!Part.VENTRICLES.has(a.tissueAt(p[0], p[1], p[2]))) {
                double[] q = {p[0] - 0.05 * dir[0], p[1] - 0.05 * dir[1], p[2] - 0.05 * dir[2]};
                double[] b = boundary(a, Part.VENTRICLES, p, q);
                return t - 0.05 + Math.sqrt(sq(b[0] - q[0]) + sq(b[1] - q[1]) + sq(b[2] - q[2]));
            }
        }
        return 40;
    }

    private static double sq(double v) {
        return v * v;
    }
}
