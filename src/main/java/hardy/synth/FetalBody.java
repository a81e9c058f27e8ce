package hardy.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fetal body below the head, in the brain frame of {@link FetalAnatomy} (mm; x left, y posterior, z superior):
 * a neck leaving the skull base, bent forward or back and to the side, an ovoid trunk with a darker body wall,
 * a segmented spine along its back, lungs, liver, a fluid-filled stomach and bladder, and flexed arms and legs
 * with a bone core. Everything here is background in the labels; it is there so a model learns that a bright,
 * round, fluid-filled structure next to the brain is not brain.
 */
final class FetalBody {

    private record Capsule(double[] a, double[] b, double radius, int tissue) {
    }

    /** An organ: an ellipsoid in trunk coordinates (along, left, posterior), mm. */
    private record Organ(double[] centre, double[] radii, int tissue) {
    }

    private final double[] neckStart;
    private final double[] neckAxis;    // unit
    private final double neckLength;
    private final double neckRadius;
    private final double[] neckBack;    // unit, posterior and perpendicular to the neck
    private final double[] centre;      // trunk centre
    private final double[][] frame;     // trunk axes: along (towards the rump), left, posterior
    private final double[] trunk;       // trunk semi-axes in that frame
    private final double wall;
    private final double segment;       // vertebra length
    private final List<Organ> organs = new ArrayList<>();
    private final List<Capsule> limbs = new ArrayList<>();
    private final double reach2;        // squared radius of a sphere around the trunk's centre holding it all

    /**
     * Draws a body to fit a head.
     *
     * @param skull semi-axes of the skull's inner surface
     * @param half  half the skull's inner length, the body's scale
     */
    FetalBody(SplittableRandom rng, double[] skull, double half) {
        neckStart = new double[] {0, 0.25 * skull[1], -0.5 * skull[2]};
        // down and a little back, then flexed (chin to chest, the usual fetal posture) or extended, and bent to
        // one side
        double[] down = Vectors.normalise(new double[] {0, 0.3, -1});
        neckAxis = Vectors.rotateY(Vectors.rotateX(down, Math.toRadians(uniform(rng, -45, 25))),
                Math.toRadians(uniform(rng, -20, 20)));
        // from inside the skull base: about 0.4 skull heights to leave the head, then a short fetal neck
        neckLength = 0.45 * skull[2] + 0.2 * half * uniform(rng, 0.5, 1.5);
        neckRadius = 0.5 * skull[0] * uniform(rng, 0.9, 1.1);
        neckBack = Vectors.perpendicular(new double[] {0, 1, 0}, neckAxis);
        double[] along = Vectors.rotateY(Vectors.rotateX(neckAxis, Math.toRadians(uniform(rng, -25, 25))),
                Math.toRadians(uniform(rng, -15, 15)));
        double[] back = Vectors.perpendicular(new double[] {0, 1, 0}, along);
        frame = new double[][] {along, Vectors.cross(along, back), back};
        trunk = new double[] {half * uniform(rng, 1.0, 1.3), 0, 0};
        trunk[1] = skull[0] * uniform(rng, 0.85, 1.05);
        trunk[2] = trunk[1] * uniform(rng, 0.8, 0.95);
        double[] neckEnd = Vectors.add(neckStart, neckAxis, neckLength);
        centre = Vectors.add(neckEnd, along, 0.7 * trunk[0]);
        wall = uniform(rng, 1.5, 3.5);
        segment = 2 * trunk[0] / 17;   // 12 thoracic and 5 lumbar vertebrae
        organ(rng, new double[] {-0.02, 0.45, -0.1}, new double[] {0.13, 0.22, 0.3}, Tissue.BODY_FLUID); // stomach
        organ(rng, new double[] {0.78, 0, -0.35}, new double[] {0.12, 0.25, 0.3}, Tissue.BODY_FLUID);    // bladder
        organ(rng, new double[] {-0.45, 0.45, 0.05}, new double[] {0.3, 0.38, 0.6}, Tissue.LUNG);
        organ(rng, new double[] {-0.45, -0.45, 0.05}, new double[] {0.3, 0.38, 0.6}, Tissue.LUNG);
        organ(rng, new double[] {0, -0.25, -0.1}, new double[] {0.25, 0.6, 0.65}, Tissue.LIVER);
        for (int side = -1; side <= 1; side += 2) {
            limb(rng, trunkPoint(-0.7, 0.85 * side, -0.1), new double[] {-0.5, 0.5 * side, -0.8}, 0.9 * half,
                    0.3 * neckRadius);
            limb(rng, trunkPoint(0.85, 0.6 * side, 0), new double[] {-0.4, 0.3 * side, -1}, 1.1 * half,
                    0.4 * neckRadius);
        }
        double reach = trunk[0];
        for (double[] p : new double[][] {neckStart, neckEnd}) {
            reach = Math.max(reach, distance(p, centre) + neckRadius);
        }
        for (Capsule limb : limbs) {
            reach = Math.max(reach, Math.max(distance(limb.a(), centre), distance(limb.b(), centre)) + limb.radius());
        }
        reach2 = reach * reach;
    }

    private static double distance(double[] p, double[] q) {
        double[] d = Vectors.add(p, q, -1);
        return Math.sqrt(Vectors.dot(d, d));
    }

