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
    void defaultsAreTheBareHeadOnAFixedGrid() {
        SynthSettings d = SynthSettings.defaults();
        assertThat(d.size()).isEqualTo(160);
        assertThat(d.spacing()).isEqualTo(new Range(0.8, 0.8));
        assertThat(d.fovMm()).isNull();
        assertThat(d.rotationDegrees()).isEqualTo(10);
        assertThat(d.headOffsetMm()).isZero();
        assertThat(d.surroundingsShare()).isZero();
        assertThat(d.contrast()).isEqualTo(Contrast.T2);
    }

    @Test
    void theWidePresetSetsWhatItSaysAndKeepsTheRest() {
        SynthSettings d = SynthSettings.defaults();
        SynthSettings w = SynthSettings.wide();
        assertThat(w.size()).isZero();
        assertThat(w.fovMm()).isEqualTo(new Range(100, 160));
        assertThat(w.spacing()).isEqualTo(new Range(0.5, 1.2));
        assertThat(w.rotationDegrees()).isEqualTo(30);
        assertThat(w.headOffsetMm()).isEqualTo(20);
        assertThat(w.surroundingsShare()).isEqualTo(1);
        assertThat(w.contrast()).isEqualTo(Contrast.MIXED);
        assertThat(w.toBuilder().size(d.size()).spacing(d.spacing()).rotationDegrees(d.rotationDegrees())
                .headOffsetMm(0).surroundingsShare(0).contrast(Contrast.T2).build()).isEqualTo(d);
    }

    @Test
    void aSizeAndAFieldOfViewReplaceEachOther() {
        SynthSettings w = SynthSettings.wide();
        SynthSettings fixed = w.toBuilder().size(96).build();
        assertThat(fixed.size()).isEqualTo(96);
        assertThat(fixed.fovMm()).isNull();
        SynthSettings fov = fixed.toBuilder().fov(new Range(120, 120)).build();
        assertThat(fov.size()).isZero();
        assertThat(fov.fovMm()).isEqualTo(new Range(120, 120));
    }

    @Test
    void refusesGridsThatWouldNotFitInMemoryOrMakeNoSense() {
        SynthSettings w = SynthSettings.wide();
        assertThatThrownBy(() -> w.toBuilder().size(401).build()).hasMessageContaining("16..400 voxels");
        assertThatThrownBy(() -> w.toBuilder().spacing(new Range(0.3, 1.2)).build())
                .hasMessageContaining("needs up to 585 voxels per axis, more than 400");
        assertThatThrownBy(() -> w.toBuilder().fov(new Range(100, 500)).build())
                .hasMessageContaining("field of view must be 20..400 mm");
        assertThatThrownBy(() -> new SynthSettings(w.gestationalAge(), w.shares(), 96, w.spacing(), w.fovMm(),
                w.rotationDegrees(), w.headOffsetMm(), w.surroundingsShare(), w.contrast(), w.contrastJitter(),
                w.randomSd(), w.biasAmplitude(), w.noise(), w.blurMm(), w.thickSliceShare(), w.sliceThickness(),
                w.motionMm(), w.reconstructShare())).hasMessageContaining("not both");
        assertThatThrownBy(() -> w.toBuilder().headOffsetMm(-1).build()).hasMessageContaining("head offset");
        assertThatThrownBy(() -> w.toBuilder().rotationDegrees(200).build()).hasMessageContaining("0..180");
        assertThatThrownBy(() -> w.toBuilder().surroundingsShare(2).build())
                .hasMessageContaining("surroundings share must be in 0..1");
        assertThatThrownBy(() -> w.toBuilder().sliceThickness(new Range(1, 3)).build())
                .hasMessageContaining("below the grid spacing");
    }

    @Test
    void contrastsParse() {
        assertThat(Contrast.of("Random")).isEqualTo(Contrast.RANDOM);
        assertThatThrownBy(() -> Contrast.of("t1")).hasMessageContaining("unknown contrast 't1'");
    }

    @Test
    void rangesParse() {
        assertThat(Range.parse("20-35")).isEqualTo(new Range(20, 35));
        assertThat(Range.parse("0.5:1.5")).isEqualTo(new Range(0.5, 1.5));
        assertThat(Range.parse("28")).isEqualTo(new Range(28, 28));
        assertThatThrownBy(() -> Range.parse("3-1")).hasMessageContaining("bad range 3..1");
        assertThatThrownBy(() -> Range.parse("abc")).hasMessageContaining("not a number");
    }
}
