package hardy.volume;

import java.util.Arrays;

/**
 * The voxels of a volume in one primitive Java array of their native type, first index fastest.
 *
 * <p>Values are read and written as {@code double}, which represents every value of every supported type
 * exactly. Integer arrays round and clamp on {@link #set}. Fast paths can reach the typed array through the
 * subclasses.
 */
public abstract sealed class VoxelArray
        permits VoxelArray.UInt8, VoxelArray.Int16, VoxelArray.UInt16, VoxelArray.Int32, VoxelArray.Float32,
        VoxelArray.Float64 {

    /**
     * The most elements one Java array can hold on common JVMs. Volumes beyond it are refused with a clear
     * message rather than overflowing an index.
     */
    public static final long MAX_LENGTH = Integer.MAX_VALUE - 8L;

    /** Creates a zero-filled array of {@code length} voxels of the given type. */
    public static VoxelArray allocate(VoxelType type, long length) {
        int n = checkLength(length);
        return switch (type) {
            case UINT8 -> new UInt8(new byte[n]);
            case INT16 -> new Int16(new short[n]);
            case UINT16 -> new UInt16(new short[n]);
            case INT32 -> new Int32(new int[n]);
            case FLOAT32 -> new Float32(new float[n]);
            case FLOAT64 -> new Float64(new double[n]);
        };
    }

    /**
     * Checks that {@code length} voxels fit in one Java array.
     *
     * @return the length as an int
     * @throws VolumeTooLargeException if they do not
     */
    public static int checkLength(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative voxel count " + length);
        }
        if (length > MAX_LENGTH) {
            throw new VolumeTooLargeException(length);
        }
        return (int) length;
    }

    /** The voxel type. */
    public abstract VoxelType type();

    /** The number of voxels. */
    public abstract int length();

    /** The value at {@code index}. */
    public abstract double get(int index);

    /** Stores {@code value} at {@code index}, rounded half away from zero and clamped for integer types. */
    public abstract void set(int index, double value);

    /** A deep copy. */
    public abstract VoxelArray copy();

    /** Whether both arrays have the same type and the same values (NaN equals NaN). */
    public abstract boolean contentEquals(VoxelArray other);

    static double roundClamp(double v, double min, double max) {
        if (Double.isNaN(v)) {
            return 0;
        }
        double r = Math.copySign(Math.floor(Math.abs(v) + 0.5), v);
        return Math.max(min, Math.min(max, r));
    }

    /** Unsigned 8-bit voxels. */
    public static final class UInt8 extends VoxelArray {
        private final byte[] data;

        public UInt8(byte[] data) {
            this.data = data;
        }

        public byte[] data() {
            return data;
        }

        @Override public VoxelType type() {
            return VoxelType.UINT8;
        }

        @Override public int length() {
            return data.length;
        }

        @Override public double get(int index) {
            return data[index] & 0xFF;
        }

        @Override public void set(int index, double value) {
            data[index] = (byte) (int) roundClamp(value, 0, 255);
        }

        @Override public VoxelArray copy() {
            return new UInt8(data.clone());
        }

        @Override public boolean contentEquals(VoxelArray other) {
            return other instanceof UInt8 o && Arrays.equals(data, o.data);
        }
    }

    /** Signed 16-bit voxels. */
    public static final class Int16 extends VoxelArray {
        private final short[] data;

        public Int16(short[] data) {
            this.data = data;
        }

        public short[] data() {
            return data;
        }

        @Override public VoxelType type() {
            return VoxelType.INT16;
        }

        @Override public int length() {
            return data.length;
        }

        @Override public double get(int index) {
            return data[index];
        }

        @Override public void set(int index, double value) {
            data[index] = (short) roundClamp(value, Short.MIN_VALUE, Short.MAX_VALUE);
        }

        @Override public VoxelArray copy() {
            return new Int16(data.clone());
        }

        @Override public boolean contentEquals(VoxelArray other) {
            return other instanceof Int16 o && Arrays.equals(data, o.data);
        }
    }

    /** Unsigned 16-bit voxels, stored in a {@code short[]} and read with {@code & 0xFFFF}. */
    public static final class UInt16 extends VoxelArray {
        private final short[] data;

        public UInt16(short[] data) {
            this.data = data;
        }

        public short[] data() {
            return data;
        }

        @Override public VoxelType type() {
            return VoxelType.UINT16;
        }

        @Override public int length() {
            return data.length;
        }

        @Override public double get(int index) {
            return data[index] & 0xFFFF;
        }

        @Override public void set(int index, double value) {
            data[index] = (short) (int) roundClamp(value, 0, 65535);
        }

        @Override public VoxelArray copy() {
            return new UInt16(data.clone());
        }

        @Override public boolean contentEquals(VoxelArray other) {
            return other instanceof UInt16 o && Arrays.equals(data, o.data);
        }
    }

    /** Signed 32-bit voxels. */
    public static final class Int32 extends VoxelArray {
        private final int[] data;

        public Int32(int[] data) {
            this.data = data;
        }

        public int[] data() {
            return data;
        }

        @Override public VoxelType type() {
            return VoxelType.INT32;
        }

        @Override public int length() {
            return data.length;
        }

        @Override public double get(int index) {
            return data[index];
        }

        @Override public void set(int index, double value) {
            data[index] = (int) roundClamp(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }

        @Override public VoxelArray copy() {
            return new Int32(data.clone());
        }

        @Override public boolean contentEquals(VoxelArray other) {
            return other instanceof Int32 o && Arrays.equals(data, o.data);
        }
    }

    /** 32-bit floating-point voxels. */
    public static final class Float32 extends VoxelArray {
        private final float[] data;

        public Float32(float[] data) {
            this.data = data;
        }

        public float[] data() {
            return data;
        }

        @Override public VoxelType type() {
            return VoxelType.FLOAT32;
        }

        @Override public int length() {
            return data.length;
        }

        @Override public double get(int index) {
            return data[index];
        }

        @Override public void set(int index, double value) {
            data[index] = (float) value;
        }

        @Override public VoxelArray copy() {
            return new Float32(data.clone());
        }

        @Override public boolean contentEquals(VoxelArray other) {
            return other instanceof Float32 o && Arrays.equals(data, o.data);
        }
    }

    /** 64-bit floating-point voxels. */
    public static final class Float64 extends VoxelArray {
        private final double[] data;

        public Float64(double[] data) {
            this.data = data;
        }

        public double[] data() {
            return data;
        }

        @Override public VoxelType type() {
            return VoxelType.FLOAT64;
        }

        @Override public int length() {
            return data.length;
        }

        @Override public double get(int index) {
            return data[index];
        }

        @Override public void set(int index, double value) {
            data[index] = value;
        }

        @Override public VoxelArray copy() {
            return new Float64(data.clone());
        }

        @Override public boolean contentEquals(VoxelArray other) {
            return other instanceof Float64 o && Arrays.equals(data, o.data);
        }
    }
}
