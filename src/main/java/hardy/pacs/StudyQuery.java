package hardy.pacs;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A QIDO-RS study search. Blank fields do not restrict. A patient name without wildcards matches names that start
 * with it ({@code Doe} finds {@code Doe^Jane}); {@code *} and {@code ?} are passed on as DICOM wildcards.
 *
 * @param patientName patient name (or its start), or blank
 * @param patientId   exact patient ID, or blank
 * @param from        first study date, or null
 * @param to          last study date, or null
 * @param modality    a modality in the study (MR, CT...), or blank
 * @param accession   exact accession number, or blank
 * @param limit       the most studies to list
 */
public record StudyQuery(String patientName, String patientId, LocalDate from, LocalDate to, String modality,
                         String accession, int limit) {

    /** The default number of studies listed. */
    public static final int DEFAULT_LIMIT = 200;

    public StudyQuery {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("the first date " + from + " is after the last date " + to);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("the study limit must be at least 1");
        }
    }

    /** The query's parameters, in DICOM's forms (names of attributes, YYYYMMDD date ranges). */
    Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        if (!blank(patientName)) {
            String n = patientName.strip();
            p.put("PatientName", n.contains("*") || n.contains("?") ? n : n + "*");
        }
        if (!blank(patientId)) {
            p.put("PatientID", patientId.strip());
        }
        if (from != null || to != null) {
            DateTimeFormatter f = DateTimeFormatter.BASIC_ISO_DATE;
            p.put("StudyDate", (from == null ? "" : from.format(f)) + "-" + (to == null ? "" : to.format(f)));
        }
        if (!blank(modality)) {
            p.put("ModalitiesInStudy", modality.strip());
        }
        if (!blank(accession)) {
            p.put("AccessionNumber", accession.strip());
        }
        return p;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
