package hardy.volume;

import java.util.List;
import java.util.Locale;

/**
 * The FeTA challenge labels (DESIGN.md, "Labels"): the one table of their names and colours, used by the phantom
 * generator, the viewer (labels nobody named otherwise) and the evaluation report. Models trained on other labels
 * bring their own table; nothing else assumes FeTA.
 *
 * <p>The colours are the seven chromatic colours of the Okabe-Ito palette (Okabe and Ito, "Color Universal Design",
 * 2002; also Wong, Nature Methods 8:441, 2011), chosen because:
 * <ul>
 *   <li>they stay apart for readers with protanopia, deuteranopia and tritanopia (every pair differs by at least
 *       15 CIELAB units in a Machado et al. 2009 simulation of each, which {@code FetalLabelsTest} checks);</li>
 *   <li>none is near white or grey, so each shows as a hue over a grey T2 image at the viewer's 40 % opacity (the
 *       old table drew white matter {@code #F5F5F5}, which vanished over bright immature white matter);</li>
 *   <li>neighbours in the brain get far-apart hues: the thin cortex (vermillion) between external CSF (sky blue)
 *       and white matter (bluish green); the ventricles (dark blue) inside the white matter; the cerebellum
 *       (orange) and brainstem (yellow) differ in lightness as well as hue.</li>
 * </ul>
 *
 * <p>Model cards written before this table (the shipped {@code fetal-brain} card among them) carry older FeTA
 * colours. A card whose labels are the FeTA labels ({@link #isFeta}) is shown in this table's colours
 * ({@link #displayed}): the colours are how Hardy draws a tissue, not part of what the model learnt, so the demo looks
 * the same before and after Segment whichever card made the labels.
 */
public final class FetalLabels {

    public static final int BACKGROUND = 0;
    public static final int EXTERNAL_CSF = 1;
    public static final int GREY_MATTER = 2;
    public static final int WHITE_MATTER = 3;
    public static final int VENTRICLES = 4;
    public static final int CEREBELLUM = 5;
    public static final int DEEP_GREY = 6;
    public static final int BRAINSTEM = 7;

    /** Names (FeTA's, capitalised for display) and colours (Okabe-Ito, see the class comment). */
    public static final LabelTable TABLE = LabelTable.of(List.of(
            new LabelTable.Entry(EXTERNAL_CSF, "External CSF", 0x56B4E9),   // sky blue
            new LabelTable.Entry(GREY_MATTER, "Grey matter", 0xD55E00),     // vermillion
            new LabelTable.Entry(WHITE_MATTER, "White matter", 0x009E73),   // bluish green
            new LabelTable.Entry(VENTRICLES, "Ventricles", 0x0072B2),       // blue
            new LabelTable.Entry(CEREBELLUM, "Cerebellum", 0xE69F00),       // orange
            new LabelTable.Entry(DEEP_GREY, "Deep grey matter", 0xCC79A7),  // reddish purple
            new LabelTable.Entry(BRAINSTEM, "Brainstem", 0xF0E442)));       // yellow

    private FetalLabels() {
    }

    /**
     * Whether {@code table} names exactly the seven FeTA labels with FeTA's names (case and spacing aside), whatever
     * its colours.
     */
    public static boolean isFeta(LabelTable table) {
        List<LabelTable.Entry> entries = table.entries().stream().filter(e -> e.value() != BACKGROUND).toList();
        if (entries.size() != TABLE.entries().size()) {
            return false;
        }
        for (LabelTable.Entry e : entries) {
            if (!TABLE.entry(e.value()).map(f -> key(f.name()).equals(key(e.name()))).orElse(false)) {
                return false;
            }
        }
        return true;
    }

    /** The table to draw labels with: {@link #TABLE} for a FeTA table ({@link #isFeta}), else {@code table}. */
    public static LabelTable displayed(LabelTable table) {
        return isFeta(table) ? TABLE : table;
    }

    private static String key(String name) {
        return name.strip().replaceAll("[\\s_]+", " ").toLowerCase(Locale.ROOT);
    }
}
