package hardy.training;

import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.util.Objects;

/**
 * One labelled training case, already read: an image and its label map on the same grid.
 *
 * @param image  the image (any voxel type; its real-world values are used)
 * @param labels the label map, with the image's dimensions
 */
public record TrainingCase(Volume image, LabelMap labels) {

    /** @throws IllegalArgumentException if image and labels do not have the same dimensions */
    public TrainingCase {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(labels, "labels");
        Volume l = labels.volume();
        if (image.nx() != l.nx() || image.ny() != l.ny() || image.nz() != l.nz()) {
            throw new IllegalArgumentException("image " + image.nx() + "x" + image.ny() + "x" + image.nz()
                    + " and labels " + l.nx() + "x" + l.ny() + "x" + l.nz() + " differ in size");
        }
    }
}
