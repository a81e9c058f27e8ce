package hardy.synth;

import java.util.SplittableRandom;

/**
 * What lies around a fetal head in a real scan, all background in the labels: amniotic fluid filling the uterine
 * cavity, the uterine wall (a shell a few mm to 10 mm thick), the placenta (a thick lens on the wall), the fetal
 * body ({@link FetalBody}), the mother's tissue outside the uterus (fat and muscle in smooth random blobs), and
 * air beyond her abdominal wall. The uterus is a random ellipsoid placed so that its wall, or the placenta on it,
 * passes at a random gap beside the head: often a few mm, sometimes several cm.
 *
 * <p>Positions are world millimetres relative to the head's centre (LPS, unrotated); the body is drawn in the
 * brain frame so it stays attached to the head whatever its pose.
 */
final class Surroundings {

    private final double[] centre;      // of the uterine cavity
    private final double[][] axes;      // rows: the cavity's axes in the world
    private final double[] semi;        // its semi-axes
    private final double wall;
    private final SmoothField wallField;
    private final double[] placenta;    // unit normal of the wall at the placenta's centre, in the cavity's frame
    private final double placentaCos;   // cosine of its angular radius
    private final double placentaAngle;
    private final double placentaThickness;
    private final SmoothField placentaField;
    private final double[] skin;        // unit normal of the mother's abdominal skin, world
    private final double skinDistance;
    private final double fatBand;
    private final SmoothField coarse;
    private final SmoothField fine;
    private final FetalBody body;

    /**
     * Draws surroundings for a head.
     *
     * @param rotation  the head's rotation: world = rotation × brain frame
     * @param fieldHalf half the side of the cube (around the head's centre) that the image covers, mm
     */
    Surroundings(SplittableRandom rng, FetalAnatomy anatomy, HeadHull hull, double[][] rotation,
                 double gestationalAge, double fieldHalf) {
        double m = Math.max(0, Math.min(1, (gestationalAge - 20) / 15));
        double[] towardsWall = SphereField.randomUnit(rng);
        double size = (70 + 60 * m) * uniform(rng, 0.9, 1.15);
        double least = 1.2 * anatomy.extent();
        semi = new double[] {Math.max(least, size), Math.max(least, size * uniform(rng, 0.75, 1)),
                Math.max(least, size * uniform(rng, 0.6, 0.85))};
        axes = Vectors.frame(SphereField.randomUnit(rng), SphereField.randomUnit(rng));
        wall = uniform(rng, 3, 10);
        // the placenta sits more often on the head's side, where it shows in the field of view
        double[] towardsPlacenta = Vectors.normalise(Vectors.add(towardsWall, SphereField.randomUnit(rng), 1.3));
        placenta = inCavity(towardsPlacenta);
        placentaAngle = uniform(rng, 0.45, 0.8);
        placentaCos = Math.cos(placentaAngle);
        placentaThickness = (15 + 20 * m) * uniform(rng, 0.8, 1.25);
        // the inner surface passes the head at a gap, beyond the placenta if it lies there
        double gap = 40 * Math.pow(rng.nextDouble(), 2);
        double reach = hull.support(
                Vectors.dot(column(rotation, 0), towardsWall), Vectors.dot(column(rotation, 1), towardsWall),
                Vectors.dot(column(rotation, 2), towardsWall));
        double[] near = Vectors.scale(towardsWall, reach + gap + 1.3 * placentaAt(inCavity(towardsWall)));
        // the cavity's surface point whose outward normal is towardsWall: E² n / |E n| in the cavity's frame
        double[] n = inCavity(towardsWall);
        double norm = Math.sqrt(sq(semi[0] * n[0]) + sq(semi[1] * n[1]) + sq(semi[2] * n[2]));
        double[] c = near;
        for (int a = 0; a < 3; a++) {
            c = Vectors.add(c, axes[a], -sq(semi[a]) * n[a] / norm);
        }
        centre = c;
        skin = Vectors.normalise(Vectors.add(towardsWall, SphereField.randomUnit(rng), 0.6));
        double[] s = inCavity(skin);
        skinDistance = Vectors.dot(centre, skin) + Math.sqrt(sq(semi[0] * s[0]) + sq(semi[1] * s[1])
                + sq(semi[2] * s[2])) + wall + uniform(rng, 15, 70);
        fatBand = uniform(rng, 5, 20);
        wallField = new SmoothField(rng.split(), fieldHalf, 60, 6);
        placentaField = new SmoothField(rng.split(), fieldHalf, 40, 6);
        coarse = new SmoothField(rng.split(), fieldHalf, 50, 6);
        fine = new SmoothField(rng.split(), fieldHalf, 20, 6);
        body = new FetalBody(rng.split(), anatomy.skullAxes(), anatomy.skullAxes()[1]);
    }

