package hardy.report;

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
        double[][] r = rotation(Math.toRadians(25), Math.toRadians(-35), Math.toRadians(50));
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

    private static double[][] rotation(double a, double b, double c) {
        double[][] rx = {{1, 0, 0}, {0, Math.cos(a), -Math.sin(a)}, {0, Math.sin(a), Math.cos(a)}};
        double[][] ry = {{Math.cos(b), 0, Math.sin(b)}, {0, 1, 0}, {-Math.sin(b), 0, Math.cos(b)}};
        double[][] rz = {{Math.cos(c), -Math.sin(c), 0}, {Math.sin(c), Math.cos(c), 0}, {0, 0, 1}};
        return multiply(rz, multiply(ry, rx));
    }

    private static double[][] multiply(double[][] p, double[][] q) {
        double[][] out = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    out[i][j] += p[i][k] * q[k][j];
                }
            }
        }
        return out;
    }
}
