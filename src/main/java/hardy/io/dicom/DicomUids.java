package hardy.io.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * New DICOM UIDs under the root {@code 2.25}: a UUID written as one unsigned decimal integer (ISO/IEC 9834-8,
 * used by DICOM as PS3.5 B.2). It needs no registered organisation root, and random (version 4) UUIDs make
 * collisions negligible. Such a UID is at most 44 characters, within the 64 a UI allows.
 */
public final class DicomUids {

    /** Hardy's Implementation Class UID (PS3.7 D.3.3.2), a fixed {@code 2.25} UID made once for Hardy. */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.130716064870792272717842891253418472772";

    private DicomUids() {
    }

    /** A new UID: {@code 2.25.} and a random UUID as an unsigned decimal. */
    public static String create() {
        return of(UUID.randomUUID());
    }

    /** The {@code 2.25} UID of a UUID. */
    public static String of(UUID uuid) {
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }
}
