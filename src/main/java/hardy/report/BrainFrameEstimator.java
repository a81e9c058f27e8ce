package hardy.report;

import hardy.volume.FetalLabels;

/**
 * Finds a brain's {@link BrainFrame} from its labels alone, whatever the head's pose on the grid.
 *
 * <ol>
 *   <li>The anterior-posterior axis is the first principal axis of the intracranial labels (all non-zero
 *       labels): a fetal head is clearly longest front to back (about 1 : 0.8 : 0.75), while its width and height
 *       are too close for principal axes to tell them apart reliably.</li>
 *   <li>The mid-sagittal plane contains that axis; its normal is found by mirror symmetry: for normals
 *       perpendicular to the axis every 3°, the share of labelled voxels whose mirror image carries the same label,
 *       then a local search over the plane's two tilts and its offset down to 0.1° and 0.05 mm. Symmetry, not
 *       principal axes, decides left-right from up-down.</li>
 *   <li>The anterior-posterior axis is then projected into the plane, and the signs are fixed by the cerebellum:
 *       it lies posterior and inferior to the brain's centroid. Left completes a right-handed frame as in LPS.</li>
 * </ol>
 */
final class BrainFrameEstimator {

    private static final int SAMPLE = 40_000;

    private BrainFrameEstimator() {
    }

    /**
     * The frame of the brain in {@code sampler}.
     *
     * @throws IllegalArgumentException if there is no labelled tissue or no cerebellum to orient it by
     */
    static BrainFrame estimate(LabelSampler sampler) {
        int n = sampler.voxelCount();
        double[] sum = new double[3];
        double[] cerebellum = new double[3];
        long count = 0;
        long cerebellumCount = 0;
        for (int v = 0; v < n; v++) {
            int l = sampler.label(v);
            if (l == 0) {
                continue;
            }
            double[] p = sampler.world(v);
            add(sum, p);
            count++;
            if (l == FetalLabels.CEREBELLUM) {
                add(cerebellum, p);
                cerebellumCount++;
            }
        }
        if (count < 100) {
            throw new IllegalArgumentException("the label map holds no brain to measure");
        }
        if (cerebellumCount == 0) {
            throw new IllegalArgumentException("the label map has no cerebellum (label 5): cannot orient the brain");
        }
        double[] c = scale(sum, 1.0 / count);
        double[] cb = scale(cerebellum, 1.0 / cerebellumCount);
        double[][] cov = new double[3][3];
        long stride = Math.max(1, count / SAMPLE);
        double[][] sample = new double[(int) Math.min(count, count / stride + 1)][];
        int[] sampleLabels = new int[sample.length];
        int taken = 0;
        long seen = 0;
        for (int v = 0; v < n; v++) {
            int l = sampler.label(v);
            if (l == 0) {
                continue;
            }
            double[] p = sampler.world(v);
            for (int r = 0; r < 3; r++) {
                for (int s = 0; s < 3; s++) {
                    cov[r][s] += (p[r] - c[r]) * (p[s] - c[s]);
                }
            }
            if (seen++ % stride == 0 && taken < sample.length) {
                sample[taken] = p;
                sampleLabels[taken++] = l;
            }
        }
        double[][] axes = Symmetric3.eigenvectors(cov, new double[3]);
        double[] ap = axes[0];
        Symmetry symmetry = new Symmetry(sampler, java.util.Arrays.copyOf(sample, taken),
                java.util.Arrays.copyOf(sampleLabels, taken), c);
        double[] normal = symmetry.best(ap, axes[1], axes[2]);
        double offset = symmetry.offset();
        double[] centre = {c[0] + offset * normal[0], c[1] + offset * normal[1], c[2] + offset * normal[2]};
        double[] posterior = unit(minus(ap, scale(normal, dot(ap, normal))));
        if (dot(minus(cb, centre), posterior) < 0) {
            posterior = scale(posterior, -1);
        }
        double[] left = normal;
        double[] superior = cross(left, posterior);
        if (dot(minus(cb, centre), superior) > 0) {
            left = scale(left, -1);
            superior = cross(left, posterior);
        }
        return new BrainFrame(centre, left, posterior, superior);
    }

