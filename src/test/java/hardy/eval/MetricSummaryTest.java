package hardy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricSummaryTest {

    private static CaseResult result(String name, String group, double dice, double hd95) {
        return new CaseResult(name, group, List.of(new LabelScore(1, dice, hd95, 1, 10, 10)));
    }

    private static MetricSummary find(List<MetricSummary> all, String group, String metric) {
        return all.stream().filter(s -> s.group().equals(group) && s.metric().equals(metric)).findFirst()
                .orElseThrow();
    }

    @Test
    void summarisesAllCasesAndEachSubgroupWithTheWorstCaseOnTheBadSide() {
        List<CaseResult> r = List.of(result("a", "normal", 0.9, 1.0), result("b", "normal", 0.8, 3.0),
                result("c", "rare", 0.5, 9.0), result("d", "rare", 0.7, Double.NaN));
        List<MetricSummary> s = MetricSummary.summarise(r);
        MetricSummary dice = find(s, MetricSummary.ALL, "dice");
        assertThat(dice.n()).isEqualTo(4);
        assertThat(dice.mean()).isCloseTo(0.725, within(1e-12));
        assertThat(dice.median()).isCloseTo(0.75, within(1e-12));
        assertThat(dice.tail5()).isCloseTo(0.5 + 0.15 * 0.2, within(1e-12));   // numpy: 0.53
        assertThat(dice.worst()).isEqualTo(0.5);
        assertThat(dice.worstCase()).isEqualTo("c");
        MetricSummary hd = find(s, MetricSummary.ALL, "hd95_mm");
        assertThat(hd.n()).isEqualTo(3);
        assertThat(hd.undefined()).isEqualTo(1);
        assertThat(hd.worst()).isEqualTo(9.0);
        assertThat(hd.tail5()).isCloseTo(3 + 0.9 * 6, within(1e-12));          // numpy 95th of 1, 3, 9
        assertThat(find(s, "rare", "dice").mean()).isCloseTo(0.6, within(1e-12));
        assertThat(find(s, "normal", "hd95_mm").worstCase()).isEqualTo("b");
        assertThat(s).extracting(MetricSummary::group).containsOnly("all", "normal", "rare");
    }
}
