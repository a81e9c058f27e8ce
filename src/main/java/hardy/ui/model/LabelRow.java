package hardy.ui.model;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One row of the label table: a label value with its name and colour (editable, saved beside the labels) and its
 * visibility (for this session).
 */
public final class LabelRow {

    private final int value;
    private final StringProperty name;
    private final IntegerProperty rgb;
    private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible", true);
    private final LongProperty voxels = new SimpleLongProperty(this, "voxels", 0);
    private final DoubleProperty millilitres = new SimpleDoubleProperty(this, "millilitres", 0);

    public LabelRow(int value, String name, int rgb) {
        this.value = value;
        this.name = new SimpleStringProperty(this, "name", name);
        this.rgb = new SimpleIntegerProperty(this, "rgb", rgb);
    }

    /** The voxel value. */
    public int value() {
        return value;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** Display colour 0xRRGGBB. */
    public IntegerProperty rgbProperty() {
        return rgb;
    }

    public BooleanProperty visibleProperty() {
        return visible;
    }

    /** Voxels carrying this label. */
    public LongProperty voxelsProperty() {
        return voxels;
    }

    /** Volume in millilitres (voxels x voxel volume). */
    public DoubleProperty millilitresProperty() {
        return millilitres;
    }
}
