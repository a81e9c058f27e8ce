package hardy.ui.render;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.ui.TestVolumes;
import hardy.volume.Affine;
import hardy.volume.Geometry;
import hardy.volume.Volume;
import org.junit.jupiter.api.Test;

class SliceMappingTest {

    private static int valueAt(Volume v, SliceMapping m, int u, int w) {
        return (int) v.value(m.sourceIndices()[u + m.width() * w]);
    }

    @Test
    void axialOfAnLpsGridIsTheStoredSliceWithPatientLeftOnTheRight() {
        Volume v = TestVolumes.ramp(4, 5, 6, TestVolumes.lps(1, 1, 1));
        SliceMapping m = new SliceMapping(DisplayGrid.of(v.geometry()), Plane.AXIAL, 2, true);
        assertThat(m.width()).isEqualTo(4);
        assertThat(m.height()).isEqualTo(5);
        // i grows towards the patient's left, which radiological display puts on the right.
        assertThat(valueAt(v, m, 0, 0)).isEqualTo(200);
        assertThat(valueAt(v, m, 3, 0)).isEqualTo(203);
        assertThat(valueAt(v, m, 0, 4)).isEqualTo(240);
    }

    @Test
    void neurologicalConventionMirrorsLeftAndRight() {
        Volume v = TestVolumes.ramp(4, 5, 6, TestVolumes.lps(1, 1, 1));
        SliceMapping m = new SliceMapping(DisplayGrid.of(v.geometry()), Plane.AXIAL, 2, false);
        assertThat(valueAt(v, m, 0, 0)).isEqualTo(203);
        assertThat(Plane.AXIAL.edgeLetters(false)).containsExactly('L', 'R', 'A', 'P');
    }

    @Test
    void aRasStoredVolumeIsShownInTheSamePatientOrientation() {
        Volume v = TestVolumes.ramp(4, 5, 6, TestVolumes.ras(1, 1, 1));
        SliceMapping m = new SliceMapping(DisplayGrid.of(v.geometry()), Plane.AXIAL, 0, true);
        // i = 0 is the patient's leftmost column here (i grows to the right): it must sit on the screen's right.
        assertThat(valueAt(v, m, 3, 0) % 10).isZero();
        assertThat(valueAt(v, m, 0, 0) % 10).isEqualTo(3);
        // j grows anteriorly: the top row (anterior) is the last j.
        assertThat(valueAt(v, m, 3, 0) / 10 % 10).isEqualTo(4);
    }

    @Test
    void coronalAndSagittalPutSuperiorAtTheTop() {
        Volume v = TestVolumes.ramp(4, 5, 6, TestVolumes.lps(1, 1, 1));
        DisplayGrid g = DisplayGrid.of(v.geometry());
        SliceMapping cor = new SliceMapping(g, Plane.CORONAL, 1, true);
        assertThat(cor.width()).isEqualTo(4);
        assertThat(cor.height()).isEqualTo(6);
        assertThat(valueAt(v, cor, 0, 0)).isEqualTo(510);
        assertThat(valueAt(v, cor, 0, 5)).isEqualTo(10);
        SliceMapping sag = new SliceMapping(g, Plane.SAGITTAL, 2, true);
        assertThat(sag.width()).isEqualTo(5);
        // Anterior (j = 0) on the left, posterior on the right, superior at the top.
        assertThat(valueAt(v, sag, 0, 0)).isEqualTo(502);
        assertThat(valueAt(v, sag, 4, 0)).isEqualTo(542);
        assertThat(Plane.SAGITTAL.edgeLetters(true)).containsExactly('A', 'P', 'S', 'I');
        assertThat(Plane.CORONAL.edgeLetters(true)).containsExactly('R', 'L', 'S', 'I');
    }

    @Test
    void aSagittallyAcquiredVolumeIsReslicedExactlyByPermutation() {
        // i runs posterior, j runs inferior, k runs to the patient's left (a typical sagittal acquisition).
        Affine sagittal = Affine.ofRows(0, 0, 2, 0, 1, 0, 0, 0, 0, -1, 0, 0);
        Volume v = TestVolumes.ramp(5, 6, 4, sagittal);
        DisplayGrid g = DisplayGrid.of(v.geometry());
        assertThat(g.oblique()).isFalse();
        assertThat(g.size(0)).isEqualTo(4);
        assertThat(g.spacing(0)).isEqualTo(2);
        SliceMapping ax = new SliceMapping(g, Plane.AXIAL, 0, true);
        // Axial slice 0 is the most inferior: j = 5. Its top-left is anterior-right: i = 0, k = 0.
        assertThat(valueAt(v, ax, 0, 0)).isEqualTo(50);
        assertThat(valueAt(v, ax, 3, 0)).isEqualTo(350);
        assertThat(valueAt(v, ax, 0, 4)).isEqualTo(54);
    }

    @Test
    void anisotropicSpacingGivesPixelSizesInMillimetres() {
        Volume v = TestVolumes.ramp(8, 8, 3, TestVolumes.lps(0.8, 0.8, 3.5));
        SliceMapping cor = new SliceMapping(DisplayGrid.of(v.geometry()), Plane.CORONAL, 0, true);
        assertThat(cor.pixelWidthMm()).isEqualTo(0.8);
        assertThat(cor.pixelHeightMm()).isEqualTo(3.5);
    }

    @Test
    void anObliqueVolumeIsReslicedAndSaysSo() {
        double c = Math.cos(Math.toRadians(20));
        double s = Math.sin(Math.toRadians(20));
        Geometry g = new Geometry(20, 20, 20, Affine.ofRows(c, -s, 0, 0, s, c, 0, 0, 0, 0, 1, 0));
        DisplayGrid grid = DisplayGrid.of(g);
        assertThat(grid.oblique()).isTrue();
        int[] centre = {grid.size(0) / 2, grid.size(1) / 2, grid.size(2) / 2};
        double[] world = grid.world(centre[0], centre[1], centre[2]);
        int[] voxel = grid.sourceVoxel(centre[0], centre[1], centre[2]);
        double[] back = g.toWorld(voxel[0], voxel[1], voxel[2]);
        // Nearest neighbour: the shown voxel's centre is within half a voxel diagonal of the display point.
        assertThat(Math.hypot(back[0] - world[0], back[1] - world[1])).isLessThan(0.75);
        SliceMapping m = new SliceMapping(grid, Plane.AXIAL, centre[2], true);
        assertThat(m.sourceIndices()[0]).as("corner of the bounding box is outside the rotated grid").isEqualTo(-1);
    }

    @Test
    void screenPixelAndDisplayIndexAreInverse() {
        Volume v = TestVolumes.ramp(7, 5, 3, TestVolumes.lps(1, 1, 1));
        for (Plane p : Plane.values()) {
            for (boolean radiological : new boolean[] {true, false}) {
                SliceMapping m = new SliceMapping(DisplayGrid.of(v.geometry()), p, 1, radiological);
                int[] d = m.displayIndex(2, 1);
                assertThat(m.screenPixel(d)).containsExactly(2, 1);
                assertThat(d[p.normalAxis()]).isEqualTo(1);
            }
        }
    }
}
