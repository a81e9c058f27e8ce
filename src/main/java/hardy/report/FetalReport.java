package hardy.report;

import java.util.List;

/**
 * Everything a report shows: the study as the user identified it (no patient identifier unless they typed one),
 * the gestational age they entered, where the labels came from, and each measurement with its assessment.
 *
 * @param studyId      the study ID the user typed, or empty
 * @param studyDate    the study date (ISO), or empty when unknown
 * @param ga           gestational age entered by the user
 * @param labelsSource the model or file the labels came from
 * @param labelsEdited whether the labels were edited by hand: {@code "yes"}, {@code "no"} or {@code "unknown"}
 * @param biometry     the measurements and the brain frame
 * @param assessments  one per measurement, in the same order
 */
public record FetalReport(String studyId, String studyDate, GestationalAge ga, String labelsSource,
                          String labelsEdited, Biometry biometry, List<Assessment> assessments) {

    /** The sentence every report carries. */
    public static final String CHECK_STATEMENT = "Automated measurements from an automatic or edited segmentation. "
            + "They must be checked on the images by a qualified reader before any clinical use.";

    public FetalReport {
        assessments = List.copyOf(assessments);
    }

    /** Assesses every measurement of {@code biometry} against {@code references}. */
    public static FetalReport of(String studyId, String studyDate, GestationalAge ga, String labelsSource,
                                 String labelsEdited, Biometry biometry, References references) {
        List<Assessment> a = biometry.measurements().stream().map(m -> references.assess(m, ga)).toList();
        return new FetalReport(studyId, studyDate, ga, labelsSource, labelsEdited, biometry, a);
    }
}
