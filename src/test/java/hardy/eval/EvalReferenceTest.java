package hardy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import hardy.core.Cancellation;
import hardy.io.VolumeReaders;
import hardy.volume.LabelMap;
import hardy.testing.InteropData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Hardy's metrics against numpy/scipy's on label maps that {@code scripts/eval_reference.py} wrote with nibabel
 * ({@code scripts/fetch-eval-reference.sh} runs it). Skipped, with a notice, where the script could not run.
 */
class EvalReferenceTest {

    private static Path dir() {
        return Path.of(System.getProperty("hardy.repo.dir", "."), ".cache", "eval-reference");
    }

    @Test
    void agreesWithScipyOnEveryPairAndLabel() throws IOException {
        JsonNode pairs = InteropData.readOrSkip(dir().resolve("expectations.json"), "EvalReferenceTest",
                "scripts/fetch-eval-reference.sh").get("pairs");
        assertThat(pairs.size()).isGreaterThanOrEqualTo(5);
        double maxDice = 0;
        double maxHd = 0;
        double maxVs = 0;
        int undefined = 0;
        for (JsonNode pair : pairs) {
            LabelMap truth = read(pair.get("truth").asText());
            LabelMap pred = read(pair.get("pred").asText());
            assertThat(truth.geometry().spacing()).containsExactly(
                    new double[] {pair.get("spacing").get(0).asDouble(), pair.get("spacing").get(1).asDouble(),
                        pair.get("spacing").get(2).asDouble()}, within(1e-6));
            List<LabelScore> scores = SegmentationMetrics.compare(truth, pred, new int[] {1, 2, 3, 4, 5, 6, 7},
                    Cancellation.NEVER);
            for (LabelScore s : scores) {
                JsonNode e = pair.get("labels").get(String.valueOf(s.label()));
                String where = pair.get("name").asText() + " label " + s.label();
                assertThat(s.dice()).as(where).isCloseTo(e.get("dice").asDouble(), within(1e-12));
                assertThat(s.volumeSimilarity()).as(where).isCloseTo(e.get("vs").asDouble(), within(1e-12));
                if (e.get("hd95").isNull()) {
                    assertThat(s.hd95Defined()).as(where).isFalse();
                    undefined++;
                } else {
                    assertThat(s.hd95Mm()).as(where).isCloseTo(e.get("hd95").asDouble(), within(1e-9));
                    maxHd = Math.max(maxHd, Math.abs(s.hd95Mm() - e.get("hd95").asDouble()));
                }
                maxDice = Math.max(maxDice, Math.abs(s.dice() - e.get("dice").asDouble()));
                maxVs = Math.max(maxVs, Math.abs(s.volumeSimilarity() - e.get("vs").asDouble()));
            }
        }
        assertThat(undefined).as("pairs with a label in one map only").isPositive();
        System.err.printf(Locale.ROOT, "EvalReferenceTest: %d pairs; max |diff| dice %.2e, hd95 %.2e mm, vs %.2e%n",
                pairs.size(), maxDice, maxHd, maxVs);
    }

    private static LabelMap read(String name) throws IOException {
        return LabelMap.fromImage(VolumeReaders.installed().read(dir().resolve(name)).volume());
    }
}
