package hardy.synth;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A closed interval from which a randomised parameter is drawn uniformly; {@code min == max} fixes it.
 *
 * @param min lower end
 * @param max upper end, at least {@code min}
 */
public record Range(double min, double max) {

    public Range {
        if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "bad range %s..%s (MIN-MAX, finite, MIN at "
                    + "most MAX)", fmt(min), fmt(max)));
        }
    }

    /**
     * Parses {@code "A-B"}, {@code "A:B"} or a single number.
     *
     * @throws IllegalArgumentException on anything else
     */
    public static Range parse(String text) {
        String t = text.strip();
        int sep = t.indexOf(':') >= 0 ? t.indexOf(':') : t.indexOf('-', 1);
        try {
            if (sep < 0) {
                double v = Double.parseDouble(t);
                return new Range(v, v);
            }
            return new Range(Double.parseDouble(t.substring(0, sep)), Double.parseDouble(t.substring(sep + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number or range MIN-MAX: '" + text + "'");
        }
    }

    /** A uniform draw. */
    public double draw(SplittableRandom rng) {
        return min == max ? min : min + (max - min) * rng.nextDouble();
    }

    /**
     * The value a fraction {@code u} in [0, 1) of the way from min to max. Unlike {@link #draw}, the caller always
     * spends one random number, so a stream of draws stays aligned whether or not this range is fixed.
     */
    double at(double u) {
        return min + (max - min) * u;
    }

    @Override
    public String toString() {
        return min == max ? fmt(min) : fmt(min) + "-" + fmt(max);
    }

    private static String fmt(double v) {
        return Double.isFinite(v) && v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
