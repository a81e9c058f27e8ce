package hardy.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SynthSettingsTest {

    @Test
    void sharesParseAndDecideTheSubgroup() {
        Map<Subgroup, Double> shares = SynthSettings.parseShares("normal=1, agenesis_cc=3");
        assertThat(shares).containsEntry(Subgroup.NORMAL, 1.0).containsEntry(Subgroup.AGENESIS_CC, 3.0)
                .containsEntry(Subgroup.VENTRICULOMEGALY, 0.0);
        SynthSettings d = SynthSettings.defaults();
        SynthSettings s = new SynthSettings(d.gestationalAge(), shares, 64, 2, 0, 0.1, d.biasAmplitude(), d.noise(),
                d.blurMm(), 0, d.sliceThickness(), d.motionMm(), 1);
        assertThat(s.subgroup(0.2)).isEqualTo(Subgroup.NORMAL);
        assertThat(s.subgroup(0.3)).isEqualTo(Subgroup.AGENESIS_CC);
        Map<Subgroup, Integer> seen = new EnumMap<>(Subgroup.class);
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 4000; i++) {
            seen.merge(s.subgroup(rng.nextDouble()), 1, Integer::sum);
        }
        assertThat(seen).doesNotContainKey(Subgroup.VENTRICULOMEGALY);
        assertThat(seen.get(Subgroup.AGENESIS_CC)).isBetween(2850, 3150);
    }

    @Test
    void refusesUnknownSubgroupsAndBadShares() {
        assertThatThrownBy(() -> SynthSettings.parseShares("normal=1,holoprosencephaly=1"))
                .hasMessageContaining("unknown subgroup 'holoprosencephaly'");
        assertThatThrownBy(() -> SynthSettings.parseShares("normal")).hasMessageContaining("normal=0.6");
        assertThatThrownBy(() -> SynthSettings.parseShares("normal=x")).hasMessageContaining("not a number");
    }

    @Test
    void refusesGestationalAgesOutsideTheModel() {
        SynthSettings d = SynthSettings.defaults();
        assertThatThrownBy(() -> new SynthSettings(new Range(18, 30), d.shares(), 64, 2, 0, 0.1, d.biasAmplitude(),
                d.noise(), d.blurMm(), 0, d.sliceThickness(), d.motionMm(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20-35");
    }

    @Test
    void rangesParse() {
        assertThat(Range.parse("20-35")).isEqualTo(new Range(20, 35));
        assertThat(Range.parse("0.5:1.5")).isEqualTo(new Range(0.5, 1.5));
        assertThat(Range.parse("28")).isEqualTo(new Range(28, 28));
        assertThatThrownBy(() -> Range.parse("3-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Range.parse("abc")).hasMessageContaining("not a number");
    }
}
