package hardy.io.nifti;

import java.nio.ByteOrder;

/**
 * The fields of a NIfTI-1 or NIfTI-2 header that Hardy uses, widened to NIfTI-2's types. Text fields
 * ({@code descrip}, {@code aux_file}, {@code intent_name}) are deliberately not kept: they can carry patient
 * identifiers and Hardy neither shows nor copies them.
 */
record NiftiHeader(
        int version,
        ByteOrder order,
        boolean singleFile,
        long[] dim,
        int datatype,
        int bitpix,
        double[] pixdim,
        long voxOffset,
        double sclSlope,
        double sclInter,
        int xyztUnits,
        int intentCode,
        int qformCode,
        int sformCode,
        double quaternB,
        double quaternC,
        double quaternD,
        double qoffsetX,
        double qoffsetY,
        double qoffsetZ,
        double[] srowX,
        double[] srowY,
        double[] srowZ) {

    static final int NIFTI1_SIZE = 348;
    static final int NIFTI2_SIZE = 540;

    /** Header bytes for this version. */
    int headerSize() {
        return version == 1 ? NIFTI1_SIZE : NIFTI2_SIZE;
    }

    /** Number of dimensions in use, dim[0]. */
    int rank() {
        return (int) dim[0];
    }

    /** Size along dimension {@code d} (1-based, as in the header); 1 for dimensions beyond the rank. */
    long size(int d) {
        return d <= rank() ? dim[d] : 1;
    }

    /** Number of 3-D volumes: the product of dims 4..rank. */
    long volumeCount() {
        long n = 1;
        for (int d = 4; d <= rank(); d++) {
            n = Math.multiplyExact(n, dim[d]);
        }
        return n;
    }
}
