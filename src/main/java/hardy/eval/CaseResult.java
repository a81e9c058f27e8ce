package hardy.eval;

import java.util.List;

/**
 * The scores of one case.
 *
 * @param name   case name
 * @param group  subgroup, or null when none is known
 * @param scores one score per evaluated label, in label order
 */
public record CaseResult(String name, String group, List<LabelScore> scores) {

    public CaseResult {
        scores = List.copyOf(scores);
    }
}
