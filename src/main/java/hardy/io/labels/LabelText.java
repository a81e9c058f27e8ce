package hardy.io.labels;

/** Checked parsing of the fields of label table files: each failure is a short reason for a one-line error. */
final class LabelText {

    /** Longest name accepted; longer ones are not a label name but a damaged file. */
    static final int MAX_NAME = 200;

    private LabelText() {
    }

    static int integer(String text, String what, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a whole number: " + shortly(text));
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " " + v + " is outside " + min + ".." + max);
        }
        return v;
    }

    static double fraction(String text, String what) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: " + shortly(text));
        }
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(what + " " + shortly(text) + " is outside 0..1");
        }
        return v;
    }

    static int rgb(String r, String g, String b) {
        return integer(r, "red", 0, 255) << 16 | integer(g, "green", 0, 255) << 8 | integer(b, "blue", 0, 255);
    }

    static String name(String raw) {
        String name = raw.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty label name");
        }
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("label name longer than " + MAX_NAME + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("control characters in a label name");
        }
        return name;
    }

    static String shortly(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 20 ? clean.substring(0, 20) + "..." : clean;
    }
}
