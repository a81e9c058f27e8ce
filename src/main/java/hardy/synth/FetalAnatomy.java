package hardy.synth;

import static hardy.synth.LateralVentricles.smoothstep;

import hardy.volume.FetalLabels;
import java.util.SplittableRandom;

/**
 * A random fetal brain as implicit shapes in a brain frame (millimetres, origin at the centre of the skull's inner
 * surface; x left, y posterior, z superior, as LPS). {@link #tissueAt} answers what lies at a point: the cerebrum
 * is a deformed ellipsoid with a cortical ribbon folded along the zero lines of a random field on the sphere,
 * sulci deepening with gestational age; lateral ventricles, third ventricle, thalami and basal ganglia inside;
 * cerebellum and brainstem in the posterior fossa below a tentorium; extra-axial CSF, skull, scalp and amniotic
 * fluid around. Smooth random displacement fields bend all of it, so no two cases are alike.
 */
final class FetalAnatomy {

    private final double half;          // half the skull's inner length (mm)
    private final double[] skull;       // semi-axes of the skull's inner surface
    private final double[] axes;        // semi-axes of the cerebrum (upper half; the lower half is flatter)
    private final double lowerZ;
    private final double centreZ;       // cerebrum centre above the skull centre
    private final double cortex;        // cortical thickness (mm)
    private final double sulcusDepth;
    private final double sulcusHalfWidth;
    private final double sylvianDepth;
    private final double sylvianHalfWidth;
    private final double fissureHalfWidth;
    private final double callosumTop;
    private final boolean callosum;
    private final double third;         // half width of the third ventricle
    private final double tcd;           // transverse cerebellar diameter
    private final double[] cerebellum;  // centre y, z
    private final double foliaCount;
    private final double foliaDepth;
    private final double[] shell;       // skull, scalp, fluid thickness (mm)
    private final SphereField folds;
    private final SphereField depth;
    private final SphereField bumps;
    private final SmoothField[] warp = new SmoothField[3];
    private final double warpAmplitude;
    private final LateralVentricles ventricles;
    private final double germinal;      // squared outer level of the periventricular zone
    private final double warpBound;     // largest length of the displacement field, in units of warpAmplitude

    /**
     * Draws a brain.
     *
     * @param gestationalAge weeks, 20..35 (values outside are clamped for the shape)
     */
    FetalAnatomy(SplittableRandom rng, double gestationalAge, Subgroup subgroup) {
        double m = Math.max(0, Math.min(1, (gestationalAge - 20) / 15));   // maturity
        half = (30 + 25 * m) * jitter(rng, 0.05);
        skull = new double[] {half * 0.80 * jitter(rng, 0.05), half, half * 0.76 * jitter(rng, 0.05)};
        double csf = (0.10 - 0.05 * m) * (0.7 + 0.7 * rng.nextDouble());
        centreZ = 0.02 * half;
        axes = new double[] {skull[0] * (1 - csf), skull[1] * (1 - csf) - 0.5, skull[2] * (1 - csf) - 0.02 * half};
        lowerZ = axes[2] * (0.86 + 0.04 * rng.nextDouble());
        double scale = half / 40;
        cortex = (1.5 + 0.7 * m) * jitter(rng, 0.12);
        sulcusDepth = 0.26 * half * Math.pow(Math.max(0, (m - 0.1) / 0.9), 1.3) * jitter(rng, 0.15);
        sulcusHalfWidth = 0.55 * jitter(rng, 0.2);
        sylvianDepth = (2.5 + 0.25 * axes[0] * m) * jitter(rng, 0.15);
        sylvianHalfWidth = (4.5 - 3.5 * m) * scale * jitter(rng, 0.15);
        fissureHalfWidth = (1.0 + 0.8 * (1 - m)) * jitter(rng, 0.2);
        callosum = subgroup != Subgroup.AGENESIS_CC;
        callosumTop = axes[2] * (0.30 + 0.04 * rng.nextDouble());
        third = (subgroup == Subgroup.VENTRICULOMEGALY ? 1.6 : 0.7) * scale * jitter(rng, 0.2);
        double smallFossa = subgroup == Subgroup.VENTRICULOMEGALY ? 0.72 + 0.08 * rng.nextDouble() : 1;
        tcd = (gestationalAge * 1.05 + 2) * jitter(rng, 0.07) * smallFossa;
        cerebellum = new double[] {skull[1] * (0.40 + 0.04 * rng.nextDouble()) * (smallFossa < 1 ? 0.95 : 1),
                -skull[2] * (0.50 + 0.04 * rng.nextDouble()) * (smallFossa < 1 ? 1.08 : 1)};
        foliaCount = 7 + 10 * m;
        foliaDepth = 0.01 + 0.06 * m;
        shell = new double[] {(1.2 + 1.3 * m) * jitter(rng, 0.2), (1.5 + 2.0 * rng.nextDouble()),
                1 + 5 * rng.nextDouble()};
        folds = new SphereField(rng.split(), 4.5 + 9 * m, 28, 128);
        depth = new SphereField(rng.split(), 2.5, 12, 48);
        bumps = new SphereField(rng.split(), 2.0, 12, 48);
        for (int a = 0; a < 3; a++) {
            warp[a] = new SmoothField(rng.split(), skull[1] * 1.5, half * 1.6, 10);
        }
        warpAmplitude = 0.05 * half * (0.5 + rng.nextDouble());
        ventricles = new LateralVentricles(rng.split(), axes, scale, m, subgroup);
        germinal = sq(1.6 + 0.4 * rng.nextDouble());
        warpBound = Math.sqrt(sq(warp[0].maxAbs()) + sq(warp[1].maxAbs()) + sq(warp[2].maxAbs()));
    }

