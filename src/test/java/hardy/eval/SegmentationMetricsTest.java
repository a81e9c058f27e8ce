package hardy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import hardy.core.Cancellation;
import hardy.volume.Affine;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shapes whose metrics are known in closed form. */
class SegmentationMetricsTest {

    private static LabelMap map(int n, double[] spacing) {
        return LabelMap.empty(Geometry.axisAligned(n, n, n, spacing, new double[] {0, 0, 0}), 7);
    }

    private static void box(LabelMap m, int label, int x0, int x1, int y0, int y1, int z0, int z1) {
        for (int k = z0; k < z1; k++) {
            for (int j = y0; j < y1; j++) {
                for (int i = x0; i < x1; i++) {
                    m.setLabel(i, j, k, label);
                }
            }
        }
    }

    private static LabelScore score(LabelMap truth, LabelMap pred, int label) {
        return SegmentationMetrics.compare(truth, pred, new int[] {label}, Cancellation.NEVER).get(0);
    }

    @Test
    void cubesOffsetAlongOneAxis() {
        // a 10-voxel cube and the same cube moved 3 voxels along i (spacing 0.7 mm there): overlap 7/10; the
        // far faces (a sixth of each surface, more than 5 %) are exactly 3 * 0.7 mm from the other surface
        double[] spacing = {0.7, 1.1, 1.3};
        LabelMap t = map(24, spacing);
        LabelMap p = map(24, spacing);
        box(t, 2, 4, 14, 5, 15, 6, 16);
        box(p, 2, 7, 17, 5, 15, 6, 16);
        LabelScore s = score(t, p, 2);
        assertThat(s.dice()).isCloseTo(0.7, within(1e-12));
        assertThat(s.volumeSimilarity()).isEqualTo(1.0);
        assertThat(s.hd95Mm()).isCloseTo(2.1, within(1e-9));
    }

    @Test
    void slabThickenedAlongTheCoarseAxisUsesThatAxisSpacing() {
        // truth 20x20x2, prediction 20x20x4 on 0.5 x 0.7 x 3.0 mm voxels: the prediction's top face (400 of its
        // 952 surface voxels) lies 2 slices = 6 mm above the truth's; every other distance is smaller
        double[] spacing = {0.5, 0.7, 3.0};
        LabelMap t = map(24, spacing);
        LabelMap p = map(24, spacing);
        box(t, 3, 2, 22, 2, 22, 5, 7);
        box(p, 3, 2, 22, 2, 22, 5, 9);
        LabelScore s = score(t, p, 3);
        assertThat(s.hd95Mm()).isCloseTo(6.0, within(1e-9));
        assertThat(s.dice()).isCloseTo(2.0 * 800 / (800 + 1600), within(1e-12));
        assertThat(s.volumeSimilarity()).isCloseTo(1 - 800.0 / 2400, within(1e-12));
    }

    @Test
    void concentricBallsDifferByTheRadiusDifference() {
        double h = 0.8;
        LabelMap t = map(48, new double[] {h, h, h});
        LabelMap p = map(48, new double[] {h, h, h});
        int c = 24;
        long vt = 0;
        long vp = 0;
        for (int k = 0; k < 48; k++) {
            for (int j = 0; j < 48; j++) {
                for (int i = 0; i < 48; i++) {
                    double r = Math.sqrt((i - c) * (i - c) + (j - c) * (j - c) + (k - c) * (k - c));
                    if (r <= 14) {
                        p.setLabel(i, j, k, 1);
                        vp++;
                    }
                    if (r <= 10) {
                        t.setLabel(i, j, k, 1);
                        vt++;
                    }
                }
            }
        }
        LabelScore s = score(t, p, 1);
        // the surfaces are 4 voxels apart, up to the voxelisation of each sphere (under one voxel)
        assertThat(s.hd95Mm()).isBetween(3 * h, 5 * h);
        assertThat(s.dice()).isCloseTo(2.0 * vt / (vt + vp), within(1e-12));
        assertThat(s.dice()).isCloseTo(2.0 * 1000 / (1000 + 2744), within(0.02));   // (10/14)^3 in the limit
    }

    @Test
    void identicalMapsAgreePerfectly() {
        LabelMap t = map(16, new double[] {1, 1, 2});
        box(t, 5, 3, 9, 2, 12, 4, 8);
        LabelScore s = score(t, t, 5);
        assertThat(s).isEqualTo(new LabelScore(5, 1, 0, 1, 6 * 10 * 4, 6 * 10 * 4));
    }

    @Test
    void labelAbsentFromBothIsPerfectAgreement() {
        LabelMap t = map(8, new double[] {1, 1, 1});
        box(t, 1, 0, 4, 0, 4, 0, 4);
        LabelScore s = score(t, t, 4);
        assertThat(s.dice()).isEqualTo(1.0);
        assertThat(s.hd95Mm()).isEqualTo(0.0);
        assertThat(s.volumeSimilarity()).isEqualTo(1.0);
    }

    @Test
    void labelInOnlyOneMapHasDiceZeroAndUndefinedHd95() {
        LabelMap t = map(8, new double[] {1, 1, 1});
        LabelMap p = map(8, new double[] {1, 1, 1});
        box(t, 6, 1, 3, 1, 3, 1, 3);
        LabelScore s = score(t, p, 6);
        assertThat(s.dice()).isEqualTo(0.0);
        assertThat(s.hd95Defined()).isFalse();
        assertThat(s.volumeSimilarity()).isEqualTo(0.0);
        assertThat(score(p, t, 6).hd95Defined()).isFalse();
    }

    @Test
    void refusesMapsOnDifferentGrids() {
        LabelMap t = map(8, new double[] {1, 1, 1});
        LabelMap p = new LabelMap(LabelMap.empty(new Geometry(8, 8, 8, Affine.scaleTranslate(1, 1, 1, 5, 0, 0)), 7)
                .volume());
        assertThatThrownBy(() -> SegmentationMetrics.compare(t, p, new int[] {1}, Cancellation.NEVER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different grids");
    }

    @Test
    void scoresEachRequestedLabelInOrder() {
        LabelMap t = map(10, new double[] {1, 1, 1});
        box(t, 1, 0, 5, 0, 5, 0, 5);
        box(t, 2, 5, 10, 5, 10, 5, 10);
        List<LabelScore> s = SegmentationMetrics.compare(t, t, new int[] {2, 1}, Cancellation.NEVER);
        assertThat(s).extracting(LabelScore::label).containsExactly(2, 1);
    }
}
