package hardy.synth;

import hardy.volume.LabelTable;
import java.util.List;

/** The FeTA challenge labels that the phantoms carry (DESIGN.md, "Labels"). */
public final class FetalLabels {

    public static final int BACKGROUND = 0;
    public static final int EXTERNAL_CSF = 1;
    public static final int GREY_MATTER = 2;
    public static final int WHITE_MATTER = 3;
    public static final int VENTRICLES = 4;
    public static final int CEREBELLUM = 5;
    public static final int DEEP_GREY = 6;
    public static final int BRAINSTEM = 7;

    /** Names and colours, as FeTA publishes them. */
    public static final LabelTable TABLE = LabelTable.of(List.of(
            new LabelTable.Entry(EXTERNAL_CSF, "external CSF", 0xC8C8EB),
            new LabelTable.Entry(GREY_MATTER, "grey matter", 0xE6194B),
            new LabelTable.Entry(WHITE_MATTER, "white matter", 0xF5F5F5),
            new LabelTable.Entry(VENTRICLES, "ventricles", 0x4363D8),
            new LabelTable.Entry(CEREBELLUM, "cerebellum", 0xF58231),
            new LabelTable.Entry(DEEP_GREY, "deep grey matter", 0x3CB44B),
            new LabelTable.Entry(BRAINSTEM, "brainstem", 0xFFE119)));

    private FetalLabels() {
    }
}