    private static double jitter(SplittableRandom rng, double relative) {
        return 1 + relative * (2 * rng.nextDouble() - 1);
    }

    /** Half the largest extent of everything drawn, skull and fluid included (mm). */
    double extent() {
        return skull[1] + shell[0] + shell[1] + shell[2] + warpAmplitude * 2;
    }

    /**
     * An upper bound of how far the head (brain, skull and scalp with their deformation; not the fluid around
     * them) reaches from the frame's origin along a unit direction of the brain frame. {@link HeadHull} measures
     * the true reach below it.
     */
    double reachBound(double dx, double dy, double dz) {
        double ellipsoid = Math.sqrt(sq(skull[0] * dx) + sq(skull[1] * dy) + sq(skull[2] * dz));
        // the skull surface bulges by 0.025 times the bump field, whose 12 waves sum to at most sqrt(24)
        return ellipsoid * (1 + 0.025 * Math.sqrt(24)) + shell[0] + shell[1] + warpAmplitude * warpBound;
    }

    /** Semi-axes of the skull's inner surface (x, y, z), mm. */
    double[] skullAxes() {
        return skull.clone();
    }

    /** The transverse cerebellar diameter the cerebellum was drawn from (mm), before the deformation. */
    double cerebellarDiameter() {
        return tcd;
    }

    /** The centre of the cerebellum in the brain frame (y, z) before the deformation, mm. */
    double[] cerebellumCentre() {
        return cerebellum.clone();
    }

    /**
     * Where a point of a lateral ventricle's centre line ({@link LateralVentricles#centreLine}) ends up in the
     * brain frame after the deformation: the point p with p + warp(p) on the centre line, found by fixed-point
     * iteration (the warp's slope is well below one).
     */
    double[] ventricleCentre(double theta, int side) {
        double[] q = ventricles.centreLine(theta, side);
        q[2] += centreZ;
        double[] p = q.clone();
        for (int it = 0; it < 50; it++) {
            double[] next = {q[0] - warpAmplitude * warp[0].at(p[0], p[1], p[2]),
                    q[1] - warpAmplitude * warp[1].at(p[0], p[1], p[2]),
                    q[2] - warpAmplitude * warp[2].at(p[0], p[1], p[2])};
            double moved = Math.abs(next[0] - p[0]) + Math.abs(next[1] - p[1]) + Math.abs(next[2] - p[2]);
            p = next;
            if (moved < 1e-6) {
                break;
            }
        }
        return p;
    }

