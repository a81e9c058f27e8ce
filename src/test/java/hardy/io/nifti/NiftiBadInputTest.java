package hardy.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.ReadOptions;
import hardy.io.ReadResult;
import hardy.io.VolumeFormatException;
import hardy.io.VolumeReaders;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed files get a VolumeFormatException that names the file and the problem, never anything worse. */
class NiftiBadInputTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bos)) {
            z.write(b);
        }
        return bos.toByteArray();
    }

    private void assertRefused(Path file, String problem) {
        assertThatThrownBy(() -> VolumeReaders.installed().read(file))
                .isInstanceOf(VolumeFormatException.class)
                .hasMessageStartingWith(file.getFileName() + ": ")
                .hasMessageContaining(problem);
    }

    @Test
    void truncatedFile() throws Exception {
        byte[] ok = HandMadeNifti.int16(8, 8, 8).bytes();
        assertRefused(write("cut.nii", Arrays.copyOf(ok, ok.length - 10)), "truncated");
    }

    @Test
    void fileEndingInsideTheHeader() throws Exception {
        byte[] ok = HandMadeNifti.int16(8, 8, 8).bytes();
        assertRefused(write("stub.nii", Arrays.copyOf(ok, 200)), "not a recognised volume file");
    }

    @Test
    void wrongMagic() throws Exception {
        byte[] b = HandMadeNifti.int16(2, 2, 2).bytes();
        b[344] = 'x';
        assertRefused(write("magic.nii", b), "without NIfTI magic");
    }

    @Test
    void analyzeHeaderIsRefusedByName() throws Exception {
        byte[] b = Arrays.copyOf(HandMadeNifti.int16(2, 2, 2).bytes(), 348);
        b[344] = 0;
        b[345] = 0;
        b[346] = 0;
        assertRefused(write("old.hdr", b), "ANALYZE 7.5");
    }

    @Test
    void absurdDimensions() throws Exception {
        HandMadeNifti n = HandMadeNifti.int16(2, 2, 2).dims(7, 32767, 32767, 32767, 32767, 32767, 32767, 32767);
        assertRefused(write("huge.nii", n.bytes()), "impossibly large");
    }

    @Test
    void moreVoxelsThanOneVolumeCanHold() throws Exception {
        HandMadeNifti n = HandMadeNifti.int16(2, 2, 2).dims(3, 32767, 32767, 32767);
        assertRefused(write("big.nii", n.bytes()), "limit");
    }

    @Test
    void badRank() throws Exception {
        assertRefused(write("rank.nii", HandMadeNifti.int16(2, 2, 2).dims(9).bytes()), "dim[0] = 9");
    }

    @Test
    void zeroOrNegativeSize() throws Exception {
        assertRefused(write("zero.nii", HandMadeNifti.int16(2, 2, 2).dims(3, 2, 0, 2).bytes()), "dim[2] = 0");
        assertRefused(write("neg.nii", HandMadeNifti.int16(2, 2, 2).dims(3, 2, -4, 2).bytes()), "dim[2] = -4");
    }

    @Test
    void voxOffsetPastTheEnd() throws Exception {
        assertRefused(write("offset.nii", HandMadeNifti.int16(2, 2, 2).voxOffset(1e9f).bytes()), "past the end");
    }

    @Test
    void nonFiniteVoxOffsetOfASingleFileIsRepairedWithAWarning() throws Exception {
        ReadResult r = VolumeReaders.installed().read(write("nan.nii",
                HandMadeNifti.int16(2, 2, 2).voxOffset(Float.NaN).bytes()));
        assertThat(r.volume().value(1, 1, 1)).isEqualTo(7);
        assertThat(r.warnings()).anyMatch(w -> w.contains("vox_offset is not a valid offset"));
    }

    @Test
    void gzipCutShort() throws Exception {
        byte[] z = gzip(HandMadeNifti.int16(32, 32, 32).bytes());
        assertRefused(write("cut.nii.gz", Arrays.copyOf(z, z.length / 2)), "cut short");
    }

    @Test
    void gzipWithABadChecksum() throws Exception {
        byte[] z = gzip(HandMadeNifti.int16(4, 4, 4).bytes());
        z[z.length - 6] ^= 0x55; // inside the CRC-32 of the trailer
        assertRefused(write("crc.nii.gz", z), "corrupt");
    }

    @Test
    void gzipPromisingMoreThanDeflateCanHold() throws Exception {
        // A 1000^3 int16 volume is 2 GB; no gzip file of a few hundred bytes can hold it.
        byte[] z = gzip(HandMadeNifti.int16(2, 2, 2).dims(3, 1000, 1000, 1000).bytes());
        assertRefused(write("bomb.nii.gz", z), "gzip file can hold");
    }

    @Test
    void extremeButConsistentPixdimsStillGiveAGrid() throws Exception {
        // Found by fuzzing: pixdims at the ends of the float range once made the reader throw an
        // IllegalArgumentException. They describe an absurd but invertible grid, which is read with its warnings.
        HandMadeNifti n = HandMadeNifti.int16(2, 2, 2).pixdim(3e38, 1, 1.4e-45);
        ReadResult r = VolumeReaders.installed().read(write("absurd.nii", n.bytes()));
        assertThat(r.volume().geometry().spacing()[0]).isEqualTo(3e38, org.assertj.core.api.Assertions.within(1e32));
    }

    @Test
    void unsupportedDatatype() throws Exception {
        assertRefused(write("rgb.nii", HandMadeNifti.int16(2, 2, 2).datatype(128, 24).bytes()), "RGB24");
    }

    @Test
    void pairWithoutItsImage() throws Exception {
        byte[] b = Arrays.copyOf(HandMadeNifti.int16(2, 2, 2).bytes(), 348);
        b[345] = 'i';
        assertRefused(write("lonely.hdr", b), "missing");
    }

    @Test
    void volumeIndexBeyondTheFile() throws Exception {
        HandMadeNifti n = HandMadeNifti.int16(2, 2, 4).dims(4, 2, 2, 2, 2);
        Path file = write("4d.nii", n.bytes());
        assertThatThrownBy(() -> VolumeReaders.installed().read(file, new ReadOptions(2), ProgressListener.NONE,
                Cancellation.NEVER)).isInstanceOf(VolumeFormatException.class).hasMessageContaining("holds 2 volumes");
    }

    @Test
    void secondVolumeOfA4dFileIsReadWhenAsked() throws Exception {
        HandMadeNifti n = HandMadeNifti.int16(2, 2, 4).dims(4, 2, 2, 2, 2);
        ReadResult r = VolumeReaders.installed().read(write("4d.nii", n.bytes()), new ReadOptions(1),
                ProgressListener.NONE, Cancellation.NEVER);
        assertThat(r.volume().value(0, 0, 0)).isEqualTo(8); // data are 0, 1, 2, ...; volume 1 starts at 8
        assertThat(r.warnings()).anyMatch(w -> w.contains("2 volumes"));
    }

    @Test
    void voxOffsetInsideTheHeaderIsRepairedAsNibabelDoes() throws Exception {
        ReadResult r = VolumeReaders.installed().read(write("zero.nii",
                HandMadeNifti.int16(2, 2, 2).voxOffset(0).bytes()));
        assertThat(r.volume().value(1, 0, 0)).isEqualTo(1);
        assertThat(r.warnings()).anyMatch(w -> w.contains("vox_offset"));
    }

    @Test
    void headerExtensionsAreSkipped() throws Exception {
        // extension flag set, one 32-byte extension (esize 32, ecode 6 = comment), data after it at vox_offset 384
        HandMadeNifti n = HandMadeNifti.int16(2, 2, 2).voxOffset(384);
        byte[] plain = n.bytes();
        byte[] withExtension = new byte[plain.length + 32];
        System.arraycopy(plain, 0, withExtension, 0, 352);
        java.nio.ByteBuffer ext = java.nio.ByteBuffer.wrap(withExtension).order(ByteOrder.LITTLE_ENDIAN);
        ext.put(348, (byte) 1).putInt(352, 32).putInt(356, 6);
        byte[] comment = "secret text, never shown".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(comment, 0, withExtension, 360, comment.length);
        System.arraycopy(plain, 352, withExtension, 384, plain.length - 352);
        ReadResult r = VolumeReaders.installed().read(write("ext.nii", withExtension));
        assertThat(r.volume().value(1, 1, 1)).isEqualTo(7);
        assertThat(r.details().toString()).doesNotContain("secret");
    }

    @Test
    void scalingIsAppliedAndInvalidSlopeIgnored() throws Exception {
        ReadResult scaled = VolumeReaders.installed().read(write("s.nii",
                HandMadeNifti.int16(2, 2, 2).scaling(2, 10).bytes()));
        assertThat(scaled.volume().value(1, 0, 0)).isEqualTo(12);
        ReadResult zero = VolumeReaders.installed().read(write("z.nii",
                HandMadeNifti.int16(2, 2, 2).scaling(0, 10).bytes()));
        assertThat(zero.volume().value(1, 0, 0)).isEqualTo(1);
    }

    @Test
    void bigEndianHeaderAndData() throws Exception {
        HandMadeNifti n = new HandMadeNifti(ByteOrder.BIG_ENDIAN).dims(3, 2, 1, 1).datatype(512, 16);
        n.data = new byte[] {(byte) 0xFF, (byte) 0xFE, 0x01, 0x02};
        ReadResult r = VolumeReaders.installed().read(write("be.nii", n.bytes()));
        assertThat(r.volume().value(0, 0, 0)).isEqualTo(0xFFFE);
        assertThat(r.volume().value(1, 0, 0)).isEqualTo(0x0102);
    }

    @Test
    void int8AndUint32AreWidenedWithAWarning() throws Exception {
        HandMadeNifti i8 = HandMadeNifti.int16(2, 1, 1).datatype(256, 8);
        i8.data = new byte[] {-5, 7};
        ReadResult r = VolumeReaders.installed().read(write("i8.nii", i8.bytes()));
        assertThat(r.volume().value(0, 0, 0)).isEqualTo(-5);
        assertThat(r.volume().type().id()).isEqualTo("int16");
        assertThat(r.warnings()).anyMatch(w -> w.contains("int8"));

        HandMadeNifti u32 = HandMadeNifti.int16(2, 1, 1).datatype(768, 32);
        u32.data = new byte[] {1, 0, 0, 0, -1, -1, -1, -1};
        ReadResult big = VolumeReaders.installed().read(write("u32.nii", u32.bytes()));
        assertThat(big.volume().type().id()).isEqualTo("float64");
        assertThat(big.volume().value(1, 0, 0)).isEqualTo(4294967295.0);
        assertThat(big.volume().value(0, 0, 0)).isEqualTo(1);
    }
}
