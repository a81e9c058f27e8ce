package hardy.synth;

import java.util.SplittableRandom;

/**
 * The two lateral ventricles as curved tubes: in each hemisphere a "C" in the sagittal plane around the
 * thalamus, from the frontal horn over the body and the atrium down into the temporal horn, with a cross-section
 * whose width, height and distance from the midline change along the arc. Coordinates are millimetres relative to
 * the cerebrum's centre (x left, y posterior, z superior).
 */
final class LateralVentricles {

    /** Arc angle of the key frames: 0 points anterior, pi/2 superior, pi posterior, 3pi/2 inferior. */
    private static final double[] THETA = {0.25, 0.9, 1.6, 2.5, 3.1, 3.8, 4.6, 5.35};
    /** Distance of the tube centre from the midline, in units of the brain scale. */
    private static final double[] MIDLINE = {4.5, 5.2, 6.5, 9.0, 11.5, 13.5, 16.0, 17.0};
    /** Half width across (left-right). */
    private static final double[] HALF_WIDTH = {1.6, 2.2, 2.0, 2.4, 3.2, 2.4, 1.4, 0.7};
    /** Half height (along the radius of the C). */
    private static final double[] HALF_HEIGHT = {2.6, 2.8, 1.5, 1.8, 3.0, 2.4, 1.4, 0.7};

    private final double y0;
    private final double z0;
    private final double ry;
    private final double rzUp;
    private final double rzDown;
    private final double[] midline = new double[THETA.length];
    private final double[] halfWidth = new double[THETA.length];
    private final double[] halfHeight = new double[THETA.length];
    private final double leftScale;

    /**
     * @param axes     semi-axes of the cerebrum (mm)
     * @param scale    brain scale: 1 at a 40 mm half length
     * @param maturity 0 at 20 weeks, 1 at 35
     */
    LateralVentricles(SplittableRandom rng, double[] axes, double scale, double maturity, Subgroup subgroup) {
        y0 = axes[1] * (0.02 + 0.04 * (rng.nextDouble() - 0.5));
        z0 = -axes[2] * 0.02;
        ry = axes[1] * (0.40 + 0.04 * (rng.nextDouble() - 0.5));
        // flat above (the bodies run front to back), deeper below (the temporal horns curve down and forward)
        rzUp = axes[2] * (0.17 + 0.04 * (rng.nextDouble() - 0.5));
        rzDown = axes[2] * (0.32 + 0.04 * (rng.nextDouble() - 0.5));
        // young fetal ventricles are large relative to the brain
        double size = (1.3 - 0.3 * maturity) * scale * (0.9 + 0.2 * rng.nextDouble());
        double wideness = switch (subgroup) {
            case VENTRICULOMEGALY -> 1.9 + 1.0 * rng.nextDouble();
            case AGENESIS_CC -> 1.0;
            case NORMAL -> 1.0;
        };
        for (int f = 0; f < THETA.length; f++) {
            double posterior = smoothstep(1.5, 3.0, THETA[f]);
            midline[f] = MIDLINE[f] * scale;
            halfWidth[f] = HALF_WIDTH[f] * size * (1 + (wideness - 1) * (0.5 + 0.5 * posterior));
            halfHeight[f] = HALF_HEIGHT[f] * size * (1 + (wideness - 1) * 0.6);
            if (subgroup == Subgroup.VENTRICULOMEGALY) {
                midline[f] += 0.4 * (halfWidth[f] - HALF_WIDTH[f] * size);
            }
            if (subgroup == Subgroup.AGENESIS_CC) {
                // parallel and wide apart in front (no callosal fibres pull them together), narrow frontal horns,
                // dilated occipital horns
                midline[f] = Math.max(midline[f], (10.0 + 2.0 * rng.nextDouble()) * scale);
                halfWidth[f] *= (0.6 + 1.0 * posterior);
                halfHeight[f] *= (0.8 + 0.6 * posterior);
            }
        }
        leftScale = 0.85 + 0.3 * rng.nextDouble();
    }

    /**
     * The point of a ventricle's centre line at arc angle {@code theta} (see {@link #THETA}; pi is the atrium,
     * where the C turns from the body down into the temporal horn), relative to the cerebrum's centre.
     *
     * @param side +1 for the left ventricle (x > 0), -1 for the right
     */
    double[] centreLine(double theta, int side) {
        double eta = -Math.cos(theta);
        double zeta = Math.sin(theta);
        return new double[] {side * interpolate(midline, theta), y0 + ry * eta, z0 + (zeta > 0 ? rzUp : rzDown) * zeta};
    }

    /** Whether the point is inside a lateral ventricle. */
    boolean contains(double x, double y, double z) {
        return level(x, y, z) < 1;
    }

    /**
     * The squared normalised distance from the tube's centre line: below 1 inside a ventricle, growing outwards;
     * infinity beyond the ends of the arc.
     */
    double level(double x, double y, double z) {
        double eta = (y - y0) / ry;
        double rz = z > z0 ? rzUp : rzDown;
        double zeta = (z - z0) / rz;
        double theta = Math.atan2(zeta, -eta);
        if (theta < 0) {
            theta += 2 * Math.PI;
        }
        if (theta < THETA[0] - 0.2 || theta > THETA[THETA.length - 1] + 0.1) {
            return Double.POSITIVE_INFINITY;
        }
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        double radius = Math.sqrt(ry * ry * c * c + rz * rz * s * s);
        double radial = (Math.sqrt(eta * eta + zeta * zeta) - 1) * radius;
        double taper = smoothstep(THETA[0] - 0.2, THETA[0] + 0.1, theta)
                * (1 - smoothstep(THETA[THETA.length - 1] - 0.15, THETA[THETA.length - 1] + 0.1, theta));
        double hw = interpolate(halfWidth, theta) * taper * (x > 0 ? leftScale : 1);
        double hh = interpolate(halfHeight, theta) * taper;
        if (hw <= 0 || hh <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double across = (Math.abs(x) - interpolate(midline, theta)) / hw;
        double along = radial / hh;
        return across * across + along * along;
    }

    private static double interpolate(double[] values, double theta) {
        if (theta <= THETA[0]) {
            return values[0];
        }
        for (int f = 1; f < THETA.length; f++) {
            if (theta <= THETA[f]) {
                double t = (theta - THETA[f - 1]) / (THETA[f] - THETA[f - 1]);
                return values[f - 1] + t * (values[f] - values[f - 1]);
            }
        }
        return values[values.length - 1];
    }

    static double smoothstep(double a, double b, double x) {
        double t = Math.max(0, Math.min(1, (x - a) / (b - a)));
        return t * t * (3 - 2 * t);
    }
}
