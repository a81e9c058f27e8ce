package hardy.training;

import java.util.SplittableRandom;

/**
 * Augmentations for what other scanners and sites do to an image, beyond {@link Augmentation}'s global intensity
 * changes: a different contrast between tissues, blur, and thick slices. In the spirit of SynthSeg / FetalSynthSeg
 * (arXiv:2411.06842), which found that models trained on randomised tissue intensities generalise to sites they
 * never saw; here the randomisation is milder, on top of the real (or phantom) image rather than instead of it.
 *
 * <ul>
 *   <li><b>Per-tissue contrast</b> (probability {@value #CONTRAST_P}): every label's voxels are shifted by their own
 *       random offset, uniform in &plusmn;{@value #MAX_SHIFT} (the patch is z-scored, so in standard deviations).
 *       Label 0 (background and everything around the head) gets one too.</li>
 *   <li><b>Blur</b> (probability {@value #BLUR_P}): a Gaussian with sigma 0.5-1.5 voxels along each axis.</li>
 *   <li><b>Thick slices</b> (probability {@value #THICK_P}): along one random axis, blocks of 2 or 3 slices are
 *       averaged and interpolated back linearly, as a stack of thick slices reconstructed onto a fine grid.</li>
 * </ul>
 * Labels are never changed. Arrays are ordered like volumes: i fastest, then j, then k.
 */
final class ContrastAugmentation {

    static final double CONTRAST_P = 0.3;
    static final double MAX_SHIFT = 0.4;
    static final double BLUR_P = 0.2;
    static final double THICK_P = 0.15;

    private ContrastAugmentation() {
    }

    /** Applies each augmentation with its probability, drawing from {@code random}. */
    static void apply(float[] image, int[] labels, int[] size, int classes, SplittableRandom random) {
        if (random.nextDouble() < CONTRAST_P) {
            double[] shift = new double[classes];
            for (int c = 0; c < classes; c++) {
                shift[c] = (random.nextDouble() * 2 - 1) * MAX_SHIFT;
            }
            for (int p = 0; p < image.length; p++) {
                image[p] += (float) shift[labels[p]];
            }
        }
        if (random.nextDouble() < BLUR_P) {
            for (int axis = 0; axis < 3; axis++) {
                blur(image, size, axis, 0.5 + random.nextDouble());
            }
        }
        if (random.nextDouble() < THICK_P) {
            thickSlices(image, size, random.nextInt(3), 2 + random.nextInt(2));
        }
    }

    /** Gaussian blur along {@code axis} with standard deviation {@code sigma} voxels; edges repeat. */
    static void blur(float[] image, int[] size, int axis, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int t = -radius; t <= radius; t++) {
            kernel[t + radius] = Math.exp(-t * t / (2 * sigma * sigma));
            sum += kernel[t + radius];
        }
        for (int t = 0; t < kernel.length; t++) {
            kernel[t] /= sum;
        }
        int n = size[axis];
        float[] line = new float[n];
        forEachLine(size, axis, (start, stride) -> {
            for (int a = 0; a < n; a++) {
                line[a] = image[start + a * stride];
            }
            for (int a = 0; a < n; a++) {
                double v = 0;
                for (int t = -radius; t <= radius; t++) {
                    v += kernel[t + radius] * line[Math.clamp(a + t, 0, n - 1)];
                }
                image[start + a * stride] = (float) v;
            }
        });
    }

    /**
     * Averages blocks of {@code factor} slices along {@code axis} and interpolates linearly between the block
     * centres, so the patch looks as if acquired with slices {@code factor} voxels thick.
     */
    static void thickSlices(float[] image, int[] size, int axis, int factor) {
        int n = size[axis];
        int blocks = (n + factor - 1) / factor;
        if (blocks < 2) {
            return;
        }
        float[] line = new float[n];
        double[] mean = new double[blocks];
        forEachLine(size, axis, (start, stride) -> {
            for (int a = 0; a < n; a++) {
                line[a] = image[start + a * stride];
            }
            for (int b = 0; b < blocks; b++) {
                int from = b * factor;
                int to = Math.min(n, from + factor);
                double s = 0;
                for (int a = from; a < to; a++) {
                    s += line[a];
                }
                mean[b] = s / (to - from);
            }
            for (int a = 0; a < n; a++) {
                double position = (a - (factor - 1) / 2.0) / factor; // in block units, block b centred at b
                int b0 = Math.clamp((int) Math.floor(position), 0, blocks - 2);
                double t = Math.clamp(position - b0, 0, 1);
                image[start + a * stride] = (float) (mean[b0] * (1 - t) + mean[b0 + 1] * t);
            }
        });
    }

    /** Calls {@code line} with the start index and stride of every line of voxels along {@code axis}. */
    private static void forEachLine(int[] size, int axis, LineVisitor line) {
        int nx = size[0];
        int nxy = size[0] * size[1];
        int stride = axis == 0 ? 1 : axis == 1 ? nx : nxy;
        for (int k = 0; k < (axis == 2 ? 1 : size[2]); k++) {
            for (int j = 0; j < (axis == 1 ? 1 : size[1]); j++) {
                for (int i = 0; i < (axis == 0 ? 1 : size[0]); i++) {
                    line.visit(i + nx * j + nxy * k, stride);
                }
            }
        }
    }

    @FunctionalInterface
    private interface LineVisitor {
        void visit(int start, int stride);
    }
}
