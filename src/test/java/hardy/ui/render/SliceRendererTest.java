package hardy.ui.render;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.ui.TestVolumes;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.Rescale;
import hardy.volume.Volume;
import hardy.volume.VoxelType;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SliceRendererTest {

    private static final OverlayStyle NONE = OverlayStyle.NONE;

    @ParameterizedTest
    @EnumSource(VoxelType.class)
    void everyTypeRendersTheWindowedGreyOfEachVoxel(VoxelType type) {
        Geometry g = Geometry.axisAligned(9, 7, 3, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Volume v = new Volume(g, Volume.allocate(g, type).data(), new Rescale(2, -5));
        SplittableRandom rnd = new SplittableRandom(4);
        for (int i = 0; i < v.data().length(); i++) {
            v.data().set(i, rnd.nextInt(0, 250));
        }
        WindowLevel wl = new WindowLevel(200, 300);
        SliceMapping m = new SliceMapping(DisplayGrid.of(g), Plane.CORONAL, 3, true);
        int[] out = new int[m.width() * m.height()];
        new SliceRenderer().render(m, v, wl, null, NONE, out);
        for (int p = 0; p < out.length; p++) {
            int grey = wl.grey(v.value(m.sourceIndices()[p]));
            assertThat(out[p]).isEqualTo(0xFF000000 | grey * 0x010101);
        }
    }

    @Test
    void aLabelAtFullOpacityShowsItsColourAndHiddenOrBackgroundLabelsDoNot() {
        Volume v = TestVolumes.ramp(6, 6, 2, TestVolumes.lps(1, 1, 1));
        LabelMap labels = LabelMap.empty(v.geometry(), 3);
        labels.setLabel(1, 1, 0, 1);
        labels.setLabel(2, 1, 0, 2);
        int[] rgb = {0, 0x00FF00, 0xFF0000};
        SliceMapping m = new SliceMapping(DisplayGrid.of(v.geometry()), Plane.AXIAL, 0, true);
        int[] out = new int[36];
        new SliceRenderer().render(m, v, new WindowLevel(0, 1e-3), labels,
                new OverlayStyle(rgb, new boolean[] {true, true, false}, 1.0, false), out);
        assertThat(out[1 + 6]).isEqualTo(0xFF00FF00);
        assertThat(out[2 + 6]).as("hidden label").isEqualTo(0xFFFFFFFF);
        assertThat(out[3 + 6]).as("background").isEqualTo(0xFFFFFFFF);
    }

    @Test
    void halfOpacityBlendsColourAndGrey() {
        Volume v = Volume.allocate(Geometry.axisAligned(2, 1, 1, new double[] {1, 1, 1}, new double[3]),
                VoxelType.UINT8);
        LabelMap labels = LabelMap.empty(v.geometry(), 1);
        labels.setLabel(0, 0, 0, 1);
        SliceMapping m = new SliceMapping(DisplayGrid.of(v.geometry()), Plane.AXIAL, 0, true);
        int[] out = new int[2];
        new SliceRenderer().render(m, v, new WindowLevel(10, 1), labels,
                new OverlayStyle(new int[] {0, 0xFF0000}, new boolean[] {false, true}, 0.5, false), out);
        // A black image under red at half opacity: red 255 * 128 / 256 = 127; the unlabelled voxel stays black.
        assertThat(out[0]).isEqualTo(0xFF7F0000);
        assertThat(out[1]).isEqualTo(0xFF000000);
    }

    @Test
    void outlineModeDrawsOnlyTheBorderOfARegion() {
        Volume v = TestVolumes.ramp(7, 7, 1, TestVolumes.lps(1, 1, 1));
        LabelMap labels = LabelMap.empty(v.geometry(), 1);
        for (int j = 1; j <= 5; j++) {
            for (int i = 1; i <= 5; i++) {
                labels.setLabel(i, j, 0, 1);
            }
        }
        SliceMapping m = new SliceMapping(DisplayGrid.of(v.geometry()), Plane.AXIAL, 0, true);
        int[] out = new int[49];
        new SliceRenderer().render(m, v, new WindowLevel(-1e6, 1), labels,
                new OverlayStyle(new int[] {0, 0x0000FF}, new boolean[] {false, true}, 1.0, true), out);
        assertThat(out[1 + 7]).as("corner of the square").isEqualTo(0xFF0000FF);
        assertThat(out[3 + 7 * 1]).as("top edge").isEqualTo(0xFF0000FF);
        assertThat(out[3 + 7 * 3]).as("inside").isEqualTo(0xFFFFFFFF);
    }
}
