package hardy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistanceTransformTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void equalsBruteForceOnRandomSparseFeaturesWithAnisotropicSpacing(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int nx = 7 + rng.nextInt(9);
        int ny = 5 + rng.nextInt(9);
        int nz = 3 + rng.nextInt(9);
        double[] spacing = {0.3 + rng.nextDouble(), 0.3 + rng.nextDouble(), 0.5 + 3 * rng.nextDouble()};
        boolean[] f = new boolean[nx * ny * nz];
        for (int i = 0; i < f.length; i++) {
            f[i] = rng.nextDouble() < 0.03;
        }
        f[rng.nextInt(f.length)] = true;
        double[] d = DistanceTransform.squared(f, nx, ny, nz, spacing);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double best = Double.POSITIVE_INFINITY;
                    for (int c = 0; c < nz; c++) {
                        for (int b = 0; b < ny; b++) {
                            for (int a = 0; a < nx; a++) {
                                if (f[a + nx * (b + ny * c)]) {
                                    double dx = (a - i) * spacing[0];
                                    double dy = (b - j) * spacing[1];
                                    double dz = (c - k) * spacing[2];
                                    best = Math.min(best, dx * dx + dy * dy + dz * dz);
                                }
                            }
                        }
                    }
                    assertThat(d[i + nx * (j + ny * k)]).isCloseTo(best, within(1e-9));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 6})
    void isInfiniteEverywhereWithoutFeatures(int n) {
        double[] d = DistanceTransform.squared(new boolean[n * n * n], n, n, n, new double[] {1, 1, 1});
        assertThat(d).containsOnly(Double.POSITIVE_INFINITY);
    }
}
