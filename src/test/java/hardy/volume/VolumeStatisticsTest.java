package hardy.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VolumeStatisticsTest {

    @Test
    void statisticsUseRescaledValuesAndSkipNaN() {
        Geometry g = Geometry.axisAligned(5, 1, 1, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Volume ints = new Volume(g, new VoxelArray.Int16(new short[] {0, 1, 2, 3, 4}), new Rescale(2, 1));
        VolumeStatistics s = VolumeStatistics.of(ints);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(9);
        assertThat(s.mean()).isEqualTo(5);
        assertThat(s.std()).isCloseTo(Math.sqrt(8), within(1e-12));
        assertThat(s.p50()).isEqualTo(5);
        assertThat(s.p01()).isCloseTo(1.08, within(1e-12));
        assertThat(s.nonZero()).isEqualTo(5);

        Volume floats = new Volume(g, new VoxelArray.Float32(new float[] {Float.NaN, 1, 2, 3, Float.NaN}));
        VolumeStatistics f = VolumeStatistics.of(floats);
        assertThat(f.nanCount()).isEqualTo(2);
        assertThat(f.count()).isEqualTo(3);
        assertThat(f.mean()).isEqualTo(2);
    }

    @Test
    void unsignedTypesAreReadUnsigned() {
        Geometry g = Geometry.axisAligned(2, 1, 1, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Volume u16 = new Volume(g, new VoxelArray.UInt16(new short[] {(short) 65535, 0}));
        Volume u8 = new Volume(g, new VoxelArray.UInt8(new byte[] {(byte) 255, 0}));
        assertThat(VolumeStatistics.of(u16).max()).isEqualTo(65535);
        assertThat(VolumeStatistics.of(u8).max()).isEqualTo(255);
    }

    @Test
    void integerArraysRoundHalfAwayFromZeroAndClamp() {
        VoxelArray a = VoxelArray.allocate(VoxelType.INT16, 4);
        a.set(0, 2.5);
        a.set(1, -2.5);
        a.set(2, 1e9);
        a.set(3, Double.NaN);
        assertThat(new double[] {a.get(0), a.get(1), a.get(2), a.get(3)}).containsExactly(3, -3, 32767, 0);
    }
}
