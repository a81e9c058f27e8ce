package hardy.synth;

import hardy.volume.FetalLabels;

/**
 * How far a drawn head (brain, skull and scalp; not the fluid around it) reaches in each direction of its brain
 * frame, measured on the head itself: along a few thousand rays from the centre, the outermost point of the head,
 * found by stepping in from a bound that cannot be exceeded. The analytic bound alone overestimates a large
 * head's width by 20 mm, which would waste a fifth of every field of view.
 */
final class HeadHull {

    private static final int RAYS = 2000;
    /** Covers the gaps between rays and the stepping's resolution. */
    private static final double SLACK_MM = 1.5;

    private final double[][] surface = new double[RAYS][];

    HeadHull(FetalAnatomy anatomy) {
        // a Fibonacci lattice: nearly even directions without randomness
        double golden = Math.PI * (3 - Math.sqrt(5));
        for (int r = 0; r < RAYS; r++) {
            double z = 1 - 2 * (r + 0.5) / RAYS;
            double ring = Math.sqrt(1 - z * z);
            double[] u = {ring * Math.cos(golden * r), ring * Math.sin(golden * r), z};
            double bound = anatomy.reachBound(u[0], u[1], u[2]);
            double t = bound;
            while (t > 0 && !inHead(anatomy, u, t)) {
                t -= 1.0;
            }
            // refine between the last point outside and the first inside
            double lo = Math.max(0, t);
            double hi = Math.min(bound, t + 1.0);
            for (int i = 0; i < 6; i++) {
                double mid = (lo + hi) / 2;
                if (inHead(anatomy, u, mid)) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            surface[r] = Vectors.scale(u, hi);
        }
    }

    private static boolean inHead(FetalAnatomy anatomy, double[] u, double t) {
        int tissue = anatomy.tissueAt(u[0] * t, u[1] * t, u[2] * t);
        return tissue != FetalLabels.BACKGROUND && tissue != Tissue.FLUID;
    }

    /** The head's largest distance from the brain frame's origin, mm (slightly more): nothing of it lies beyond. */
    double radius() {
        double max = 0;
        for (double[] p : surface) {
            max = Math.max(max, Math.sqrt(Vectors.dot(p, p)));
        }
        return max + SLACK_MM;
    }

    /** How far the head reaches from the brain frame's origin along a unit direction, mm (slightly more). */
    double support(double dx, double dy, double dz) {
        double max = 0;
        for (double[] p : surface) {
            max = Math.max(max, p[0] * dx + p[1] * dy + p[2] * dz);
        }
        return max + SLACK_MM;
    }
}
