// Writes the demo study in assets/demo with Hardy's own NIfTI writer (a placeholder until the phantom
// generator exists). Run from the repository root after ./mvnw compile:
//   $JAVA_HOME/bin/jshell --class-path target/classes scripts/make-demo.jsh
import hardy.volume.*;
import hardy.io.nifti.*;
import hardy.core.*;
import java.nio.file.*;
import java.util.*;
int nx = 96, ny = 112, nz = 56;
double c = Math.cos(Math.toRadians(8)), s = Math.sin(Math.toRadians(8));
// LPS: i -> patient left (x+), j -> posterior... use an axial grid, slightly oblique about the left-right axis.
Geometry g = new Geometry(nx, ny, nz, Affine.ofRows(1.0, 0, 0, -47.5, 0, 1.0 * c, -1.5 * s, -70, 0, 1.0 * s, 1.5 * c, -50));
Volume img = Volume.allocate(g, VoxelType.INT16);
Volume lab = Volume.allocate(g, VoxelType.UINT8);
Random rnd = new Random(2026);
double cx = nx / 2.0, cy = ny / 2.0, cz = nz / 2.0;
for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) {
  double x = (i - cx) / 40.0, y = (j - cy) / 49.0, z = (k - cz) * 1.5 / 40.0;
  double r = Math.sqrt(x * x + y * y + z * z);
  double wobble = 0.03 * Math.sin(9 * Math.atan2(y, x)) * Math.cos(5 * z);
  int label = 0; double v = 0;
  if (r < 1.0) { label = 1; v = 1600; }                     // external CSF
  if (r < 0.9 + wobble) { label = 2; v = 700; }            // cortex
  if (r < 0.8 + wobble) { label = 3; v = 1100; }           // white matter (immature: bright)
  double vx = Math.abs(x) - 0.22, vy = y + 0.05;
  if (vx * vx / 0.01 + vy * vy / 0.12 + z * z / 0.02 < 1) { label = 4; v = 1700; } // ventricles
  if (x * x / 0.03 + (y - 0.05) * (y - 0.05) / 0.02 + (z + 0.1) * (z + 0.1) / 0.02 < 1) { label = 6; v = 800; }
  double cyy = y + 0.62, czz = z + 0.45;
  if (x * x / 0.09 + cyy * cyy / 0.02 + czz * czz / 0.03 < 1) { label = 5; v = 650; }  // cerebellum
  if (x * x / 0.01 + (y + 0.3) * (y + 0.3) / 0.01 + (z + 0.55) * (z + 0.55) / 0.08 < 1 && r < 0.9) { label = 7; v = 900; }
  double bias = 1 + 0.15 * (x + 0.5 * y);
  double noise = rnd.nextGaussian() * 12;
  int idx = img.index(i, j, k);
  img.data().set(idx, Math.max(0, v * bias + noise));
  lab.data().set(idx, label);
}
new NiftiWriter().write(img, Path.of("assets/demo/demo_t2w.nii.gz"), ProgressListener.NONE, Cancellation.NEVER);
new NiftiWriter().write(lab, Path.of("assets/demo/demo_labels.nii.gz"), ProgressListener.NONE, Cancellation.NEVER);
/exit