    /** Mirror symmetry of a labelled point sample about planes through (near) its centroid. */
    private static final class Symmetry {
        private final LabelSampler sampler;
        private final double[][] points;
        private final int[] labels;
        private final double[] centre;
        private final int[] counts;
        private double offset;

        Symmetry(LabelSampler sampler, double[][] points, int[] labels, double[] centre) {
            this.sampler = sampler;
            this.points = points;
            this.labels = labels;
            this.centre = centre;
            int max = 0;
            for (int l : labels) {
                max = Math.max(max, l);
            }
            counts = new int[max + 1];
            for (int l : labels) {
                counts[l]++;
            }
        }

        double offset() {
            return offset;
        }

        /** The unit normal of the most symmetric plane containing (nearly) {@code axis}. */
        double[] best(double[] axis, double[] u, double[] v) {
            double bestScore = -1;
            double bestPhi = 0;
            for (int deg = 0; deg < 180; deg += 3) {
                double phi = Math.toRadians(deg);
                double s = score(rotate(u, v, phi), 0);
                if (s > bestScore) {
                    bestScore = s;
                    bestPhi = phi;
                }
            }
            double phi = bestPhi;
            double tilt = 0;
            double d = 0;
            double angleStep = Math.toRadians(2);
            double offsetStep = 1;
            while (angleStep > Math.toRadians(0.1) || offsetStep > 0.05) {
                boolean moved = false;
                for (int param = 0; param < 3; param++) {
                    for (int sign = -1; sign <= 1; sign += 2) {
                        double p2 = phi + (param == 0 ? sign * angleStep : 0);
                        double t2 = tilt + (param == 1 ? sign * angleStep : 0);
                        double d2 = d + (param == 2 ? sign * offsetStep : 0);
                        double s = score(normal(axis, u, v, p2, t2), d2);
                        if (s > bestScore) {
                            bestScore = s;
                            phi = p2;
                            tilt = t2;
                            d = d2;
                            moved = true;
                        }
                    }
                }
                if (!moved) {
                    angleStep /= 2;
                    offsetStep /= 2;
                }
            }
            offset = d;
            return normal(axis, u, v, phi, tilt);
        }

        private static double[] normal(double[] axis, double[] u, double[] v, double phi, double tilt) {
            double[] n = rotate(u, v, phi);
            double c = Math.cos(tilt);
            double s = Math.sin(tilt);
            return unit(new double[] {c * n[0] + s * axis[0], c * n[1] + s * axis[1], c * n[2] + s * axis[2]});
        }

        private static double[] rotate(double[] u, double[] v, double phi) {
            double c = Math.cos(phi);
            double s = Math.sin(phi);
            return new double[] {c * u[0] + s * v[0], c * u[1] + s * v[1], c * u[2] + s * v[2]};
        }

        /**
         * How well the labels match their mirror image about the plane (normal n, offset d): per label, the share
         * of its sample points whose mirror image carries the same label, averaged over the labels. Averaging over
         * labels gives the small midline-defining structures (cerebellum, brainstem, ventricles) a say: the head's
         * outline alone is nearly symmetric about every plane through its long axis.
         */
        double score(double[] n, double d) {
            int[] same = new int[counts.length];
            for (int p = 0; p < points.length; p++) {
                double[] x = points[p];
                double dist = (x[0] - centre[0]) * n[0] + (x[1] - centre[1]) * n[1] + (x[2] - centre[2]) * n[2] - d;
                if (sampler.nearest(x[0] - 2 * dist * n[0], x[1] - 2 * dist * n[1], x[2] - 2 * dist * n[2])
                        == labels[p]) {
                    same[labels[p]]++;
                }
            }
            double sum = 0;
            int present = 0;
            for (int l = 0; l < counts.length; l++) {
                if (counts[l] > 0) {
                    sum += same[l] / (double) counts[l];
                    present++;
                }
            }
            return sum / present;
        }
    }

    static void add(double[] sum, double[] p) {
        sum[0] += p[0];
        sum[1] += p[1];
        sum[2] += p[2];
    }

    static double[] scale(double[] a, double f) {
        return new double[] {a[0] * f, a[1] * f, a[2] * f};
    }

    static double[] minus(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double[] unit(double[] a) {
        return scale(a, 1 / Math.sqrt(dot(a, a)));
    }
}
