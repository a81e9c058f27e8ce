package hardy.inference;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {

    private static final Geometry GRID = Geometry.axisAligned(10, 10, 10, new double[] {1, 1, 1},
            new double[] {0, 0, 0});

    /** A "brain" of two touching labels, 3x3x3 of label 1 beside 3x3x3 of label 2, and a 2x2x2 island of label 2. */
    private static LabelMap brainAndIsland() {
        LabelMap m = LabelMap.empty(GRID, 2);
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 6; i++) {
                    m.volume().data().set(i + 10 * (j + 10 * k), i < 3 ? 1 : 2);
                }
            }
        }
        for (int k = 7; k < 9; k++) {
            for (int j = 7; j < 9; j++) {
                for (int i = 7; i < 9; i++) {
                    m.volume().data().set(i + 10 * (j + 10 * k), 2);
                }
            }
        }
        return m;
    }

    @Test
    void keepsTheLargestForegroundPieceWhateverItsLabels() {
        LabelMap m = brainAndIsland();
        assertThat(ConnectedComponents.keepLargestForeground(m)).isEqualTo(8);
        assertThat(m.counts()).containsExactly(1000 - 54, 27, 27);
        assertThat(m.label(7, 7, 7)).isZero();
        assertThat(m.label(0, 0, 0)).isEqualTo(1);
        assertThat(m.label(5, 2, 2)).isEqualTo(2);
    }

    @Test
    void perLabelStepLooksAtOneLabelOnly() {
        LabelMap m = brainAndIsland();
        assertThat(ConnectedComponents.keepLargest(m, 1)).isZero();
        assertThat(ConnectedComponents.keepLargest(m, 2)).isEqualTo(8);
        assertThat(m.label(7, 7, 7)).isZero();
    }

    @Test
    void diagonalNeighboursAreSeparatePieces() {
        LabelMap m = LabelMap.empty(GRID, 1);
        m.volume().data().set(0, 1);
        m.volume().data().set(1 + 10 + 100, 1); // touches voxel 0 only at a corner
        m.volume().data().set(1 + 10 + 100 + 1, 1);
        assertThat(ConnectedComponents.keepLargestForeground(m)).isEqualTo(1);
        assertThat(m.label(0, 0, 0)).isZero();
    }

    @Test
    void anEmptyMapStaysEmpty() {
        LabelMap m = LabelMap.empty(GRID, 3);
        assertThat(ConnectedComponents.keepLargestForeground(m)).isZero();
        assertThat(m.counts()[0]).isEqualTo(1000);
    }
}
