package hardy.training.session;

import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import hardy.volume.VoxelType;
import java.util.SplittableRandom;

/** Tiny labelled training cases: a noisy 16³ image with a bright block (label 1) whose size depends on the case. */
public final class Cubes {

    /** The side of a case. */
    public static final int SIDE = 16;

    /** An image and its labels. */
    public record Case(Volume image, LabelMap labels) {
    }

    private Cubes() {
    }

    /** Case {@code c}: the block spans i in (4 + c, 11), j and k in (4, 11); noise seeded by {@code c}. */
    public static Case of(int c) {
        SplittableRandom random = new SplittableRandom(c);
        Geometry g = Geometry.axisAligned(SIDE, SIDE, SIDE, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Volume image = Volume.allocate(g, VoxelType.FLOAT32);
        LabelMap labels = LabelMap.empty(g, 1);
        for (int k = 0; k < SIDE; k++) {
            for (int j = 0; j < SIDE; j++) {
                for (int i = 0; i < SIDE; i++) {
                    boolean inside = i > 4 + c && i < 11 && j > 4 && j < 11 && k > 4 && k < 11;
                    image.data().set(image.index(i, j, k), 100 + (inside ? 60 : 0) + 10 * random.nextGaussian());
                    if (inside) {
                        labels.setLabel(i, j, k, 1);
                    }
                }
            }
        }
        return new Case(image, labels);
    }
}
