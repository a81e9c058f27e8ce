package hardy.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.ReadResult;
import hardy.io.VolumeReaders;
import hardy.volume.Affine;
import hardy.volume.Geometry;
import hardy.volume.Rescale;
import hardy.volume.Volume;
import hardy.volume.VoxelType;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Write then read gives identical voxels and geometry, for every type, byte order, layout and version. */
class NiftiRoundTripTest {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (VoxelType type : VoxelType.values()) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                for (String ext : new String[] {".nii", ".nii.gz", ".hdr", ".hdr.gz"}) {
                    for (int version : new int[] {1, 2}) {
                        cases.add(Arguments.of(type, order.toString(), ext, version));
                    }
                }
            }
        }
        return cases.stream();
    }

    /** An oblique, left-handed grid (as many DICOM-derived volumes are). */
    static Geometry obliqueGeometry() {
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        return new Geometry(7, 5, 4, Affine.ofRows(
                0.5 * c, 0, -3 * s, -91.25,
                0.5 * s * 0.6, 0.75 * 0.8, 3 * c * 0.6, 120.5,
                -0.5 * s * 0.8, 0.75 * 0.6, -3 * c * 0.8, -60.125));
    }

    static Volume randomVolume(VoxelType type, Geometry g, long seed) {
        Volume v = new Volume(g, Volume.allocate(g, type).data(),
                type.isInteger() ? new Rescale(0.5, -3) : Rescale.IDENTITY);
        Random rnd = new Random(seed);
        for (int i = 0; i < v.data().length(); i++) {
            double x = switch (type) {
                case UINT8 -> rnd.nextInt(256);
                case INT16 -> rnd.nextInt(65536) - 32768;
                case UINT16 -> rnd.nextInt(65536);
                case INT32 -> rnd.nextInt();
                case FLOAT32 -> (float) (rnd.nextGaussian() * 1e3);
                case FLOAT64 -> rnd.nextGaussian() * 1e300;
            };
            v.data().set(i, x);
        }
        if (!type.isInteger()) {
            v.data().set(3, Double.NaN);
        }
        return v;
    }

    @ParameterizedTest(name = "{0} {1} {2} NIfTI-{3}")
    @MethodSource("cases")
    void writeThenReadIsIdentity(VoxelType type, String order, String ext, int version) throws Exception {
        Volume original = randomVolume(type, obliqueGeometry(), type.ordinal());
        Path file = dir.resolve("roundtrip" + ext);
        ByteOrder bo = order.equals(ByteOrder.BIG_ENDIAN.toString()) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        new NiftiWriter(bo, version).write(original, file, ProgressListener.NONE, Cancellation.NEVER);

        ReadResult read = VolumeReaders.installed().read(file);
        Volume v = read.volume();
        assertThat(read.format()).isEqualTo("NIfTI-" + version);
        assertThat(read.details()).containsEntry("byteOrder", bo == ByteOrder.BIG_ENDIAN ? "big-endian"
                : "little-endian");
        assertThat(v.type()).isEqualTo(type);
        assertThat(v.data().contentEquals(original.data())).as("voxels").isTrue();
        assertThat(v.rescale()).isEqualTo(original.rescale());
        // NIfTI-1 stores the sform in float32; NIfTI-2 in float64.
        double tolerance = version == 1 ? 1e-4 : 1e-12;
        assertThat(v.geometry().voxelToLps().maxAbsDifference(original.geometry().voxelToLps()))
                .isLessThan(tolerance);
        assertThat(read.warnings()).isEmpty();
    }

    @Test
    void pairWritesAnImageFileBesideTheHeader() throws Exception {
        Volume original = randomVolume(VoxelType.INT16, obliqueGeometry(), 1);
        new NiftiWriter().write(original, dir.resolve("pair.hdr"), ProgressListener.NONE, Cancellation.NEVER);
        assertThat(dir.resolve("pair.img")).exists();
        assertThat(Files.size(dir.resolve("pair.hdr"))).isEqualTo(348);
        // Opening the .img finds its header too.
        Volume viaImage = VolumeReaders.installed().read(dir.resolve("pair.img")).volume();
        assertThat(viaImage.data().contentEquals(original.data())).isTrue();
    }

    @Test
    void theQformOfAWrittenFileAgreesWithItsSform() throws Exception {
        Volume original = randomVolume(VoxelType.UINT8, obliqueGeometry(), 2);
        Path file = dir.resolve("q.nii");
        new NiftiWriter().write(original, file, ProgressListener.NONE, Cancellation.NEVER);
        NiftiHeader h = NiftiHeaderCodec.decode(Files.readAllBytes(file));
        assertThat(h.sformCode()).isEqualTo(1);
        assertThat(h.qformCode()).isEqualTo(1);
        Affine q = NiftiAffines.qform(h, new ArrayList<>());
        assertThat(q.maxAbsDifference(NiftiAffines.sform(h))).isLessThan(1e-4);
    }

    @Test
    void aFailedWriteLeavesTheEarlierFileAlone() throws Exception {
        Volume original = randomVolume(VoxelType.INT16, obliqueGeometry(), 3);
        Path file = dir.resolve("keep.nii.gz");
        new NiftiWriter().write(original, file, ProgressListener.NONE, Cancellation.NEVER);
        byte[] before = Files.readAllBytes(file);
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NiftiWriter().write(
                randomVolume(VoxelType.INT16, obliqueGeometry(), 4), file, ProgressListener.NONE, cancel))
                .isInstanceOf(hardy.core.CancelledException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary files left").containsExactly(file);
        }
    }
}
