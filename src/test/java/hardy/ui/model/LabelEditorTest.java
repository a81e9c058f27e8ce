package hardy.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.ui.TestVolumes;
import hardy.ui.render.DisplayGrid;
import hardy.ui.render.Plane;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelEditorTest {

    private final Geometry geometry = new Geometry(21, 21, 9, TestVolumes.lps(1, 1, 2));
    private final LabelMap labels = LabelMap.empty(geometry, 10);
    private final List<Stroke> applied = new ArrayList<>();
    private final LabelEditor editor = new LabelEditor(labels, DisplayGrid.of(geometry), applied::add);

    private long count(int label) {
        long[] c = labels.counts();
        return label < c.length ? c[label] : 0;
    }

    @Test
    void aBrushDabPaintsADiscOfTheGivenDiameterInTheCurrentSlice() {
        editor.beginStroke();
        editor.dab(Plane.AXIAL, new DisplayPoint(10, 10, 4), 5, false, 3, LabelEditor.PaintOver.ALL);
        editor.endStroke();
        // Radius 2.5 mm on a 1 mm grid: the 21 voxels with di^2 + dj^2 <= 6.25.
        assertThat(count(3)).isEqualTo(21);
        assertThat(labels.label(10, 10, 4)).isEqualTo(3);
        assertThat(labels.label(12, 11, 4)).isEqualTo(3);
        assertThat(labels.label(12, 12, 4)).isZero();
        assertThat(labels.label(10, 10, 3)).as("other slices untouched").isZero();
    }

    @Test
    void aSphereReachesNeighbouringSlicesByTheirSpacing() {
        editor.beginStroke();
        editor.dab(Plane.AXIAL, new DisplayPoint(10, 10, 4), 5, true, 2, LabelEditor.PaintOver.ALL);
        editor.endStroke();
        // Slices are 2 mm apart: one slice either side is within 2.5 mm, two are not.
        assertThat(labels.label(10, 10, 3)).isEqualTo(2);
        assertThat(labels.label(10, 10, 5)).isEqualTo(2);
        assertThat(labels.label(10, 10, 2)).isZero();
    }

    @Test
    void backgroundOnlyLeavesOtherLabelsAlone() {
        labels.setLabel(10, 10, 4, 7);
        editor.beginStroke();
        editor.dab(Plane.AXIAL, new DisplayPoint(10, 10, 4), 3, false, 1, LabelEditor.PaintOver.BACKGROUND_ONLY);
        editor.endStroke();
        assertThat(labels.label(10, 10, 4)).isEqualTo(7);
        assertThat(labels.label(11, 10, 4)).isEqualTo(1);
    }

    @Test
    void undoRestoresExactlyAndRedoReapplies() {
        labels.setLabel(10, 10, 4, 7);
        editor.beginStroke();
        editor.dab(Plane.CORONAL, new DisplayPoint(10, 10, 4), 3, false, 1, LabelEditor.PaintOver.ALL);
        editor.dab(Plane.CORONAL, new DisplayPoint(11, 10, 4), 3, false, 0, LabelEditor.PaintOver.ALL);
        assertThat(editor.endStroke()).isTrue();
        byte[] after = ((hardy.volume.VoxelArray.UInt8) labels.volume().data()).data().clone();
        assertThat(editor.undo()).isTrue();
        assertThat(labels.label(10, 10, 4)).isEqualTo(7);
        assertThat(count(1) + count(7)).isEqualTo(1);
        assertThat(editor.redo()).isTrue();
        assertThat(((hardy.volume.VoxelArray.UInt8) labels.volume().data()).data()).isEqualTo(after);
    }

    @Test
    void atLeastFiftyStrokesCanBeUndone() {
        for (int s = 0; s < 60; s++) {
            editor.beginStroke();
            editor.dab(Plane.AXIAL, new DisplayPoint(s % 21, s / 21, 0), 1, false, 1 + s % 5,
                    LabelEditor.PaintOver.ALL);
            editor.endStroke();
        }
        int undone = 0;
        while (editor.undo()) {
            undone++;
        }
        assertThat(undone).isEqualTo(60);
        assertThat(count(0)).isEqualTo(geometry.voxelCount());
    }

    @Test
    void aStrokeThatChangesNothingIsNotAnUndoStep() {
        editor.beginStroke();
        editor.dab(Plane.AXIAL, new DisplayPoint(3, 3, 3), 2, false, 0, LabelEditor.PaintOver.ALL);
        assertThat(editor.endStroke()).isFalse();
        assertThat(editor.canUndo()).isFalse();
    }

    @Test
    void theStateNumberComesBackWithUndoAndNeverAfterANewStroke() {
        long start = editor.state();
        editor.beginStroke();
        editor.dab(Plane.AXIAL, new DisplayPoint(5, 5, 4), 1, false, 3, LabelEditor.PaintOver.ALL);
        editor.endStroke();
        long one = editor.state();
        assertThat(one).isNotEqualTo(start);
        editor.undo();
        assertThat(editor.state()).isEqualTo(start);
        editor.redo();
        assertThat(editor.state()).isEqualTo(one);
        editor.undo();
        editor.beginStroke();
        editor.dab(Plane.AXIAL, new DisplayPoint(6, 6, 4), 1, false, 3, LabelEditor.PaintOver.ALL);
        editor.endStroke();
        assertThat(editor.state()).isNotEqualTo(one).isNotEqualTo(start);
    }

    @Test
    void undoingEverythingLeftAfterTheLimitIsNotTheStartingState() {
        long start = editor.state();
        for (int n = 0; n <= LabelEditor.UNDO_LIMIT; n++) {
            editor.beginStroke();
            editor.dab(Plane.AXIAL, new DisplayPoint(n % 21, n / 21, 4), 1, false, 1 + n % 9,
                    LabelEditor.PaintOver.ALL);
            editor.endStroke();
        }
        while (editor.canUndo()) {
            editor.undo();
        }
        assertThat(labels.label(0, 0, 4)).as("the first stroke fell off the history").isEqualTo(1);
        assertThat(editor.state()).isNotEqualTo(start);
    }
}
