package hardy.report;

/**
 * One number of the report.
 *
 * @param key   stable identifier, e.g. {@code bpd} or {@code volume_cerebellum}
 * @param name  what a radiologist calls it
 * @param unit  {@code mm}, {@code mL} or {@code %}
 * @param value the value, or NaN when the labels do not allow the measurement (then {@code note} says why)
 * @param line  where it was measured, for linear measurements; {@code null} for volumes and missing values
 * @param note  how it was measured or why it is missing; empty when there is nothing to add
 */
public record Measurement(String key, String name, String unit, double value, MeasuredLine line, String note) {

    /** A measurement the labels do not allow, with the reason. */
    public static Measurement missing(String key, String name, String unit, String why) {
        return new Measurement(key, name, unit, Double.NaN, null, why);
    }

    /** Whether there is a value. */
    public boolean present() {
        return !Double.isNaN(value);
    }
}
