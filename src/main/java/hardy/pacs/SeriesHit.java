package hardy.pacs;

/**
 * A series of a study, as QIDO-RS lists it.
 *
 * @param studyUid    StudyInstanceUID
 * @param seriesUid   SeriesInstanceUID
 * @param number      SeriesNumber, or -1
 * @param modality    Modality
 * @param description SeriesDescription
 * @param instances   NumberOfSeriesRelatedInstances, or -1 when the server does not say
 */
public record SeriesHit(String studyUid, String seriesUid, int number, String modality, String description,
                        int instances) {
}
