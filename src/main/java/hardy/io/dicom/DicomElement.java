package hardy.io.dicom;

import java.util.List;

/**
 * One element of a dataset. The value is not copied: it is the range {@code [offset, offset + length)} of
 * {@code data}. A sequence has its items; encapsulated pixel data has its fragments (the first is the basic
 * offset table, possibly empty).
 *
 * @param tag       the tag
 * @param vr        the value representation ("UN" when unknown in implicit VR)
 * @param data      the bytes the value lies in
 * @param offset    start of the value in {@code data}
 * @param length    value length in bytes (0 for sequences and encapsulated data)
 * @param items     the items of a sequence, else empty
 * @param fragments the fragments of encapsulated pixel data as {offset, length} pairs, else null; empty when
 *                  the data are {@linkplain #unread() unread}
 */
record DicomElement(int tag, String vr, byte[] data, int offset, int length, List<DicomDataset> items,
                    List<int[]> fragments) {

    /**
     * Pixel data that a header-only parse passed over: no bytes, and {@code length} is the declared length, or
     * for encapsulated data the bytes left in the file (an upper bound of the compressed size).
     */
    static DicomElement unread(int tag, String vr, int offset, long length, boolean encapsulated) {
        return new DicomElement(tag, vr, null, offset, (int) Math.min(length, Integer.MAX_VALUE), List.of(),
                encapsulated ? List.of() : null);
    }

    /** Whether the value was passed over by a header-only parse. */
    boolean unread() {
        return data == null;
    }

    /** Whether this is encapsulated (compressed) pixel data. */
    boolean isEncapsulated() {
        return fragments != null;
    }
}
