package hardy.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import hardy.core.Cancellation;
import hardy.core.CancelledException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static Volume randomVolume(Geometry g, VoxelType type, long seed) {
        Volume v = Volume.allocate(g, type);
        Random rnd = new Random(seed);
        for (int i = 0; i < v.data().length(); i++) {
            v.data().set(i, rnd.nextInt(1000) - (type == VoxelType.INT16 ? 500 : 0));
        }
        return v;
    }

    @Test
    void resamplingOntoTheSameGridIsExact() {
        Geometry g = GeometryTest.oblique();
        Volume image = new Volume(g, randomVolume(g, VoxelType.INT16, 1).data(), new Rescale(0.5, 10));
        Volume linear = Resampler.resample(image, g, Resampler.Interpolation.LINEAR, 0, Cancellation.NEVER);
        Volume nearest = Resampler.resample(image, g, Resampler.Interpolation.NEAREST, 0, Cancellation.NEVER);
        for (int i = 0; i < image.data().length(); i++) {
            assertThat(linear.value(i)).isEqualTo(image.value(i));
        }
        assertThat(nearest.data().contentEquals(image.data())).isTrue();
        assertThat(nearest.rescale()).isEqualTo(image.rescale());
    }

    @Test
    void labelsSurviveAPermutedGridOfTheSameWorld() {
        // The same voxels described with i and j swapped (and j reversed): nearest neighbour must move labels.
        Geometry g = Geometry.axisAligned(5, 4, 3, new double[] {1, 2, 3}, new double[] {10, 20, 30});
        Volume labels = randomVolume(g, VoxelType.UINT8, 2);
        Affine swap = g.voxelToLps().multiply(Affine.ofRows(0, 1, 0, 0, -1, 0, 0, 3, 0, 0, 1, 0));
        Geometry permuted = new Geometry(4, 5, 3, swap);
        LabelMap moved = Resampler.resample(new LabelMap(labels), permuted, Cancellation.NEVER);
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 4; j++) {
                for (int i = 0; i < 5; i++) {
                    // permuted voxel (a, b) maps to original (b, 3 - a)
                    assertThat(moved.label(3 - j, i, k)).isEqualTo((int) labels.stored(i, j, k));
                }
            }
        }
    }

    @Test
    void linearInterpolationHalfwayIsTheMean() {
        Geometry g = Geometry.axisAligned(2, 1, 1, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Volume v = Volume.allocate(g, VoxelType.FLOAT32);
        v.data().set(0, 10);
        v.data().set(1, 20);
        Geometry mid = Geometry.axisAligned(1, 1, 1, new double[] {1, 1, 1}, new double[] {0.5, 0, 0});
        Volume out = Resampler.resample(v, mid, Resampler.Interpolation.LINEAR, -1, Cancellation.NEVER);
        assertThat(out.value(0)).isCloseTo(15, within(1e-6));
        assertThat(out.type()).isEqualTo(VoxelType.FLOAT32);
    }

    @Test
    void voxelsOutsideTheSourceGetTheOutsideValue() {
        Geometry g = Geometry.axisAligned(2, 2, 2, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Volume v = randomVolume(g, VoxelType.UINT8, 3);
        Geometry far = Geometry.axisAligned(1, 1, 1, new double[] {1, 1, 1}, new double[] {100, 0, 0});
        assertThat(Resampler.resample(v, far, Resampler.Interpolation.LINEAR, -7, Cancellation.NEVER).value(0))
                .isEqualTo(-7);
        assertThat(Resampler.resample(v, far, Resampler.Interpolation.NEAREST, -7, Cancellation.NEVER).value(0))
                .isZero();
    }

    @Test
    void cancellationStopsTheWork() {
        Geometry g = Geometry.axisAligned(8, 8, 8, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Resampler.resample(Volume.allocate(g,
                VoxelType.UINT8), g, Resampler.Interpolation.NEAREST, 0, cancel))
                .isInstanceOf(CancelledException.class);
    }
}
