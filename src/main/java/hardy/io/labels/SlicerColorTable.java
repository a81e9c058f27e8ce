package hardy.io.labels;

import hardy.volume.LabelTable;
import java.util.Locale;

/**
 * 3D Slicer's discrete colour table ({@code .ctbl}, or {@code .txt}; Slicer's Colors module, "Color table file
 * format"): a header beginning {@code # Color table file}, then one line per label, {@code value name R G B A}
 * with components 0..255. The format has no room for spaces in a name, so Slicer writes them as underscores;
 * Hardy does the same and reads underscores back as spaces. Value 0 is the background, written but not read into
 * the table. Slicer's procedural (continuous) colour files are not label tables and are refused.
 */
final class SlicerColorTable {

    static final String HEADER = "# Color table file";
    static final String PROCEDURAL = "# Color procedural file";

    private SlicerColorTable() {
    }

    /** The file's text; {@code title} goes into the first header line as Slicer puts the file's path there. */
    static String format(LabelTable table, String title) {
        long count = table.entries().stream().filter(e -> e.value() != 0).count() + 1;
        StringBuilder sb = new StringBuilder(HEADER).append(' ').append(title.replaceAll("\\p{Cntrl}", " "))
                .append('\n').append("# ").append(count).append(" values\n");
        sb.append("0 Background 0 0 0 0\n");
        for (LabelTable.Entry e : table.entries()) {
            if (e.value() != 0) {
                sb.append(String.format(Locale.ROOT, "%d %s %d %d %d 255%n", e.value(),
                        e.name().strip().replaceAll("\\s+", "_"), (e.rgb() >> 16) & 0xFF, (e.rgb() >> 8) & 0xFF,
                        e.rgb() & 0xFF));
            }
        }
        return sb.toString();
    }

    /**
     * The label of one data line, or null for value 0.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    static LabelTable.Entry parse(String line) {
        String[] t = line.trim().split("\\s+");
        if (t.length != 6) {
            throw new IllegalArgumentException("expected 6 fields (value name R G B A), found " + t.length);
        }
        int value = LabelText.integer(t[0], "label value", 0, 65535);
        String name = LabelText.name(t[1].replace('_', ' '));
        int rgb = LabelText.rgb(t[2], t[3], t[4]);
        LabelText.integer(t[5], "opacity", 0, 255);
        return value == 0 ? null : new LabelTable.Entry(value, name, rgb);
    }
}
