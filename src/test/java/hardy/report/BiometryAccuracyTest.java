package hardy.report;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.core.Cancellation;
import hardy.synth.DesignBiometry;
import hardy.synth.PhantomGenerator;
import hardy.synth.Range;
import hardy.synth.Subgroup;
import hardy.synth.SynthCase;
import hardy.synth.SynthSettings;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Automatic biometry on the true labels of phantoms against the diameters they were drawn with
 * ({@link DesignBiometry}), with the head turned up to 45° about every axis.
 */
class BiometryAccuracyTest {

    /** Tolerance of the issue: 1.5 mm on every case. */
    private static final double TOLERANCE_MM = 1.5;

    static SynthSettings settings() {
        Map<Subgroup, Double> shares = new EnumMap<>(Subgroup.class);
        shares.put(Subgroup.NORMAL, 0.5);
        shares.put(Subgroup.VENTRICULOMEGALY, 0.5);
        return SynthSettings.defaults().toBuilder().gestationalAge(new Range(22, 30)).shares(shares).size(112)
                .spacing(new Range(1.0, 1.0)).rotationDegrees(45).thickSliceShare(0).build();
    }

    @Test
    void bpdTcdAndAtriaAreWithinOneAndAHalfMillimetresOfDesignInAnyPose() {
        PhantomGenerator generator = new PhantomGenerator(settings(), 18);
        for (int c = 0; c < 6; c++) {
            SynthCase sc = generator.generate(c, Cancellation.NEVER);
            DesignBiometry d = sc.design();
            Biometry b = FetalBiometry.measure(sc.labels());
            System.out.printf(Locale.ROOT, "case %d %s ga %.1f bpd %.2f/%.2f tcd %.2f/%.2f atL %.2f/%.2f atR %.2f/%.2f%n",
                    c, sc.subgroup().id(), sc.gestationalAge(), b.value(FetalBiometry.BPD), d.bpdMm(),
                    b.value(FetalBiometry.TCD), d.tcdMm(), b.value(FetalBiometry.ATRIAL_LEFT), d.atrialLeftMm(),
                    b.value(FetalBiometry.ATRIAL_RIGHT), d.atrialRightMm());
            assertThat(b.value(FetalBiometry.BPD)).as("BPD case %d", c).isCloseTo(d.bpdMm(),
                    org.assertj.core.data.Offset.offset(TOLERANCE_MM));
            assertThat(b.value(FetalBiometry.TCD)).as("TCD case %d", c).isCloseTo(d.tcdMm(),
                    org.assertj.core.data.Offset.offset(TOLERANCE_MM));
            assertThat(b.value(FetalBiometry.ATRIAL_LEFT)).as("left atrium case %d", c).isCloseTo(d.atrialLeftMm(),
                    org.assertj.core.data.Offset.offset(TOLERANCE_MM));
            assertThat(b.value(FetalBiometry.ATRIAL_RIGHT)).as("right atrium case %d", c)
                    .isCloseTo(d.atrialRightMm(), org.assertj.core.data.Offset.offset(TOLERANCE_MM));
            // the flag follows the drawn atria, and the drawn atria follow the subgroup on these cases
            GestationalAge ga = new GestationalAge((int) sc.gestationalAge(), 0);
            boolean flagged = b.measurements().stream().map(m -> References.shipped().assess(m, ga))
                    .anyMatch(a -> a.flag().contains("ventriculomegaly"));
            assertThat(flagged).as("flag case %d", c).isEqualTo(d.atrialMaxMm() >= DesignBiometry.VENTRICULOMEGALY_MM);
            assertThat(flagged).as("flag of a %s case", sc.subgroup().id())
                    .isEqualTo(sc.subgroup() == Subgroup.VENTRICULOMEGALY);
        }
    }
}
