package hardy.ui;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.nifti.NiftiWriter;
import hardy.volume.Affine;
import hardy.volume.Geometry;
import hardy.volume.Volume;
import hardy.volume.VoxelType;
import java.io.IOException;
import java.nio.file.Path;

/** Small volumes for viewer tests, with known anatomy. */
public final class TestVolumes {

    private TestVolumes() {
    }

    /** An int16 volume whose value at (i, j, k) is {@code i + 10 j + 100 k} on the given affine. */
    public static Volume ramp(int nx, int ny, int nz, Affine affine) {
        Volume v = Volume.allocate(new Geometry(nx, ny, nz, affine), VoxelType.INT16);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    v.data().set(v.index(i, j, k), i + 10 * j + 100 * k);
                }
            }
        }
        return v;
    }

    /** An axis-aligned LPS grid: i towards the patient's left, j posterior, k superior. */
    public static Affine lps(double sx, double sy, double sz) {
        return Affine.scaleTranslate(sx, sy, sz, 0, 0, 0);
    }

    /** A grid stored the NIfTI/RAS way: i towards the patient's right, j anterior, k superior. */
    public static Affine ras(double sx, double sy, double sz) {
        return Affine.ofRows(-sx, 0, 0, 0, 0, -sy, 0, 0, 0, 0, sz, 0);
    }

    /** Writes a volume as NIfTI. */
    public static Path write(Volume v, Path file) throws IOException {
        new NiftiWriter().write(v, file, ProgressListener.NONE, Cancellation.NEVER);
        return file;
    }
}