    /**
     * The tissue at a point that the head leaves empty.
     *
     * @param x world position relative to the head's centre, mm (also y, z)
     * @param bx the same point in the brain frame (also by, bz)
     */
    int tissueAt(double x, double y, double z, double bx, double by, double bz) {
        double px = x - centre[0];
        double py = y - centre[1];
        double pz = z - centre[2];
        double q0 = px * axes[0][0] + py * axes[0][1] + pz * axes[0][2];
        double q1 = px * axes[1][0] + py * axes[1][1] + pz * axes[1][2];
        double q2 = px * axes[2][0] + py * axes[2][1] + pz * axes[2][2];
        double level = Math.sqrt(sq(q0 / semi[0]) + sq(q1 / semi[1]) + sq(q2 / semi[2]));
        double radius = Math.sqrt(q0 * q0 + q1 * q1 + q2 * q2);
        if (level >= 1) {
            double beyond = (level - 1) * radius / level;
            if (beyond < wall * (1 + 0.35 * wallField.at(x, y, z))) {
                return Tissue.UTERINE_WALL;
            }
            return maternal(x, y, z);
        }
        double depth = (1 - level) * radius / Math.max(level, 1e-9);
        if (depth < 1.3 * placentaThickness) {
            // the angle between the wall's normal here and the placenta's centre
            double n0 = q0 / sq(semi[0]);
            double n1 = q1 / sq(semi[1]);
            double n2 = q2 / sq(semi[2]);
            double cos = (n0 * placenta[0] + n1 * placenta[1] + n2 * placenta[2]) / Math.sqrt(n0 * n0 + n1 * n1
                    + n2 * n2);
            if (cos > placentaCos && depth < placentaAt(cos) * (1 + 0.25 * placentaField.at(x, y, z))) {
                return Tissue.PLACENTA;
            }
        }
        int fetus = body.tissueAt(bx, by, bz);
        return fetus >= 0 ? fetus : Tissue.FLUID;
    }

    private int maternal(double x, double y, double z) {
        double out = x * skin[0] + y * skin[1] + z * skin[2];
        if (out > skinDistance) {
            return Tissue.AIR;
        }
        if (out > skinDistance - fatBand) {
            return Tissue.MATERNAL_FAT;     // subcutaneous fat under the skin
        }
        double g = coarse.at(x, y, z) + 0.6 * fine.at(x, y, z);
        if (g > 0.8) {
            return Tissue.MATERNAL_FAT;
        }
        return g < -0.9 ? Tissue.MATERNAL_MUSCLE : Tissue.MATERNAL;
    }

    /** Placenta thickness at a wall point whose normal (cavity frame, unit) is {@code n}; 0 off the placenta. */
    private double placentaAt(double[] n) {
        return placentaAt(Vectors.dot(n, placenta));
    }

    /** Thickness where the normal makes an angle of cosine {@code cos} with the placenta's centre: a lens. */
    private double placentaAt(double cos) {
        double angle = Math.acos(Math.max(-1, Math.min(1, cos)));
        return angle < placentaAngle ? placentaThickness * (1 - sq(angle / placentaAngle)) : 0;
    }

    /** A world direction in the cavity's frame. */
    private double[] inCavity(double[] world) {
        return new double[] {Vectors.dot(axes[0], world), Vectors.dot(axes[1], world), Vectors.dot(axes[2], world)};
    }

    private static double[] column(double[][] m, int j) {
        return new double[] {m[0][j], m[1][j], m[2][j]};
    }

    private static double uniform(SplittableRandom rng, double min, double max) {
        return min + (max - min) * rng.nextDouble();
    }

    private static double sq(double v) {
        return v * v;
    }
}