    /** The tissue ({@link FetalLabels} value or a {@link Tissue} constant) at a point of the brain frame. */
    int tissueAt(double px, double py, double pz) {
        double x = px + warpAmplitude * warp[0].at(px, py, pz);
        double y = py + warpAmplitude * warp[1].at(px, py, pz);
        double z = pz + warpAmplitude * warp[2].at(px, py, pz);
        // skull and what lies outside it
        double ex = x / skull[0];
        double ey = y / skull[1];
        double ez = z / (z > 0 ? skull[2] : skull[2] * 0.88);
        double re = Math.sqrt(ex * ex + ey * ey + ez * ez);
        if (re > 0.5) {
            double r = re / (1 + 0.025 * bumps.value(ex, ey, ez));
            double beyond = (r - 1) * Math.sqrt(x * x + y * y + z * z) / re;
            if (beyond > 0) {
                if (beyond < shell[0]) {
                    return Tissue.SKULL;
                }
                if (beyond < shell[0] + shell[1]) {
                    return Tissue.SCALP;
                }
                return beyond < shell[0] + shell[1] + shell[2] ? Tissue.FLUID : FetalLabels.BACKGROUND;
            }
        }
        int posterior = posteriorFossa(x, y, z);
        if (posterior >= 0) {
            return posterior;
        }
        return cerebrum(x, y, z - centreZ);
    }

    /** Cerebellum, brainstem or their CSF; -1 when the point is above the tentorium. */
    private int posteriorFossa(double x, double y, double z) {
        double cy = cerebellum[0];
        double cz = cerebellum[1];
        // cerebellum: two hemispheres and the vermis, with folia as a ripple around the transverse axis
        double phi = Math.atan2(z - cz, y - cy);
        double folia = 1 + foliaDepth * Math.cos(foliaCount * phi);
        double hx = (Math.abs(x) - 0.2 * tcd) / (0.31 * tcd);
        double hy = (y - cy) / (0.27 * tcd);
        double hz = (z - cz) / (0.25 * tcd);
        double vx = x / (0.16 * tcd);
        double vy = (y - cy) / (0.30 * tcd);
        double vz = (z - cz) / (0.32 * tcd);
        if (hx * hx + hy * hy + hz * hz < folia * folia || vx * vx + vy * vy + vz * vz < folia * folia) {
            return FetalLabels.CEREBELLUM;
        }
        // brainstem: a tube from below the thalami down through the foramen magnum, the pons bulging forward
        double r = 0.11 * axes[0];
        double topY = 0.06 * axes[1];
        double topZ = centreZ - 0.22 * axes[2];
        double midY = cy - 0.30 * tcd - r - 1.0;
        double slope = (midY - topY) / (cz - topZ);
        if (z < topZ) {
            double lineY = topY + slope * (z - topZ);
            double pons = Math.exp(-sq((z - (topZ + cz) * 0.5) / (0.12 * half)));
            double ry = y < lineY ? r * (1 + 0.45 * pons) : r;
            double bx = x / (r * (1 + 0.15 * pons));
            double by = (y - lineY) / ry;
            if (bx * bx + by * by < 1) {
                return FetalLabels.BRAINSTEM;
            }
        }
        // the posterior fossa: under the tentorium nothing but cerebellum, brainstem and CSF
        double px = x / (0.60 * tcd + 2);
        double py = (y - cy) / (0.38 * tcd + 2.5);
        double pz = Math.max(0, z - cz) / (0.33 * tcd + 1.5);
        if (px * px + py * py + pz * pz < 1) {
            return FetalLabels.EXTERNAL_CSF;
        }
        return -1;
    }

