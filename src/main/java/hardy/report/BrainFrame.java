package hardy.report;

/**
 * The brain's own axes in world (LPS) millimetres, found from its labels: an origin on the mid-sagittal plane,
 * the plane's normal towards the brain's left, and the anterior-posterior and inferior-superior axes within the
 * plane. Coordinates in the frame are (left, posterior, superior), as LPS is for the patient.
 *
 * @param centre    a point of the mid-sagittal plane near the brain's centroid, mm
 * @param left      unit normal of the mid-sagittal plane, towards the brain's left
 * @param posterior unit vector from the front of the brain to its back, in the plane
 * @param superior  unit vector from the brain's base to its vertex, in the plane ({@code left × posterior})
 */
public record BrainFrame(double[] centre, double[] left, double[] posterior, double[] superior) {

    /** The world point at frame coordinates (left, posterior, superior), mm. */
    public double[] toWorld(double l, double p, double s) {
        double[] w = new double[3];
        for (int a = 0; a < 3; a++) {
            w[a] = centre[a] + l * left[a] + p * posterior[a] + s * superior[a];
        }
        return w;
    }

    /** The frame coordinates (left, posterior, superior) of a world point. */
    public double[] toFrame(double[] world) {
        double x = world[0] - centre[0];
        double y = world[1] - centre[1];
        double z = world[2] - centre[2];
        return new double[] {x * left[0] + y * left[1] + z * left[2],
                x * posterior[0] + y * posterior[1] + z * posterior[2],
                x * superior[0] + y * superior[1] + z * superior[2]};
    }

    /** A world direction from frame components. */
    public double[] direction(double l, double p, double s) {
        double[] d = new double[3];
        for (int a = 0; a < 3; a++) {
            d[a] = l * left[a] + p * posterior[a] + s * superior[a];
        }
        return d;
    }
}
