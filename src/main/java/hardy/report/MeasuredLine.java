package hardy.report;

/**
 * Where a linear measurement was taken, so a viewer can draw it and a reader can check it: its two end points and
 * the plane it lies in, all in world (LPS) millimetres.
 *
 * @param start       first end point
 * @param end         second end point
 * @param planePoint  a point of the plane the line was measured on
 * @param planeNormal the unit normal of that plane
 */
public record MeasuredLine(double[] start, double[] end, double[] planePoint, double[] planeNormal) {

    /** The distance between the end points, mm. */
    public double length() {
        double dx = end[0] - start[0];
        double dy = end[1] - start[1];
        double dz = end[2] - start[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