    /** The cerebrum and its contents; z relative to the cerebrum's centre. */
    private int cerebrum(double x, double y, double z) {
        double ax = axes[0] * (1 + 0.10 * y / axes[1]);    // wider at the back (parietal)
        double az = z > 0 ? axes[2] : lowerZ;
        double ux = x / ax;
        double uy = y / axes[1];
        double uz = z / az;
        double rho = Math.sqrt(ux * ux + uy * uy + uz * uz);
        if (rho < 1e-9) {
            return FetalLabels.DEEP_GREY;
        }
        rho /= 1 + 0.03 * bumps.value(ux, uy, uz);
        if (rho >= 1) {
            return FetalLabels.EXTERNAL_CSF;
        }
        double radius = Math.sqrt(x * x + y * y + z * z) / rho;   // from the centre to the surface, mm
        double d = radius - radius * rho;                           // depth below the surface, mm
        int inner = d > 4 ? deepStructure(x, y, z) : -1;
        if (inner >= 0) {
            return inner;
        }
        // interhemispheric fissure, down to the corpus callosum (or to the third ventricle without one)
        double floor = fissureFloor(y);
        double ih = Math.abs(x);
        if (ih < fissureHalfWidth && z > floor) {
            return FetalLabels.EXTERNAL_CSF;
        }
        boolean grey = d < cortex || (ih < fissureHalfWidth + cortex && z > floor - cortex);
        // cortical folds
        if (sulcusDepth > 0.3) {
            double q = folds.distanceToZero(ux, uy, uz) * radius;
            double deep = sulcusDepth * Math.max(0, Math.min(1, 0.55 + 0.6 * depth.value(ux, uy, uz)));
            int s = groove(d, q, deep, sulcusHalfWidth);
            if (s == FetalLabels.EXTERNAL_CSF) {
                return s;
            }
            grey |= s == FetalLabels.GREY_MATTER;
        }
        // Sylvian fissure: lateral, rising towards the back, open and shallow early, deep and narrow late
        if (Math.abs(ux) > 0.3) {
            double centre = -0.12 * axes[2] + 0.45 * (y + 0.05 * axes[1]);
            double q = Math.abs(z - centre) * 0.91;
            double along = smoothstep(-0.55, -0.35, uy) * (1 - smoothstep(0.25, 0.45, uy));
            int s = groove(d, q, sylvianDepth * along, sylvianHalfWidth);
            if (s == FetalLabels.EXTERNAL_CSF) {
                return s;
            }
            grey |= s == FetalLabels.GREY_MATTER;
        }
        return grey ? FetalLabels.GREY_MATTER : FetalLabels.WHITE_MATTER;
    }

    /** A groove of elliptical profile: CSF inside, lined with cortex; -1 when the point is outside both. */
    private int groove(double d, double q, double depth, double halfWidth) {
        if (depth <= 0) {
            return -1;
        }
        if (q < halfWidth && d < depth * Math.sqrt(1 - sq(q / halfWidth))) {
            return FetalLabels.EXTERNAL_CSF;
        }
        double w = halfWidth + cortex;
        if (q < w && d < (depth + cortex) * Math.sqrt(1 - sq(q / w))) {
            return FetalLabels.GREY_MATTER;
        }
        return -1;
    }

    private double fissureFloor(double y) {
        double front = -0.45 * axes[1];
        double back = 0.32 * axes[1];
        if (y < front || y > back) {
            return Double.NEGATIVE_INFINITY;
        }
        if (!callosum) {
            return -0.05 * axes[2];
        }
        // the corpus callosum arches: highest in the middle, genu and splenium lower
        double t = (y - (front + back) / 2) / ((back - front) / 2);
        return callosumTop - 0.12 * axes[2] * t * t;
    }

    /** Ventricles and deep grey nuclei, or -1. */
    private int deepStructure(double x, double y, double z) {
        double level = ventricles.level(x, y, z);
        if (level < 1) {
            return FetalLabels.VENTRICLES;
        }
        double zThird = callosum ? -0.15 * axes[2] : -0.08 * axes[2];
        if (Math.abs(x) < third && sq((y + 0.03 * axes[1]) / (0.16 * axes[1])) + sq((z - zThird) / (0.14 * axes[2]))
                < 1) {
            return FetalLabels.VENTRICLES;
        }
        double ix = Math.abs(x);
        if (sq((ix - 0.13 * axes[0] - third) / (0.12 * axes[0])) + sq((y - 0.06 * axes[1]) / (0.17 * axes[1]))
                + sq((z + 0.14 * axes[2]) / (0.13 * axes[2])) < 1) {
            return FetalLabels.DEEP_GREY;   // thalamus
        }
        if (sq((ix - 0.27 * axes[0]) / (0.10 * axes[0])) + sq((y + 0.14 * axes[1]) / (0.19 * axes[1]))
                + sq((z + 0.06 * axes[2]) / (0.15 * axes[2])) < 1) {
            return FetalLabels.DEEP_GREY;   // basal ganglia
        }
        return level < germinal ? Tissue.GERMINAL : -1;
    }

    private static double sq(double v) {
        return v * v;
    }
}
