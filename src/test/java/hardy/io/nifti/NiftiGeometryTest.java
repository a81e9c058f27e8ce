package hardy.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import hardy.io.ReadResult;
import hardy.io.VolumeReaders;
import hardy.volume.Affine;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NIfTI geometry rules: qform quaternions with qfac, sform precedence, the pixdim fallback, RAS to LPS. */
class NiftiGeometryTest {

    @TempDir
    Path dir;

    private Affine readRas(HandMadeNifti n) throws Exception {
        ReadResult r = VolumeReaders.installed().read(n.write(dir.resolve("t" + System.nanoTime() + ".nii")));
        return r.volume().geometry().voxelToRas();
    }

    @Test
    void qformRotationOf180DegreesAboutZWithNegativeQfac() throws Exception {
        // quaternion (0, 0, 0, 1): R = diag(-1, -1, 1); qfac -1 flips the third column.
        HandMadeNifti n = HandMadeNifti.int16(4, 3, 2).pixdim(2, 3, 4).qfac(-1).qform(1, 0, 0, 1, 10, 20, 30);
        assertThat(readRas(n).maxAbsDifference(Affine.ofRows(-2, 0, 0, 10, 0, -3, 0, 20, 0, 0, -4, 30)))
                .isLessThan(1e-6);
    }

    @Test
    void qformRotationOf90DegreesAboutX() throws Exception {
        double h = Math.sqrt(0.5);
        // quaternion (h, h, 0, 0): y -> z, z -> -y
        HandMadeNifti n = HandMadeNifti.int16(4, 3, 2).pixdim(1, 2, 3).qform(1, h, 0, 0, -5, 0, 5);
        assertThat(readRas(n).maxAbsDifference(Affine.ofRows(1, 0, 0, -5, 0, 0, -3, 0, 0, 2, 0, 5)))
                .isLessThan(1e-6);
    }

    @Test
    void sformWinsOverQformWhenBothAreSet() throws Exception {
        HandMadeNifti n = HandMadeNifti.int16(4, 3, 2).pixdim(1, 1, 1).qform(1, 0, 0, 0, 0, 0, 0)
                .sform(2, 0.9, 0.1, 0, -40, 0, 1.1, 0.05, 50, 0, 0, 2.5, -60);
        assertThat(readRas(n).maxAbsDifference(Affine.ofRows(0.9, 0.1, 0, -40, 0, 1.1, 0.05, 50, 0, 0, 2.5, -60)))
                .isLessThan(1e-6);
    }

    @Test
    void withoutCodesTheAffineIsNibabelsCentredAnalyzeStyleOne() throws Exception {
        HandMadeNifti n = HandMadeNifti.int16(5, 4, 3).pixdim(2, 3, 4);
        // diag(-2, 3, 4), translation -(shape - 1)/2 * zooms with x flipped
        assertThat(readRas(n).maxAbsDifference(Affine.ofRows(-2, 0, 0, 4, 0, 3, 0, -4.5, 0, 0, 4, -4)))
                .isLessThan(1e-9);
    }

    @Test
    void readerReturnsLpsGeometry() throws Exception {
        HandMadeNifti n = HandMadeNifti.int16(4, 3, 2).pixdim(1, 1, 1).sform(1, 1, 0, 0, 7, 0, 1, 0, 8, 0, 0, 1, 9);
        ReadResult r = VolumeReaders.installed().read(n.write(dir.resolve("lps.nii")));
        assertThat(r.volume().geometry().origin()).containsExactly(-7, -8, 9);
    }

    @Test
    void qformOfAnyRotationRoundTripsThroughTheQuaternion() {
        Random rnd = new Random(42);
        for (int t = 0; t < 200; t++) {
            double[] q = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            double[][] r = NiftiAffines.quaternionToMatrix(q[0], q[1], q[2], q[3]);
            double[] zooms = {0.3 + rnd.nextDouble() * 3, 0.3 + rnd.nextDouble() * 3, 0.3 + rnd.nextDouble() * 5};
            double qfac = rnd.nextBoolean() ? 1 : -1;
            double[][] m = new double[3][3];
            for (int row = 0; row < 3; row++) {
                for (int col = 0; col < 3; col++) {
                    m[row][col] = r[row][col] * zooms[col] * (col == 2 ? qfac : 1);
                }
            }
            Affine ras = Affine.of(m, new double[] {rnd.nextGaussian() * 100, rnd.nextGaussian() * 100, 3});
            NiftiAffines.Qform qf = NiftiAffines.toQform(ras);
            assertThat(qf.qfac()).isEqualTo(qfac);
            assertThat(qf.pixdim()).containsExactly(zooms, within(1e-9));
            NiftiHeader h = header(qf);
            List<String> warnings = new ArrayList<>();
            assertThat(NiftiAffines.qform(h, warnings).maxAbsDifference(ras)).isLessThan(1e-9);
            assertThat(warnings).isEmpty();
        }
    }

    @Test
    void shearedAffineGetsTheNearestRotationInItsQform() {
        Affine sheared = Affine.ofRows(1, 0.05, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0);
        NiftiAffines.Qform qf = NiftiAffines.toQform(sheared);
        double[][] r = NiftiAffines.quaternionToMatrix(Math.sqrt(Math.max(0, 1 - qf.b() * qf.b() - qf.c() * qf.c()
                - qf.d() * qf.d())), qf.b(), qf.c(), qf.d());
        // A rotation: orthonormal columns, determinant +1.
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double dot = r[0][a] * r[0][b] + r[1][a] * r[1][b] + r[2][a] * r[2][b];
                assertThat(dot).isCloseTo(a == b ? 1 : 0, within(1e-12));
            }
        }
    }

    @Test
    void aHeaderWithoutAnyUsableTransformHasNoAffine() {
        // NIfTI-2 pixdims can be so large that even the centred pixdim affine overflows (found by fuzzing).
        NiftiHeader h = new NiftiHeader(2, ByteOrder.LITTLE_ENDIAN, true, new long[] {3, 4, 4, 4, 1, 1, 1, 1}, 4, 16,
                new double[] {1, 1.5e308, 1, 1, 0, 0, 0, 0}, 544, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                new double[4], new double[4], new double[4]);
        assertThat(NiftiAffines.best(h, new ArrayList<>())).isEmpty();
    }

    private static NiftiHeader header(NiftiAffines.Qform q) {
        return new NiftiHeader(2, ByteOrder.LITTLE_ENDIAN, true, new long[] {3, 2, 2, 2, 1, 1, 1, 1}, 4, 16,
                new double[] {q.qfac(), q.pixdim()[0], q.pixdim()[1], q.pixdim()[2], 0, 0, 0, 0}, 544, 0, 0, 2, 0,
                1, 0, q.b(), q.c(), q.d(), q.offset()[0], q.offset()[1], q.offset()[2],
                new double[4], new double[4], new double[4]);
    }
}
