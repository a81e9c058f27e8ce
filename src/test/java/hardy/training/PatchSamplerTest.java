package hardy.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import hardy.training.unet.UNet3dConfig;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import hardy.volume.VoxelType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatchSamplerTest {

    /**
     * Class 1 fills a 12-voxel cube, class 2 is a single voxel: a patch centred on a labelled class must be centred
     * on each about half the time, not in proportion to their sizes (1728 to 1).
     */
    @Test
    void centredPatchesDrawEachClassPresentEquallyOften() {
        Geometry grid = Geometry.axisAligned(24, 24, 24, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Volume image = Volume.allocate(grid, VoxelType.FLOAT32);
        LabelMap labels = LabelMap.empty(grid, 3);
        for (int k = 6; k < 18; k++) {
            for (int j = 6; j < 18; j++) {
                for (int i = 6; i < 18; i++) {
                    labels.setLabel(i, j, k, 1);
                    image.data().set(image.index(i, j, k), 1);
                }
            }
        }
        labels.setLabel(12, 12, 12, 2);
        TrainingOptions options = new TrainingOptions(new UNet3dConfig(1, 4, 4, 1), 8, 8, 8, 1, 1e-3, 0, 1.0, false,
                3);
        PatchSampler sampler = new PatchSampler(List.of(new TrainingCase(image, labels)), options);
        int samples = 2000;
        int[] centre = new int[4];
        for (int s = 0; s < samples; s++) {
            int[] patch = sampler.sample(0, s, 0).labels();
            centre[patch[4 + 8 * 4 + 64 * 4]]++; // the voxel at (4, 4, 4) of an 8-voxel patch
        }
        assertThat(centre[0]).isZero();
        assertThat(centre[3]).isZero();
        assertThat(centre[2] / (double) samples).isCloseTo(0.5, within(0.05));
    }
}
