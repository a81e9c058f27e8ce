package hardy.io.labels;

import hardy.volume.LabelTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ITK-SNAP's label description file (Segmentation > Export Label Descriptions; also read by ITK-SNAP when it opens a
 * segmentation): a {@code #} header, then one line per label,
 * {@code IDX -R- -G- -B- -A-- VIS MSH "LABEL"}: the value, red, green and blue (0..255), opacity (0..1),
 * visibility and mesh visibility (0 or 1), and the name in double quotes. Label 0 ("Clear Label") is the
 * background; it is written but not read into the table.
 */
final class ItkSnapLabels {

    static final String HEADER = """
            ################################################
            # ITK-SnAP Label Description File
            # File format:
            # IDX   -R-  -G-  -B-  -A--  VIS MSH  LABEL
            # Fields:
            #    IDX:   Zero-based index
            #    -R-:   Red color component (0..255)
            #    -G-:   Green color component (0..255)
            #    -B-:   Blue color component (0..255)
            #    -A-:   Label transparency (0.00 .. 1.00)
            #    VIS:   Label visibility (0 or 1)
            #    IDX:   Label mesh visibility (0 or 1)
            #  LABEL:   Label description
            ################################################
            """;

    private ItkSnapLabels() {
    }

    /** Whether a data line looks like ITK-SNAP's (it holds a quoted name). */
    static boolean looksLike(String dataLine) {
        return dataLine.indexOf('"') > 0;
    }

    /** The file's text. Double quotes in names, which the format cannot hold, become single quotes. */
    static String format(LabelTable table) {
        StringBuilder sb = new StringBuilder(HEADER);
        sb.append(line(0, 0, "0", 0, "Clear Label"));
        for (LabelTable.Entry e : table.entries()) {
            if (e.value() != 0) {
                sb.append(line(e.value(), e.rgb(), "1", 1, e.name().replace('"', '\'')));
            }
        }
        return sb.toString();
    }

    private static String line(int value, int rgb, String alpha, int visible, String name) {
        return String.format(Locale.ROOT, "%5d %5d %4d %4d %8s  %d  %d    \"%s\"%n", value, (rgb >> 16) & 0xFF,
                (rgb >> 8) & 0xFF, rgb & 0xFF, alpha, visible, visible, name);
    }

    /**
     * The labels of one data line (comments and blank lines are skipped by the caller), or null for label 0.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    static LabelTable.Entry parse(String line) {
        int open = line.indexOf('"');
        int close = line.lastIndexOf('"');
        if (open < 0 || close == open) {
            throw new IllegalArgumentException("expected IDX R G B A VIS MSH \"LABEL\", the name in double quotes");
        }
        if (!line.substring(close + 1).isBlank()) {
            throw new IllegalArgumentException("text after the quoted name");
        }
        String[] numbers = line.substring(0, open).trim().split("\\s+");
        if (numbers.length != 7) {
            throw new IllegalArgumentException("expected 7 numbers before the name (IDX R G B A VIS MSH), found "
                    + (numbers[0].isEmpty() ? 0 : numbers.length));
        }
        int value = LabelText.integer(numbers[0], "label value", 0, 65535);
        int rgb = LabelText.rgb(numbers[1], numbers[2], numbers[3]);
        LabelText.fraction(numbers[4], "opacity");
        LabelText.integer(numbers[5], "visibility", 0, 1);
        LabelText.integer(numbers[6], "mesh visibility", 0, 1);
        String name = LabelText.name(line.substring(open + 1, close));
        return value == 0 ? null : new LabelTable.Entry(value, name, rgb);
    }

    /** The entries of lines already split off the file. */
    static List<LabelTable.Entry> entries(List<String> dataLines) {
        List<LabelTable.Entry> out = new ArrayList<>();
        for (String l : dataLines) {
            LabelTable.Entry e = parse(l);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }
}
