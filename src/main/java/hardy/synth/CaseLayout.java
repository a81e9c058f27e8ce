package hardy.synth;

import java.util.SplittableRandom;

/**
 * A case's grid and what it shows besides the head: spacing, number of voxels, where the head lies in the field
 * of view, the contrast model and whether there are surroundings. These come from the case's second random
 * stream, always the same number of draws in the same order, so turning one of them on or off changes neither the
 * head (drawn from the first stream) nor the others.
 */
final class CaseLayout {

    /** Room kept between the head's outer bound and the edge of the grid, mm. */
    static final double MARGIN_MM = 3;

    private final double spacing;
    private final int n;
    private final double[] headCentre;
    private final Contrast contrast;
    private final boolean surroundings;

    /**
     * Draws the layout.
     *
     * @param rotation the head's rotation (world = rotation × brain frame)
     * @param shift    the head's small random shift from the grid centre, mm
     */
    CaseLayout(SplittableRandom wide, SynthSettings settings, HeadHull hull, double[][] rotation,
               double[] shift) {
        double uSpacing = wide.nextDouble();
        double uFov = wide.nextDouble();
        double uContrast = wide.nextDouble();
        double uSurroundings = wide.nextDouble();
        double[] uOffset = {wide.nextDouble(), wide.nextDouble(), wide.nextDouble()};
        spacing = settings.spacing().at(uSpacing);
        // how far the head reaches from the grid centre along each world axis
        double[] reach = new double[3];
        double largest = 0;
        for (int a = 0; a < 3; a++) {
            reach[a] = hull.support(rotation[a][0], rotation[a][1], rotation[a][2]) + Math.abs(shift[a]);
            largest = Math.max(largest, reach[a]);
        }
        if (settings.fovMm() == null) {
            n = settings.size();
        } else {
            int wanted = (int) Math.round(settings.fovMm().at(uFov) / spacing);
            int needed = (int) Math.ceil(2 * (largest + MARGIN_MM) / spacing) + 1;
            // SynthSettings refuses ranges that could come near this bound; it only guards memory
            n = Math.min(SynthSettings.MAX_VOXELS_PER_AXIS, Math.max(wanted, needed));
        }
        double half = (n - 1) / 2.0 * spacing;
        headCentre = new double[3];
        for (int a = 0; a < 3; a++) {
            double room = Math.max(0, Math.min(settings.headOffsetMm(), half - MARGIN_MM - reach[a]));
            headCentre[a] = shift[a] + room * (2 * uOffset[a] - 1);
        }
        contrast = settings.contrast() == Contrast.MIXED ? (uContrast < 0.5 ? Contrast.T2 : Contrast.RANDOM)
                : settings.contrast();
        surroundings = uSurroundings < settings.surroundingsShare();
    }

    /** Grid spacing, mm. */
    double spacing() {
        return spacing;
    }

    /** Voxels per axis. */
    int size() {
        return n;
    }

    /** Field of view per axis, mm. */
    double fovMm() {
        return n * spacing;
    }

    /** The head's centre relative to the grid's centre, mm (LPS). */
    double[] headCentre() {
        return headCentre.clone();
    }

    /** T2 or random. */
    Contrast contrast() {
        return contrast;
    }

    /** Whether the head has surroundings. */
    boolean surroundings() {
        return surroundings;
    }
}
