package hardy.io.dicom;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The identity of one DICOM object (any IOD, image or not), read from its header: which study and series it belongs
 * to and which instance it is. Used to check what a server sent and to address what is sent to one; holds no
 * patient identifier.
 *
 * @param studyUid       StudyInstanceUID
 * @param seriesUid      SeriesInstanceUID
 * @param sopInstanceUid SOPInstanceUID
 * @param sopClassUid    SOPClassUID
 */
public record DicomInstance(String studyUid, String seriesUid, String sopInstanceUid, String sopClassUid) {

    /**
     * Parses a file's header (not its pixel data) and returns its identity.
     *
     * @throws DicomFormatException if the file is not DICOM, is malformed, or lacks one of the four UIDs
     */
    public static DicomInstance read(Path file) throws IOException, DicomFormatException {
        DicomDataset ds = DicomParser.parseHeader(file).dataset();
        DicomInstance id = new DicomInstance(ds.string(Tags.STUDY_INSTANCE_UID), ds.string(Tags.SERIES_INSTANCE_UID),
                ds.string(Tags.SOP_INSTANCE_UID), ds.string(Tags.SOP_CLASS_UID));
        if (id.studyUid() == null || id.seriesUid() == null || id.sopInstanceUid() == null
                || id.sopClassUid() == null) {
            throw new DicomFormatException("not a complete DICOM object (no study, series, instance or SOP class UID)");
        }
        return id;
    }
}
