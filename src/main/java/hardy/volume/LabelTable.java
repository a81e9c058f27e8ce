package hardy.volume;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Names and display colours of label values. Each model brings its own table in its model card; nothing here
 * assumes a particular labelling convention.
 */
public final class LabelTable {

    /**
     * One label.
     *
     * @param value the voxel value, 0..65535
     * @param name  a human-readable name
     * @param rgb   display colour as 0xRRGGBB
     */
    public record Entry(int value, String name, int rgb) {
        public Entry {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("label value out of range: " + value);
            }
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("label " + value + " needs a name");
            }
            if ((rgb & ~0xFFFFFF) != 0) {
                throw new IllegalArgumentException("colour must be 0xRRGGBB, got " + Integer.toHexString(rgb));
            }
        }
    }

    /** A palette of distinguishable colours for labels a table does not colour itself. */
    private static final int[] PALETTE = {
        0xE6194B, 0x3CB44B, 0xFFE119, 0x4363D8, 0xF58231, 0x911EB4, 0x46F0F0, 0xF032E6,
        0xBCF60C, 0xFABEBE, 0x008080, 0xE6BEFF, 0x9A6324, 0xFFFAC8, 0x800000, 0xAAFFC3};

    private final Map<Integer, Entry> entries;

    private LabelTable(Map<Integer, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /**
     * A table of the given entries.
     *
     * @throws IllegalArgumentException on a duplicate value
     */
    public static LabelTable of(List<Entry> entries) {
        Map<Integer, Entry> map = new TreeMap<>();
        for (Entry e : entries) {
            if (map.put(e.value(), e) != null) {
                throw new IllegalArgumentException("label value " + e.value() + " appears twice");
            }
        }
        return new LabelTable(map);
    }

    /** A table naming labels 1..{@code count} "Label N" with palette colours (background 0 is implicit). */
    public static LabelTable generic(int count) {
        List<Entry> list = new ArrayList<>();
        for (int v = 1; v <= count; v++) {
            list.add(new Entry(v, "Label " + v, defaultColour(v)));
        }
        return of(list);
    }

    /** The palette colour Hardy gives label {@code value} when its table does not name a colour. */
    public static int defaultColour(int value) {
        return PALETTE[Math.floorMod(value - 1, PALETTE.length)];
    }

    /** The entry for a value, if the table has one. */
    public Optional<Entry> entry(int value) {
        return Optional.ofNullable(entries.get(value));
    }

    /** The display name of a value ("Background" for 0 unless named, else "Label N"). */
    public String name(int value) {
        Entry e = entries.get(value);
        if (e != null) {
            return e.name();
        }
        return value == 0 ? "Background" : "Label " + value;
    }

    /** The display colour of a value. */
    public int colour(int value) {
        Entry e = entries.get(value);
        return e != null ? e.rgb() : defaultColour(value);
    }

    /** All entries, by increasing value. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }
}
