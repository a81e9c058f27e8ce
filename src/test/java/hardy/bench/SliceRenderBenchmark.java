package hardy.bench;

import hardy.ui.render.DisplayGrid;
import hardy.ui.render.OverlayStyle;
import hardy.ui.render.Plane;
import hardy.ui.render.SliceMapping;
import hardy.ui.render.SliceRenderer;
import hardy.ui.render.WindowLevel;
import hardy.volume.Affine;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import hardy.volume.VoxelArray;
import hardy.volume.VoxelType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The viewer's redraw cost on a 512x512x300 int16 volume with a uint8 label map (7 labels, half the voxels
 * labelled): {@code redraw} re-renders the current slice with its overlay into the ARGB raster (a window/level,
 * opacity or paint change); {@code scroll} also maps the next slice first (mouse wheel). The JavaFX side adds one
 * {@code PixelBuffer.updateBuffer} of the same raster.
 *
 * <p>Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.args=SliceRenderBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SliceRenderBenchmark {

    private static final int NX = 512;
    private static final int NY = 512;
    private static final int NZ = 300;

    @Param({"AXIAL", "CORONAL", "SAGITTAL"})
    public Plane plane;

    /** Whether the volume is rotated 10 degrees, so the views reslice it by nearest neighbour. */
    @Param({"false", "true"})
    public boolean oblique;

    @Param({"false"})
    public boolean outline;

    private Volume image;
    private LabelMap labels;
    private DisplayGrid grid;
    private SliceMapping mapping;
    private final SliceRenderer renderer = new SliceRenderer();
    private final WindowLevel window = new WindowLevel(600, 1200);
    private OverlayStyle style;
    private int[] out;
    private int slice;

    @Setup(Level.Trial)
    public void setUp() {
        double c = Math.cos(Math.toRadians(oblique ? 10 : 0));
        double s = Math.sin(Math.toRadians(oblique ? 10 : 0));
        Geometry g = new Geometry(NX, NY, NZ, Affine.ofRows(0.5 * c, -0.5 * s, 0, 0, 0.5 * s, 0.5 * c, 0, 0,
                0, 0, 0.8, 0));
        image = Volume.allocate(g, VoxelType.INT16);
        labels = LabelMap.empty(g, 7);
        short[] d = ((VoxelArray.Int16) image.data()).data();
        byte[] l = ((VoxelArray.UInt8) labels.volume().data()).data();
        for (int k = 0, n = 0; k < NZ; k++) {
            for (int j = 0; j < NY; j++) {
                for (int i = 0; i < NX; i++, n++) {
                    d[n] = (short) ((i * 7 + j * 3 + k) % 1200);
                    int r2 = (i - 256) * (i - 256) + (j - 256) * (j - 256);
                    l[n] = (byte) (r2 < 200 * 200 ? 1 + (r2 / 4000) % 7 : 0);
                }
            }
        }
        grid = DisplayGrid.of(g);
        int[] rgb = {0, 0x2F8FFF, 0xFF5A36, 0xF2E6A0, 0x00D5D5, 0x4CD24C, 0xC266E0, 0xFF78B4};
        boolean[] visible = {false, true, true, true, true, true, true, true};
        style = new OverlayStyle(rgb, visible, 0.4, outline);
        slice = grid.size(plane.normalAxis()) / 2;
        mapping = new SliceMapping(grid, plane, slice, true);
        out = new int[mapping.width() * mapping.height()];
    }

    @Benchmark
    public int[] redraw() {
        renderer.render(mapping, image, window, labels, style, out);
        return out;
    }

    @Benchmark
    public int[] scroll() {
        slice = slice + 1 < grid.size(plane.normalAxis()) ? slice + 1 : 0;
        SliceMapping m = new SliceMapping(grid, plane, slice, true);
        if (out.length < m.width() * m.height()) {
            out = new int[m.width() * m.height()];
        }
        renderer.render(m, image, window, labels, style, out);
        return out;
    }
}
