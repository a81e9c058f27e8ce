package hardy.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeometryTest {

    /** An oblique grid: rotated 30 degrees about the z axis, 0.8 x 0.8 x 3.5 mm. */
    static Geometry oblique() {
        double c = Math.cos(Math.toRadians(30));
        double s = Math.sin(Math.toRadians(30));
        return new Geometry(64, 48, 20, Affine.ofRows(
                0.8 * c, -0.8 * s, 0, -25,
                0.8 * s, 0.8 * c, 0, 40,
                0, 0, 3.5, -30));
    }

    @Test
    void spacingOriginAndDirectionsComeFromTheAffine() {
        Geometry g = oblique();
        assertThat(g.spacing()).containsExactly(new double[] {0.8, 0.8, 3.5}, within(1e-12));
        assertThat(g.origin()).containsExactly(-25, 40, -30);
        assertThat(g.direction(0)).containsExactly(new double[] {Math.cos(Math.toRadians(30)),
            Math.sin(Math.toRadians(30)), 0}, within(1e-12));
        assertThat(g.isOrthogonal()).isTrue();
        assertThat(g.voxelCount()).isEqualTo(64L * 48 * 20);
    }

    @Test
    void worldAndVoxelCoordinatesConvertBothWays() {
        Geometry g = oblique();
        double[] w = g.toWorld(10, 7, 3);
        assertThat(g.toVoxel(w[0], w[1], w[2])).containsExactly(new double[] {10, 7, 3}, within(1e-9));
    }

    @Test
    void rasAffineNegatesTheFirstTwoWorldAxes() {
        Geometry g = oblique();
        double[] lps = g.toWorld(1, 2, 3);
        double[] ras = g.voxelToRas().apply(1, 2, 3);
        assertThat(ras).containsExactly(-lps[0], -lps[1], lps[2]);
    }

    @Test
    void sameGridToleratesRoundingButNotAShift() {
        Geometry g = oblique();
        Affine a = g.voxelToLps();
        Geometry rounded = new Geometry(64, 48, 20, Affine.scaleTranslate(1, 1, 1, 1e-6, 0, 0).multiply(a));
        Geometry shifted = new Geometry(64, 48, 20, Affine.scaleTranslate(1, 1, 1, 0.01, 0, 0).multiply(a));
        assertThat(g.sameGrid(rounded)).isTrue();
        assertThat(g.sameGrid(shifted)).isFalse();
        assertThat(g.sameGrid(new Geometry(64, 48, 21, a))).isFalse();
    }

    @Test
    void aVoxelsVolumeIsTheVolumeItsAxesSpanNotTheProductOfSpacings() {
        // j leans 36.87 degrees towards i: spacing 1 x 1 x 2 mm, but the voxel is a parallelepiped of 0.8 x 2 mm^3.
        Geometry sheared = new Geometry(4, 4, 4, Affine.ofRows(1, 0.6, 0, 0, 0, 0.8, 0, 0, 0, 0, 2, 0));
        assertThat(sheared.spacing()).containsExactly(new double[] {1, 1, 2}, within(1e-12));
        assertThat(sheared.voxelVolumeMm3()).isCloseTo(1.6, within(1e-12));
        // Rotated and flipped (negative determinant): orthogonal, so spacings and volume agree.
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        Geometry oblique = new Geometry(4, 4, 4, Affine.ofRows(0.5 * c, -0.5 * s, 0, 0, 0.5 * s, 0.5 * c, 0, 0,
                0, 0, -3, 0));
        assertThat(oblique.voxelVolumeMm3()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void shearIsDetected() {
        Geometry sheared = new Geometry(4, 4, 4, Affine.ofRows(1, 0.2, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0));
        assertThat(sheared.isOrthogonal()).isFalse();
    }

    @Test
    void invalidGridsAreRefused() {
        assertThatThrownBy(() -> new Geometry(0, 1, 1, Affine.identity()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Geometry(1, 1, 1, Affine.scaleTranslate(1, 0, 1, 0, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invertible");
    }

    @Test
    void volumesBeyondOneJavaArrayFailClearly() {
        Geometry huge = Geometry.axisAligned(2048, 2048, 1024, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        assertThatThrownBy(() -> Volume.allocate(huge, VoxelType.UINT8))
                .isInstanceOf(VolumeTooLargeException.class)
                .hasMessageContaining("4,294,967,296 voxels");
    }
}
