package hardy.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AffineTest {

    private static Affine randomAffine(Random rnd) {
        double[] m = new double[12];
        for (int i = 0; i < 12; i++) {
            m[i] = rnd.nextGaussian() * (i % 4 == 3 ? 100 : 2);
        }
        return Affine.ofRows(m);
    }

    @Test
    void inverseUndoesTheTransform() {
        Random rnd = new Random(7);
        for (int n = 0; n < 100; n++) {
            Affine a = randomAffine(rnd);
            assertThat(a.inverse().multiply(a).maxAbsDifference(Affine.identity())).isLessThan(1e-9);
            double[] p = a.apply(1.5, -2, 30);
            double[] back = a.inverse().apply(p[0], p[1], p[2]);
            assertThat(back).containsExactly(new double[] {1.5, -2, 30}, within(1e-8));
        }
    }

    @Test
    void multiplyAppliesTheRightOperandFirst() {
        Affine scale = Affine.scaleTranslate(2, 3, 4, 0, 0, 0);
        Affine shift = Affine.scaleTranslate(1, 1, 1, 10, 20, 30);
        assertThat(shift.multiply(scale).apply(1, 1, 1)).containsExactly(12, 23, 34);
        assertThat(scale.multiply(shift).apply(1, 1, 1)).containsExactly(22, 63, 124);
    }

    @Test
    void flipXYConvertsBetweenLpsAndRas() {
        Affine lps = Affine.scaleTranslate(0.5, 0.8, 3, -90, 120, -60);
        Affine ras = lps.flipXY();
        double[] pLps = lps.apply(10, 20, 5);
        double[] pRas = ras.apply(10, 20, 5);
        assertThat(pRas).containsExactly(-pLps[0], -pLps[1], pLps[2]);
        assertThat(ras.flipXY()).isEqualTo(lps);
    }

    @Test
    void singularAffineCannotBeInverted() {
        Affine flat = Affine.scaleTranslate(1, 1, 0, 0, 0, 0);
        assertThat(flat.isInvertible()).isFalse();
        assertThatThrownBy(flat::inverse).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void singularityIsJudgedIndependentlyOfScaleAndWithoutOverflow() {
        assertThat(Affine.scaleTranslate(1e-200, 1e-200, 1e-200, 0, 0, 0).isInvertible()).isFalse();
        assertThat(Affine.scaleTranslate(1e-5, 1e-5, 1e-5, 0, 0, 0).isInvertible()).isTrue();
        assertThat(Affine.scaleTranslate(1e300, 1e300, 1e300, 0, 0, 0).isInvertible()).isFalse();
        // The inverse's translation would overflow: not invertible, rather than an exception.
        assertThat(Affine.scaleTranslate(1e-10, 1, 1, -1.7e308, 0, 0).isInvertible()).isFalse();
    }

    @Test
    void nonFiniteElementsAreRefused() {
        assertThatThrownBy(() -> Affine.scaleTranslate(Double.NaN, 1, 1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void axisCodesNameWhereEachIndexIncreases() {
        assertThat(Affine.scaleTranslate(1, 1, 1, 0, 0, 0).axisCodes("RAS", "LPI")).isEqualTo("RAS");
        assertThat(Affine.scaleTranslate(-2, 2, 2, 0, 0, 0).axisCodes("RAS", "LPI")).isEqualTo("LAS");
        // Coronal slices: i -> R, j -> I (rows go down), k -> A.
        Affine coronal = Affine.ofRows(1, 0, 0, 0, 0, 0, 1, 0, 0, -1, 0, 0);
        assertThat(coronal.axisCodes("RAS", "LPI")).isEqualTo("RIA");
    }
}
