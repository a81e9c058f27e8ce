package hardy.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FetalLabelsTest {

    /** Machado, Oliveira and Fernandes 2009, severity 1.0, on linear RGB. */
    private static final double[][][] VISION = {
        {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
        {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}},
        {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}},
        {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}}};

    @Test
    void namesTheSevenFetaTissues() {
        assertThat(FetalLabels.TABLE.entries()).extracting(LabelTable.Entry::value)
                .containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(FetalLabels.TABLE.name(FetalLabels.WHITE_MATTER)).isEqualTo("White matter");
    }

    @Test
    void noColourIsNearGreyOrWhite() {
        for (LabelTable.Entry e : FetalLabels.TABLE.entries()) {
            int r = e.rgb() >> 16 & 0xFF;
            int g = e.rgb() >> 8 & 0xFF;
            int b = e.rgb() & 0xFF;
            int max = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            double saturation = max == 0 ? 0 : (max - min) / (double) max;
            assertThat(saturation).as(e.name()).isGreaterThan(0.35);
        }
    }

    @ParameterizedTest(name = "vision {0}")
    @ValueSource(ints = {0, 1, 2, 3})  // normal, protanopia, deuteranopia, tritanopia
    void everyPairStaysApartForColourBlindReaders(int vision) {
        List<LabelTable.Entry> all = FetalLabels.TABLE.entries();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                double d = distance(lab(seen(all.get(i).rgb(), VISION[vision])),
                        lab(seen(all.get(j).rgb(), VISION[vision])));
                assertThat(d).as("%s vs %s", all.get(i).name(), all.get(j).name()).isGreaterThan(15);
            }
        }
    }

    @Test
    void recognisesAnOlderFetaCardWhateverItsColoursAndCase() {
        LabelTable old = LabelTable.of(List.of(
                new LabelTable.Entry(1, "external CSF", 0xC8C8EB), new LabelTable.Entry(2, "grey matter", 0xE6194B),
                new LabelTable.Entry(3, "white matter", 0xF5F5F5), new LabelTable.Entry(4, "ventricles", 0x4363D8),
                new LabelTable.Entry(5, "cerebellum", 0xF58231), new LabelTable.Entry(6, "deep_grey_matter", 0x3CB44B),
                new LabelTable.Entry(7, "brainstem", 0xFFE119)));
        assertThat(FetalLabels.isFeta(old)).isTrue();
        assertThat(FetalLabels.displayed(old)).isSameAs(FetalLabels.TABLE);
    }

    @Test
    void leavesOtherTablesAlone() {
        LabelTable renamed = LabelTable.of(FetalLabels.TABLE.entries().stream()
                .map(e -> e.value() == 3 ? new LabelTable.Entry(3, "Subplate", e.rgb()) : e).toList());
        LabelTable fewer = LabelTable.of(FetalLabels.TABLE.entries().subList(0, 6));
        assertThat(FetalLabels.isFeta(renamed)).isFalse();
        assertThat(FetalLabels.isFeta(fewer)).isFalse();
        assertThat(FetalLabels.displayed(renamed)).isSameAs(renamed);
    }

    private static double[] seen(int rgb, double[][] m) {
        double[] lin = {linear(rgb >> 16 & 0xFF), linear(rgb >> 8 & 0xFF), linear(rgb & 0xFF)};
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = Math.clamp(m[i][0] * lin[0] + m[i][1] * lin[1] + m[i][2] * lin[2], 0, 1);
        }
        return out;
    }

    private static double linear(int c) {
        double v = c / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /** CIELAB (D65) of linear RGB. */
    private static double[] lab(double[] v) {
        double x = (0.4124 * v[0] + 0.3576 * v[1] + 0.1805 * v[2]) / 0.95047;
        double y = 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
        double z = (0.0193 * v[0] + 0.1192 * v[1] + 0.9505 * v[2]) / 1.08883;
        return new double[] {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
    }

    private static double f(double t) {
        return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116;
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }
}
