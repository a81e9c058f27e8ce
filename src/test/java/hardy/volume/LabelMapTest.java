package hardy.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabelMapTest {

    private static final Geometry GRID = Geometry.axisAligned(3, 2, 1, new double[] {1, 1, 1},
            new double[] {0, 0, 0});

    @Test
    void labelsAreCountedPerValue() {
        LabelMap labels = LabelMap.empty(GRID, 7);
        labels.setLabel(0, 0, 0, 7);
        labels.setLabel(1, 1, 0, 2);
        labels.setLabel(2, 1, 0, 2);
        assertThat(labels.counts()).containsExactly(3, 0, 2, 0, 0, 0, 0, 1);
        assertThat(labels.maxLabel()).isEqualTo(7);
        assertThat(LabelMap.empty(GRID, 7).maxLabel()).isZero();
        assertThat(labels.volume().type()).isEqualTo(VoxelType.UINT8);
        assertThat(LabelMap.empty(GRID, 300).volume().type()).isEqualTo(VoxelType.UINT16);
    }

    @Test
    void imagesOfWholeNonNegativeNumbersBecomeLabelMaps() {
        Volume floats = new Volume(GRID, new VoxelArray.Float32(new float[] {0, 1, 2, 5, 1, 0}));
        LabelMap labels = LabelMap.fromImage(floats);
        assertThat(labels.label(0, 1, 0)).isEqualTo(5);
        assertThat(labels.geometry()).isEqualTo(GRID);

        Volume fractional = new Volume(GRID, new VoxelArray.Float32(new float[] {0, 1.5f, 2, 5, 1, 0}));
        assertThatThrownBy(() -> LabelMap.fromImage(fractional)).hasMessageContaining("1.5");
    }

    @Test
    void signedOrScaledVolumesAreNotLabelMaps() {
        assertThatThrownBy(() -> new LabelMap(Volume.allocate(GRID, VoxelType.INT16)))
                .isInstanceOf(IllegalArgumentException.class);
        Volume scaled = new Volume(GRID, VoxelArray.allocate(VoxelType.UINT8, 6), new Rescale(2, 0));
        assertThatThrownBy(() -> new LabelMap(scaled)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labelTableNamesAndColoursEveryValue() {
        LabelTable table = LabelTable.of(java.util.List.of(new LabelTable.Entry(3, "White matter", 0xF5F5F5)));
        assertThat(table.name(3)).isEqualTo("White matter");
        assertThat(table.colour(3)).isEqualTo(0xF5F5F5);
        assertThat(table.name(0)).isEqualTo("Background");
        assertThat(table.name(9)).isEqualTo("Label 9");
        assertThat(table.colour(9)).isEqualTo(LabelTable.defaultColour(9));
        assertThatThrownBy(() -> LabelTable.of(java.util.List.of(new LabelTable.Entry(1, "a", 0),
                new LabelTable.Entry(1, "b", 0)))).hasMessageContaining("twice");
    }
}
