package hardy.training;

import hardy.volume.Volume;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Crops training patches from z-score normalised cases: a share of them centred on a voxel of a labelled class
 * drawn uniformly among the classes present in the case, then a random voxel of that class (so that a small
 * structure such as the brainstem is the centre as often as the white matter), the rest at uniformly random
 * positions (so that the model also sees what surrounds the head, and learns to leave it unlabelled).
 *
 * <p>Each image is normalised once, over the whole volume, to zero mean and unit standard deviation; patches are
 * then plain copies, or augmented samples ({@link Augmentation}) when the options ask for it. Patch arrays are
 * ordered like volumes: i fastest, then j, then k.
 */
final class PatchSampler {

    /** A cropped patch: normalised intensities and labels. */
    record Patch(float[] image, int[] labels) {
    }

    private final TrainingOptions options;
    private final float[][] images;
    private final int[][] labels;
    private final int[][] dims;
    /** Per case, per foreground class present, the indices of its voxels. */
    private final int[][][] byClass;

    PatchSampler(List<TrainingCase> cases, TrainingOptions options) {
        this.options = options;
        int n = cases.size();
        images = new float[n][];
        labels = new int[n][];
        dims = new int[n][];
        byClass = new int[n][][];
        for (int c = 0; c < n; c++) {
            Volume image = cases.get(c).image();
            Volume labelVolume = cases.get(c).labels().volume();
            dims[c] = new int[] {image.nx(), image.ny(), image.nz()};
            if (dims[c][0] < options.patchX() || dims[c][1] < options.patchY() || dims[c][2] < options.patchZ()) {
                throw new IllegalArgumentException("case " + c + " (" + dims[c][0] + "x" + dims[c][1] + "x"
                        + dims[c][2] + ") is smaller than the patch");
            }
            images[c] = zScore(image);
            int voxels = images[c].length;
            labels[c] = new int[voxels];
            int classes = options.network().classes();
            int[] count = new int[classes];
            for (int v = 0; v < voxels; v++) {
                int label = (int) labelVolume.value(v);
                if (label < 0 || label >= classes) {
                    throw new IllegalArgumentException("case " + c + " has label " + label + " but the network has "
                            + classes + " classes");
                }
                labels[c][v] = label;
                count[label]++;
            }
            int present = 0;
            for (int k = 1; k < classes; k++) {
                present += count[k] > 0 ? 1 : 0;
            }
            byClass[c] = new int[present][];
            int[] slot = new int[classes];
            for (int k = 1, s = 0; k < classes; k++) {
                if (count[k] > 0) {
                    slot[k] = s;
                    byClass[c][s++] = new int[count[k]];
                }
            }
            int[] filled = new int[present];
            for (int v = 0; v < voxels; v++) {
                int label = labels[c][v];
                if (label != 0) {
                    byClass[c][slot[label]][filled[slot[label]]++] = v;
                }
            }
        }
    }

    /**
     * The patch of case {@code c} for slot {@code slot} of iteration {@code iteration} (0-based): its position and
     * augmentation depend only on these and the run's seed, so a resumed run crops what an uninterrupted one would.
     */
    Patch sample(int c, int iteration, int slot) {
        SplittableRandom random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L
                + iteration * 0xBF58476D1CE4E5B9L + slot * 0x94D049BB133111EBL + c);
        int[] d = dims[c];
        int[] size = {options.patchX(), options.patchY(), options.patchZ()};
        int[] origin = new int[3];
        boolean centred = byClass[c].length > 0 && random.nextDouble() < options.foregroundShare();
        if (centred) {
            int[] voxelsOfClass = byClass[c][random.nextInt(byClass[c].length)];
            int v = voxelsOfClass[random.nextInt(voxelsOfClass.length)];
            int[] centre = {v % d[0], (v / d[0]) % d[1], v / (d[0] * d[1])};
            for (int a = 0; a < 3; a++) {
                origin[a] = Math.clamp(centre[a] - size[a] / 2, 0, d[a] - size[a]);
            }
        } else {
            for (int a = 0; a < 3; a++) {
                origin[a] = random.nextInt(d[a] - size[a] + 1);
            }
        }
        float[] image = new float[options.patchVoxels()];
        int[] label = new int[options.patchVoxels()];
        if (options.augment()) {
            double[] centre = new double[3];
            for (int a = 0; a < 3; a++) {
                centre[a] = origin[a] + (size[a] - 1) / 2.0;
            }
            Augmentation.sample(images[c], labels[c], d, centre, Augmentation.spatial(random), size, image, label);
            Augmentation.flips(image, label, size, random);
            ContrastAugmentation.apply(image, label, size, options.network().classes(), random);
            Augmentation.intensities(image, size, random);
            return new Patch(image, label);
        }
        int p = 0;
        for (int k = 0; k < size[2]; k++) {
            for (int j = 0; j < size[1]; j++) {
                int row = origin[0] + d[0] * (origin[1] + j + d[1] * (origin[2] + k));
                System.arraycopy(images[c], row, image, p, size[0]);
                System.arraycopy(labels[c], row, label, p, size[0]);
                p += size[0];
            }
        }
        return new Patch(image, label);
    }

    /** Whole-volume z-score; a constant image becomes all zeros rather than NaN. */
    static float[] zScore(Volume image) {
        int n = image.data().length();
        double sum = 0;
        double sumSq = 0;
        for (int v = 0; v < n; v++) {
            double x = image.value(v);
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / n;
        double sd = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        double scale = sd > 0 ? 1 / sd : 0;
        float[] out = new float[n];
        for (int v = 0; v < n; v++) {
            out[v] = (float) ((image.value(v) - mean) * scale);
        }
        return out;
    }
}
