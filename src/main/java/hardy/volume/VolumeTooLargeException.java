package hardy.volume;

import java.util.Locale;

/** Thrown when a volume has more voxels than one Java array can hold. */
public final class VolumeTooLargeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception for a volume of {@code voxels} voxels. */
    public VolumeTooLargeException(long voxels) {
        super(String.format(Locale.ROOT, "volume of %,d voxels is larger than Hardy's limit of %,d voxels per volume",
                voxels, VoxelArray.MAX_LENGTH));
    }
}
