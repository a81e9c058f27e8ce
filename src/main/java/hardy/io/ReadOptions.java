package hardy.io;

/**
 * Options for reading a volume.
 *
 * @param volumeIndex which 3-D volume of a 4-D (or higher) file to read, 0 by default
 */
public record ReadOptions(int volumeIndex) {

    /** Read the first volume. */
    public static final ReadOptions DEFAULT = new ReadOptions(0);

    public ReadOptions {
        if (volumeIndex < 0) {
            throw new IllegalArgumentException("volume index must be >= 0, got " + volumeIndex);
        }
    }
}
