package hardy.inference;

import hardy.volume.Affine;
import hardy.volume.Geometry;

/**
 * The grid a model sees an image on: the card's spacing, axes chosen per the card's orientation handling, and the
 * same field of view (same centre, extent rounded to whole voxels). Both orientations only permute, flip and
 * rescale the image's own axes, so an oblique acquisition is never interpolated across its slices' plane.
 */
public final class ModelGrid {

    /** Spacings within this relative tolerance of the card's count as equal: no resampling then. */
    private static final double SAME_SPACING = 1e-3;

    private ModelGrid() {
    }

    /** The model grid for an image on {@code image}. */
    public static Geometry of(Geometry image, ModelCard card) {
        int[] axis = {0, 1, 2};
        double[] sign = {1, 1, 1};
        if (card.effectiveOrientation() == ModelCard.Orientation.RAS) {
            closestRas(image, axis, sign);
        }
        double[] imageSpacing = image.spacing();
        int[] dims = image.dims();
        double[] target = card.spacing();
        boolean identity = axis[0] == 0 && axis[1] == 1 && axis[2] == 2 && sign[0] > 0 && sign[1] > 0 && sign[2] > 0;
        boolean sameSpacing = true;
        for (int a = 0; a < 3; a++) {
            sameSpacing &= Math.abs(imageSpacing[axis[a]] - target[a]) <= SAME_SPACING * target[a];
        }
        if (identity && sameSpacing) {
            return image;
        }
        int[] n = new int[3];
        double[][] columns = new double[3][];
        for (int a = 0; a < 3; a++) {
            int src = axis[a];
            double extent = dims[src] * imageSpacing[src];
            n[a] = Math.max(1, (int) Math.round(extent / target[a]));
            double[] dir = image.direction(src);
            columns[a] = new double[] {sign[a] * dir[0] * target[a], sign[a] * dir[1] * target[a],
                sign[a] * dir[2] * target[a]};
        }
        double[] centre = image.toWorld((dims[0] - 1) / 2.0, (dims[1] - 1) / 2.0, (dims[2] - 1) / 2.0);
        double[] origin = centre.clone();
        for (int a = 0; a < 3; a++) {
            for (int r = 0; r < 3; r++) {
                origin[r] -= columns[a][r] * (n[a] - 1) / 2.0;
            }
        }
        double[][] linear = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                linear[r][c] = columns[c][r];
            }
        }
        return new Geometry(n[0], n[1], n[2], Affine.of(linear, origin));
    }

    /**
     * For model axis a = 0, 1, 2 (towards R, A, S) picks the image axis most parallel to it and whether it must
     * be flipped. In LPS, R is -x, A is -y and S is +z.
     */
    private static void closestRas(Geometry image, int[] axis, double[] sign) {
        double[] target = {-1, -1, 1};
        boolean[] used = new boolean[3];
        for (int a = 0; a < 3; a++) {
            int best = -1;
            double bestAbs = -1;
            for (int src = 0; src < 3; src++) {
                if (!used[src] && Math.abs(image.direction(src)[a]) > bestAbs) {
                    bestAbs = Math.abs(image.direction(src)[a]);
                    best = src;
                }
            }
            used[best] = true;
            axis[a] = best;
            sign[a] = Math.signum(image.direction(best)[a]) == Math.signum(target[a]) ? 1 : -1;
        }
    }
}
