package hardy.report;

/**
 * A measurement judged against its reference at the fetus's gestational age.
 *
 * @param measurement the measurement
 * @param centiles    the reference's 5th, 50th and 95th centiles at this age, or {@code null}
 * @param z           z-score against the reference, NaN when there is none
 * @param flag        {@code below 5th}, {@code above 95th}, a ventriculomegaly grade, or empty
 * @param reference   the source used, {@code no reference}, or {@code outside the reference's range}
 */
public record Assessment(Measurement measurement, double[] centiles, double z, String flag, String reference) {

    /** The centile (0-100) the z-score corresponds to, NaN without a reference. */
    public double centile() {
        return Double.isNaN(z) ? Double.NaN : 100 * NormalDistribution.cdf(z);
    }
}
