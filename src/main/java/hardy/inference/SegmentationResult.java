package hardy.inference;

import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.LabelTable;
import hardy.volume.Volume;
import java.time.Duration;
import java.util.List;

/**
 * A segmentation and how it was made.
 *
 * @param labels        the label map on the image's exact geometry (class c = label value c)
 * @param labelTable    names and colours from the model card
 * @param probabilities per-class float32 probabilities on the image's geometry, or an empty list when not asked
 * @param entropy       per-voxel entropy (nats) of the averaged probabilities on the image's geometry, or null
 * @param device        the device that ran the network, and any GPU fallback
 * @param modelGrid     the grid the network saw (the card's spacing)
 * @param passes        forward passes run (patches times mirrors)
 * @param elapsed       wall time of the whole pipeline
 */
public record SegmentationResult(LabelMap labels, LabelTable labelTable, List<Volume> probabilities, Volume entropy,
                                 DeviceReport device, Geometry modelGrid, int passes, Duration elapsed) {

    public SegmentationResult {
        probabilities = List.copyOf(probabilities);
    }
}
