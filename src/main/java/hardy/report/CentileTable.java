package hardy.report;

/**
 * Published 5th, 50th and 95th centiles of one measure at whole gestational weeks, with their source. Values
 * between published weeks are interpolated linearly; outside the published weeks there is no answer.
 *
 * @param measure the {@link Measurement#key()} it applies to
 * @param weeks   the published weeks, increasing
 * @param p5      5th centile per week
 * @param p50     50th centile per week
 * @param p95     95th centile per week
 * @param source  paper, table or figure, and DOI
 */
public record CentileTable(String measure, double[] weeks, double[] p5, double[] p50, double[] p95, String source) {

    /** z of the 95th centile of a normal distribution. */
    static final double Z95 = 1.6448536269514722;

    public CentileTable {
        int n = weeks.length;
        if (n < 2 || p5.length != n || p50.length != n || p95.length != n) {
            throw new IllegalArgumentException(measure + ": a centile table needs the same number (at least 2) of "
                    + "weeks and centiles");
        }
        for (int i = 0; i < n; i++) {
            if (i > 0 && weeks[i] <= weeks[i - 1] || !(p5[i] <= p50[i] && p50[i] <= p95[i])) {
                throw new IllegalArgumentException(measure + ": weeks must increase and 5th <= 50th <= 95th");
            }
        }
    }

    /** Whether {@code ga} weeks lies within the published weeks. */
    public boolean covers(double ga) {
        return ga >= weeks[0] && ga <= weeks[weeks.length - 1];
    }

    /** The interpolated 5th, 50th and 95th centiles at {@code ga} weeks; only within {@link #covers}. */
    public double[] at(double ga) {
        if (!covers(ga)) {
            throw new IllegalArgumentException(measure + ": " + ga + " weeks is outside the reference's range");
        }
        int i = 0;
        while (i < weeks.length - 2 && ga > weeks[i + 1]) {
            i++;
        }
        double t = (ga - weeks[i]) / (weeks[i + 1] - weeks[i]);
        return new double[] {lerp(p5, i, t), lerp(p50, i, t), lerp(p95, i, t)};
    }

    /**
     * The z-score of {@code value} at {@code ga}: distances from the median in units of the half-band on its side
     * divided by 1.645, so the 5th and 95th centiles are z = -1.645 and +1.645 (a skewed reference keeps its skew).
     */
    public double z(double ga, double value) {
        double[] c = at(ga);
        double half = value >= c[1] ? c[2] - c[1] : c[1] - c[0];
        return half > 0 ? (value - c[1]) / half * Z95 : 0;
    }

    private static double lerp(double[] v, int i, double t) {
        return v[i] + t * (v[i + 1] - v[i]);
    }
}
