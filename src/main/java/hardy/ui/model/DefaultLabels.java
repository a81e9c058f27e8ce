package hardy.ui.model;

import hardy.volume.LabelTable;
import java.util.List;

/** The label table the viewer uses when nothing else names the labels: the FeTA challenge's seven tissues. */
public final class DefaultLabels {

    private DefaultLabels() {
    }

    /** FeTA names (DESIGN.md) with colours that stay distinct over grey MRI. */
    public static LabelTable feta() {
        return LabelTable.of(List.of(
                new LabelTable.Entry(1, "External CSF", 0x2F8FFF),
                new LabelTable.Entry(2, "Grey matter", 0xFF5A36),
                new LabelTable.Entry(3, "White matter", 0xF2E6A0),
                new LabelTable.Entry(4, "Ventricles", 0x00D5D5),
                new LabelTable.Entry(5, "Cerebellum", 0x4CD24C),
                new LabelTable.Entry(6, "Deep grey matter", 0xC266E0),
                new LabelTable.Entry(7, "Brainstem", 0xFF78B4)));
    }
}
