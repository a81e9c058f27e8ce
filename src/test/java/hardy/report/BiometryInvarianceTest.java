package hardy.report;

import hardy.volume.Rotations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import hardy.core.Cancellation;
import hardy.synth.PhantomGenerator;
import hardy.synth.SynthCase;
import hardy.volume.Affine;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.Resampler;
import org.junit.jupiter.api.Test;

/** Turning and moving a case on its grid (nearest-neighbour resampling) leaves its measurements alone. */
class BiometryInvarianceTest {

    @Test
    void rotatingAndTranslatingChangesNoLinearMeasureByMoreThanOneVoxel() {
        SynthCase sc = new PhantomGenerator(BiometryAccuracyTest.settings(), 18).generate(0, Cancellation.NEVER);
        LabelMap labels = sc.labels();
        Geometry g = labels.geometry();
        double[] centre = g.toWorld((g.nx() - 1) / 2.0, (g.ny() - 1) / 2.0, (g.nz() - 1) / 2.0);
        double[][] r = Rotations.xyz(Math.toRadians(25), Math.toRadians(-35), Math.toRadians(50));
        double s = 1.0;
        int n = g.nx();
        double[][] linear = new double[3][3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                linear[a][b] = r[a][b] * s;
            }
        }
        double half = (n - 1) / 2.0;
        double[] shift = {7.3, -4.1, 5.6};
        double[] origin = new double[3];
        for (int a = 0; a < 3; a++) {
            origin[a] = centre[a] + shift[a] - half * (linear[a][0] + linear[a][1] + linear[a][2]);
        }
        Geometry turned = new Geometry(n, n, n, Affine.of(linear, origin));
        LabelMap moved = Resampler.resample(labels, turned, Cancellation.NEVER);

        Biometry before = FetalBiometry.measure(labels);
        Biometry after = FetalBiometry.measure(moved);
        double voxel = Math.max(g.spacing()[0], s);
        for (String key : new String[] {FetalBiometry.BPD, FetalBiometry.FOD, FetalBiometry.TCD,
                FetalBiometry.VERMIS_HEIGHT, FetalBiometry.ATRIAL_LEFT, FetalBiometry.ATRIAL_RIGHT}) {
            assertThat(after.value(key)).as(key).isCloseTo(before.value(key), offset(voxel));
        }
        for (String key : new String[] {FetalBiometry.ICV, FetalBiometry.TOTAL_BRAIN, FetalBiometry.SUPRATENTORIAL,
                "volume_cerebellum", "volume_ventricles"}) {
            assertThat(after.value(key)).as(key).isCloseTo(before.value(key), offset(0.03 * before.value(key)));
        }
    }
}
