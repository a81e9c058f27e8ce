package hardy.io;

/**
 * Options for reading a volume.
 *
 * @param volumeIndex which 3-D volume of a 4-D (or higher) file to read, 0 by default
 * @param series      which series of a DICOM folder to read: its number in the folder's list or its
 *                    SeriesInstanceUID; null to read the only one
 */
public record ReadOptions(int volumeIndex, String series) {

    /** Read the first volume, or the only series. */
    public static final ReadOptions DEFAULT = new ReadOptions(0, null);

    public ReadOptions {
        if (volumeIndex < 0) {
            throw new IllegalArgumentException("volume index must be >= 0, got " + volumeIndex);
        }
    }

    /** Read volume {@code volumeIndex}. */
    public ReadOptions(int volumeIndex) {
        this(volumeIndex, null);
    }
}