    private void organ(SplittableRandom rng, double[] c, double[] r, int tissue) {
        double s = uniform(rng, 0.7, 1.3);
        double[] mm = new double[3];
        double[] radii = new double[3];
        for (int a = 0; a < 3; a++) {
            mm[a] = (c[a] + uniform(rng, -0.05, 0.05)) * trunk[a];
            radii[a] = r[a] * s * uniform(rng, 0.85, 1.15) * trunk[a];
        }
        organs.add(new Organ(mm, radii, tissue));
    }

    /** A point of the trunk from fractions of its semi-axes, in the brain frame. */
    private double[] trunkPoint(double along, double left, double back) {
        double[] p = Vectors.add(centre, frame[0], along * trunk[0]);
        return Vectors.add(Vectors.add(p, frame[1], left * trunk[1]), frame[2], back * trunk[2]);
    }

    /** A limb of two segments (upper and lower) folded at a random angle; each limb is missing now and then. */
    private void limb(SplittableRandom rng, double[] root, double[] direction, double length, double radius) {
        boolean present = rng.nextDouble() < 0.8;
        double[] d = new double[3];
        for (int a = 0; a < 3; a++) {
            d = Vectors.add(d, frame[a], direction[a] + uniform(rng, -0.5, 0.5));
        }
        d = Vectors.normalise(d);
        double[] joint = Vectors.add(root, d, 0.5 * length);
        double[] fold = Vectors.normalise(Vectors.add(Vectors.scale(d, -0.3), SphereField.randomUnit(rng), 1));
        double[] end = Vectors.add(joint, fold, 0.5 * length);
        if (present) {
            limbs.add(new Capsule(root, joint, radius, Tissue.BODY_WALL));
            limbs.add(new Capsule(joint, end, radius * 0.8, Tissue.BODY_WALL));
        }
    }

    /** The body tissue at a point of the brain frame, or -1 outside the body. */
    int tissueAt(double x, double y, double z) {
        double dx = x - centre[0];
        double dy = y - centre[1];
        double dz = z - centre[2];
        if (dx * dx + dy * dy + dz * dz > reach2) {
            return -1;
        }
        double a = dx * frame[0][0] + dy * frame[0][1] + dz * frame[0][2];
        double b = dx * frame[1][0] + dy * frame[1][1] + dz * frame[1][2];
        double c = dx * frame[2][0] + dy * frame[2][1] + dz * frame[2][2];
        double rho = Math.sqrt(sq(a / trunk[0]) + sq(b / trunk[1]) + sq(c / trunk[2]));
        if (rho < 1) {
            return trunkTissue(a, b, c, rho);
        }
        int neck = neckTissue(x, y, z);
        if (neck >= 0) {
            return neck;
        }
        for (Capsule limb : limbs) {
            double d = Vectors.distanceToSegment(x, y, z, limb.a(), limb.b());
            if (d < limb.radius()) {
                return d < 0.35 * limb.radius() ? Tissue.SPINE : limb.tissue();
            }
        }
        return -1;
    }

    private int trunkTissue(double a, double b, double c, double rho) {
        double depth = (1 - rho) * Math.sqrt(a * a + b * b + c * c) / Math.max(rho, 1e-9);
        if (depth < wall) {
            return Tissue.BODY_WALL;
        }
        double spineRadius = 0.12 * trunk[1];
        if (sq(b) + sq(c - 0.62 * trunk[2]) < sq(spineRadius) && a > -trunk[0] && a < 0.85 * trunk[0]) {
            // vertebral bodies, dark on T2, with brighter discs between them
            return Math.cos(2 * Math.PI * a / segment) > 0.75 ? Tissue.BODY : Tissue.SPINE;
        }
        for (Organ o : organs) {
            double[] m = o.centre();
            double[] r = o.radii();
            if (sq((a - m[0]) / r[0]) + sq((b - m[1]) / r[1]) + sq((c - m[2]) / r[2]) < 1) {
                return o.tissue();
            }
        }
        return Tissue.BODY;
    }

    private int neckTissue(double x, double y, double z) {
        double px = x - neckStart[0];
        double py = y - neckStart[1];
        double pz = z - neckStart[2];
        double s = px * neckAxis[0] + py * neckAxis[1] + pz * neckAxis[2];
        if (s < 0 || s > neckLength) {
            return -1;
        }
        double qx = px - s * neckAxis[0];
        double qy = py - s * neckAxis[1];
        double qz = pz - s * neckAxis[2];
        double r2 = qx * qx + qy * qy + qz * qz;
        if (r2 >= sq(neckRadius)) {
            return -1;
        }
        if (Math.sqrt(r2) > neckRadius - wall) {
            return Tissue.BODY_WALL;
        }
        double back = qx * neckBack[0] + qy * neckBack[1] + qz * neckBack[2];
        // the cervical spine: a column behind the neck's axis
        if (r2 - 2 * back * 0.3 * neckRadius + sq(0.3 * neckRadius) < sq(0.25 * neckRadius)) {
            return Math.cos(2 * Math.PI * s / (0.7 * segment)) > 0.75 ? Tissue.BODY : Tissue.SPINE;
        }
        return Tissue.BODY;
    }

    private static double uniform(SplittableRandom rng, double min, double max) {
        return min + (max - min) * rng.nextDouble();
    }

    private static double sq(double v) {
        return v * v;
    }
}
