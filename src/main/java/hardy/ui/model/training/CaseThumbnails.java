package hardy.ui.model.training;

import hardy.io.VolumeReaders;
import hardy.training.session.TrainingCaseRecord;
import hardy.training.session.TrainingWorkspace;
import hardy.ui.model.BackgroundRunner;
import hardy.ui.model.ProgressModel;
import hardy.ui.render.DisplayGrid;
import hardy.ui.render.OverlayStyle;
import hardy.ui.render.Plane;
import hardy.ui.render.SliceMapping;
import hardy.ui.render.SliceRenderer;
import hardy.ui.render.WindowLevel;
import hardy.volume.FetalLabels;
import hardy.volume.LabelMap;
import hardy.volume.LabelTable;
import hardy.volume.Volume;
import hardy.volume.VolumeStatistics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The small pictures of the training cases in the tab's case list. */
public final class CaseThumbnails {

    /** A small picture of a case: its middle axial slice with the labels. */
    public record Thumbnail(int width, int height, int[] argb) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CaseThumbnails.class);

    private CaseThumbnails() {
    }

    /** Makes the thumbnails of the cases {@code into} does not have yet, in the background, and adds them. */
    static void loadMissing(BackgroundRunner runner, TrainingWorkspace workspace, List<TrainingCaseRecord> cases,
            ObservableMap<String, Thumbnail> into) {
        List<TrainingCaseRecord> missing = cases.stream().filter(c -> !into.containsKey(c.name())).toList();
        if (missing.isEmpty()) {
            return;
        }
        runner.run((p, cancel) -> {
            Map<String, Thumbnail> out = new HashMap<>();
            for (TrainingCaseRecord c : missing) {
                cancel.check();
                try {
                    out.put(c.name(), of(workspace.imageOf(c), workspace.labelsOf(c)));
                } catch (IOException | RuntimeException e) {
                    LOG.debug("No thumbnail for a case", e);
                }
            }
            return out;
        }, new ProgressModel(), into::putAll, e -> LOG.debug("Thumbnails failed", e));
    }

    /** The middle axial slice with the labels at half opacity, patient-aligned as in the viewer. */
    static Thumbnail of(Path image, Path labels) throws IOException {
        VolumeReaders readers = VolumeReaders.installed();
        Volume v = readers.read(image).volume();
        LabelMap l = LabelMap.fromImage(readers.read(labels).volume());
        DisplayGrid grid = DisplayGrid.of(v.geometry());
        SliceMapping mapping = new SliceMapping(grid, Plane.AXIAL, grid.size(2) / 2, true);
        LabelTable table = FetalLabels.TABLE;
        int[] rgb = new int[256];
        boolean[] visible = new boolean[256];
        for (int i = 1; i < 256; i++) {
            rgb[i] = table.colour(i);
            visible[i] = true;
        }
        int[] out = new int[mapping.width() * mapping.height()];
        new SliceRenderer().render(mapping, v, WindowLevel.auto(VolumeStatistics.of(v)), l,
                new OverlayStyle(rgb, visible, 0.45, false), out);
        return new Thumbnail(mapping.width(), mapping.height(), out);
    }
}
