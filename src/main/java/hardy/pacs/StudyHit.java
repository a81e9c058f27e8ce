package hardy.pacs;

/**
 * A study a QIDO-RS search found. Holds patient identifiers for the screen: never log it.
 *
 * @param studyUid    StudyInstanceUID
 * @param patientName PatientName (alphabetic)
 * @param patientId   PatientID
 * @param date        StudyDate (YYYYMMDD as the server gives it)
 * @param description StudyDescription
 * @param accession   AccessionNumber
 * @param modalities  ModalitiesInStudy, backslash-separated
 * @param series      NumberOfStudyRelatedSeries, or -1 when the server does not say
 * @param instances   NumberOfStudyRelatedInstances, or -1
 */
public record StudyHit(String studyUid, String patientName, String patientId, String date, String description,
                       String accession, String modalities, int series, int instances) {
}
