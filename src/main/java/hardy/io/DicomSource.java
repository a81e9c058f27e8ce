package hardy.io;

import java.util.List;
import java.util.Objects;

/**
 * The DICOM identity of a volume read from a DICOM series: what a DICOM object derived from it (a Segmentation)
 * must reference and copy. Immutable. It lives beside {@link ReadResult} rather than in {@code hardy.io.dicom} so
 * that a read result can carry it without the reader registry depending on one format.
 *
 * <p>{@link #toString()} names no patient identifier, so a source can be logged.
 *
 * @param studyUid            StudyInstanceUID ("" when the files have none)
 * @param seriesUid           SeriesInstanceUID of the source series
 * @param frameOfReferenceUid FrameOfReferenceUID ("" when the files have none)
 * @param seriesNumber        SeriesNumber of the source (0 when absent)
 * @param modality            Modality of the source, e.g. "MR"
 * @param images              one entry per slice of the volume, in the volume's slice order (k = 0, 1, ...)
 * @param patientStudy        the patient and study attributes a derived object copies
 */
public record DicomSource(String studyUid, String seriesUid, String frameOfReferenceUid, int seriesNumber,
                          String modality, List<Image> images, PatientStudy patientStudy) {

    public DicomSource {
        Objects.requireNonNull(studyUid, "studyUid");
        Objects.requireNonNull(seriesUid, "seriesUid");
        Objects.requireNonNull(frameOfReferenceUid, "frameOfReferenceUid");
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(patientStudy, "patientStudy");
        images = List.copyOf(images);
    }

    /**
     * One slice of the volume as the source holds it: a single-frame instance, or one frame of a multi-frame
     * (enhanced) instance.
     *
     * @param sopClassUid    SOPClassUID of the instance
     * @param sopInstanceUid SOPInstanceUID of the instance
     * @param frameNumber    1-based frame number within a multi-frame instance, 0 for a single-frame instance
     * @param position       ImagePositionPatient of the slice (LPS, mm), or null when the file gives none
     * @param orientation    ImageOrientationPatient (row, then column direction cosines), or null
     * @param pixelSpacing   PixelSpacing (between rows, between columns, mm), or null
     */
    public record Image(String sopClassUid, String sopInstanceUid, int frameNumber, double[] position,
                        double[] orientation, double[] pixelSpacing) {

        public Image {
            Objects.requireNonNull(sopClassUid, "sopClassUid");
            Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
            position = position == null ? null : position.clone();
            orientation = orientation == null ? null : orientation.clone();
            pixelSpacing = pixelSpacing == null ? null : pixelSpacing.clone();
        }

        @Override
        public double[] position() {
            return position == null ? null : position.clone();
        }

        @Override
        public double[] orientation() {
            return orientation == null ? null : orientation.clone();
        }

        @Override
        public double[] pixelSpacing() {
            return pixelSpacing == null ? null : pixelSpacing.clone();
        }
    }

    /**
     * The patient and study attributes a derived object copies from its source, and nothing else of the
     * patient's. Values are decoded text ("" when absent). {@link #toString()} hides them.
     */
    public record PatientStudy(String patientName, String patientId, String patientBirthDate, String patientSex,
                               String studyDate, String studyTime, String studyId, String accessionNumber,
                               String referringPhysicianName) {

        /** No patient or study attributes at all. */
        public static final PatientStudy NONE = new PatientStudy("", "", "", "", "", "", "", "", "");

        public PatientStudy {
            patientName = orEmpty(patientName);
            patientId = orEmpty(patientId);
            patientBirthDate = orEmpty(patientBirthDate);
            patientSex = orEmpty(patientSex);
            studyDate = orEmpty(studyDate);
            studyTime = orEmpty(studyTime);
            studyId = orEmpty(studyId);
            accessionNumber = orEmpty(accessionNumber);
            referringPhysicianName = orEmpty(referringPhysicianName);
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s;
        }

        @Override
        public String toString() {
            return "PatientStudy[not shown]";
        }
    }

    /** Whether the volume's slices are frames of one multi-frame instance (rather than one instance each). */
    public boolean multiFrame() {
        return !images.isEmpty() && images.get(0).frameNumber() > 0;
    }

    @Override
    public String toString() {
        return "DicomSource[series " + seriesNumber + " " + modality + ", " + images.size() + " images"
                + (multiFrame() ? " (multi-frame)" : "") + "]";
    }
}
