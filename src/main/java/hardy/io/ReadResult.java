package hardy.io;

import hardy.volume.Volume;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A volume as read from a file, with what the reader noticed.
 *
 * @param volume   the voxels and their geometry (LPS)
 * @param format   short format name, e.g. "NIfTI-1"
 * @param warnings things the user should know (a conversion, an ambiguous header), one line each
 * @param details  format-specific facts for {@code hardy info} (header codes, byte order), in a stable order;
 *                 values are strings, numbers, booleans or lists of them, never patient identifiers
 * @param dicomSource the DICOM identity of the source (UIDs, instances in slice order, patient and study), or
 *                    null when the volume did not come from DICOM
 */
public record ReadResult(Volume volume, String format, List<String> warnings, Map<String, Object> details,
                         DicomSource dicomSource) {

    /** A result without a DICOM identity. */
    public ReadResult(Volume volume, String format, List<String> warnings, Map<String, Object> details) {
        this(volume, format, warnings, details, null);
    }

    public ReadResult {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(format, "format");
        warnings = List.copyOf(warnings);
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The DICOM identity of the source, when it was a DICOM series. */
    public Optional<DicomSource> dicom() {
        return Optional.ofNullable(dicomSource);
    }
}
