// Renders docs/synth-cases.png: generated phantoms (one row per case: image and label overlay in the axial,
// coronal and parasagittal planes through the brain's centre). Run from the repository root after ./mvnw compile:
//   $JAVA_HOME/bin/jshell --class-path target/classes scripts/synth-figure.jsh
// FIGURE_OUT (default docs/synth-cases.png), FIGURE_SEED (default 7), FIGURE_CASES and FIGURE_SIZE (default 160)
// change what it draws. FIGURE_CASES is a comma-separated list of gestational age:subgroup[:flag...] per row, with
// flags thick (a thick-slice acquisition reconstructed to the isotropic grid), wide (the --preset wide domain:
// surroundings, random grid, pose and offset), t2 or random (that contrast model). Wide rows keep their own grid,
// drawn at the same size as the others.
import hardy.synth.*;
import hardy.volume.*;
import hardy.core.*;
import java.awt.*;
import java.awt.image.BufferedImage;
import java.nio.file.*;
import java.util.*;
import javax.imageio.ImageIO;

String env(String k, String d) { String v = System.getenv(k); return v == null || v.isBlank() ? d : v; }
Path out = Path.of(env("FIGURE_OUT", "docs/synth-cases.png"));
long seed = Long.parseLong(env("FIGURE_SEED", "7"));
int size = Integer.parseInt(env("FIGURE_SIZE", "160"));
String[] rows = env("FIGURE_CASES", "20:normal,25:ventriculomegaly,34:normal:thick,23:normal:wide:t2,"
        + "29:agenesis_cc:wide:t2,32:ventriculomegaly:wide:random").split(",");
int[] colours = {0, 0xC8C8EB, 0xE6194B, 0xF5F5F5, 0x4363D8, 0xF58231, 0x3CB44B, 0xFFE119};
int tile = size * 2;
BufferedImage fig = new BufferedImage(6 * tile, rows.length * (tile + 24), BufferedImage.TYPE_INT_RGB);
Graphics2D g2 = fig.createGraphics();
g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
g2.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));

// plane 0 axial (k fixed; radiological: patient right on screen left), 1 coronal (j fixed), 2 parasagittal
// (i fixed, through the right hemisphere); superior up, anterior up in axial. centre: the brain's centre voxel.
int sagittal = 0;
int[] centre = new int[3];
int[] voxel(int plane, int a, int b, int n) {
    return switch (plane) {
        case 0 -> new int[] {a, n - 1 - b, centre[2]};
        case 1 -> new int[] {a, centre[1], n - 1 - b};
        default -> new int[] {sagittal, n - 1 - a, n - 1 - b};
    };
}

for (int r = 0; r < rows.length; r++) {
    String[] spec = rows[r].split(":");
    double ga = Double.parseDouble(spec[0]);
    Subgroup sub = Subgroup.of(spec[1]);
    Set<String> flags = new HashSet<>(Arrays.asList(spec).subList(2, spec.length));
    SynthSettingsBuilder b = (flags.contains("wide") ? SynthSettings.wide() : SynthSettings.defaults()).toBuilder()
            .gestationalAge(new Range(ga, ga)).shares(Map.of(sub, 1.0))
            .thickSliceShare(flags.contains("thick") ? 1.0 : 0.0).reconstructShare(1.0);
    if (!flags.contains("wide")) b.size(size);
    if (flags.contains("t2")) b.contrast(Contrast.T2);
    if (flags.contains("random")) b.contrast(Contrast.RANDOM);
    SynthCase c = new PhantomGenerator(b.build(), seed).generate(r, Cancellation.NEVER);
    Volume img = c.image();
    LabelMap lab = c.labels();
    int n = img.nx();
    long[] sum = new long[3];
    long count = 0;
    for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) {
        if (lab.label(i, j, k) > 0) { sum[0] += i; sum[1] += j; sum[2] += k; count++; }
    }
    for (int a = 0; a < 3; a++) centre[a] = (int) (sum[a] / count);
    // the parasagittal plane: a third of the way from the brain's centre to its right edge
    int right = centre[0];
    for (int i = centre[0]; i < n; i++) {
        if (lab.label(i, centre[1], centre[2]) > 0) right = i;
    }
    sagittal = centre[0] + (right - centre[0]) / 3;
    VolumeStatistics st = VolumeStatistics.of(img);
    double lo = st.p01(), hi = st.p99() * 1.05;
    for (int plane = 0; plane < 3; plane++) {
        for (int overlay = 0; overlay < 2; overlay++) {
            BufferedImage t = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
            for (int bb = 0; bb < n; bb++) for (int a = 0; a < n; a++) {
                int[] v = voxel(plane, a, bb, n);
                int grey = (int) Math.max(0, Math.min(255, 255 * (img.value(v[0], v[1], v[2]) - lo) / (hi - lo)));
                int rgb = grey * 0x10101;
                int l = lab.label(v[0], v[1], v[2]);
                if (overlay == 1 && l > 0) {
                    int col = colours[l];
                    int rr = (int) (0.45 * grey + 0.55 * (col >> 16 & 255));
                    int gg = (int) (0.45 * grey + 0.55 * (col >> 8 & 255));
                    int bl = (int) (0.45 * grey + 0.55 * (col & 255));
                    rgb = rr << 16 | gg << 8 | bl;
                }
                t.setRGB(a, bb, rgb);
            }
            g2.drawImage(t, (plane * 2 + overlay) * tile, r * (tile + 24) + 24, tile, tile, null);
        }
    }
    g2.setColor(Color.WHITE);
    g2.drawString(String.format(Locale.ROOT, "%s, GA %.0f weeks, %s, %s contrast, %s%.0f mm FOV at %.2f mm "
            + "(seed %d, case %d): axial, coronal, parasagittal", sub.id(), ga, c.acquisition(), c.contrast().id(),
            c.surroundings() ? "surroundings, " : "", c.fovMm(), c.gridSpacing(), seed, r), 8, r * (tile + 24) + 18);
}
Files.createDirectories(out.toAbsolutePath().getParent());
ImageIO.write(fig, "png", out.toFile());
System.out.println("wrote " + out);
/exit
