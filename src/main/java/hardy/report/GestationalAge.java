package hardy.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gestational age as the user enters it, completed weeks and days ({@code 28+3}); never guessed.
 *
 * @param weeks completed weeks
 * @param days  days beyond them, 0..6
 */
public record GestationalAge(int weeks, int days) {

    /** The plausible range of a fetal MRI, weeks: anything outside is a typing error. */
    public static final int MIN_WEEKS = 15;
    public static final int MAX_WEEKS = 44;
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,2})(?:\\+(\\d))?");

    public GestationalAge {
        if (days < 0 || days > 6) {
            throw new IllegalArgumentException("gestational age days must be 0..6, got " + days);
        }
        if (weeks < MIN_WEEKS || weeks > MAX_WEEKS) {
            throw new IllegalArgumentException("gestational age " + weeks + "+" + days + " is outside "
                    + MIN_WEEKS + "+0.." + MAX_WEEKS + "+6 weeks");
        }
    }

    /**
     * Parses {@code WW+D} or {@code WW}.
     *
     * @throws IllegalArgumentException naming the expected format
     */
    public static GestationalAge parse(String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("gestational age '" + text + "' is not weeks+days, e.g. 28+3");
        }
        return new GestationalAge(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    /** Weeks as a decimal number (28+3 is 28.43). */
    public double decimalWeeks() {
        return weeks + days / 7.0;
    }

    @Override
    public String toString() {
        return weeks + "+" + days;
    }
}
