package hardy.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.inference.ModelRegistry;
import hardy.io.ReadResult;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.io.dicom.DicomSegReader;
import hardy.io.dicom.DicomSegWriter;
import hardy.io.dicom.SegAlgorithm;
import hardy.io.dicom.SegTestSeries;
import hardy.ui.TestVolumes;
import hardy.ui.render.Plane;
import hardy.volume.LabelMap;
import hardy.volume.LabelTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File > Export DICOM SEG and opening a SEG, through the view model: the SEG's algorithm comes from the real edit
 * state (a model's untouched labels AUTOMATIC, edited SEMIAUTOMATIC, hand-drawn MANUAL), a NIfTI study says it has
 * no DICOM identity, and a SEG beside its series or chosen with Open labels opens with its names and colours.
 */
class SegExportViewModelTest {

    private static final LabelTable NAMES = LabelTable.of(List.of(new LabelTable.Entry(1, "Cerebellum", 0xE69F00),
            new LabelTable.Entry(2, "Brainstem", 0xF0E442), new LabelTable.Entry(4, "Ventricles", 0x0072B2),
            new LabelTable.Entry(7, "White matter", 0x009E73)));

    @TempDir
    Path dir;

    private final DirectRunner runner = new DirectRunner();
    private final List<UserMessage> messages = new ArrayList<>();
    private ViewerViewModel vm;
    private Path series;

    @BeforeEach
    void setUp() throws IOException {
        Path shipped = dir.resolve("shipped");
        SegmentationViewModelTest.thresholdModel(shipped.resolve("threshold"), "threshold");
        vm = new ViewerViewModel(new StudyFiles(VolumeReaders.installed(), VolumeWriters.installed()), runner,
                new ModelRegistry(shipped, dir.resolve("user")));
        vm.setMessageSink(messages::add);
        vm.segmentation().setConfirmer((title, question) -> true);
        vm.segmentation().refresh();
        series = SegTestSeries.singleFrame(dir.resolve("study/mr"), SegTestSeries.OBLIQUE, 4);
    }

    @AfterEach
    void closeTheModel() {
        vm.segmentation().close();
    }

    private DicomSegReader.SegLabels export(String name) throws IOException {
        Path seg = dir.resolve(name);
        vm.exportSeg(seg);
        assertThat(messages).isEmpty();
        assertThat(vm.statusProperty().get()).contains("DICOM segmentation").contains(seg.toAbsolutePath()
                .toString());
        Study s = vm.studyProperty().get();
        DicomSegReader.SegLabels back = DicomSegReader.read(seg, s.image().geometry(), s.dicom());
        LabelMap onScreen = vm.labels().labelMapProperty().get();
        for (int v = 0; v < onScreen.volume().data().length(); v++) {
            assertThat(back.labels().volume().data().get(v)).isEqualTo(onScreen.volume().data().get(v));
        }
        return back;
    }

    private void paint() {
        vm.labels().toolProperty().set(LabelsViewModel.Tool.BRUSH);
        vm.labels().selectedProperty().set(vm.labels().rows().getFirst());
        vm.labels().beginStroke();
        vm.labels().paint(Plane.AXIAL, new DisplayPoint(1, 1, 1));
        vm.labels().endStroke();
    }

    @Test
    void aModelsLabelsAreAutomaticUntilEditedThenSemiautomatic() throws IOException {
        vm.open(series, null);
        assertThat(vm.segExportUnavailable()).isEmpty();
        vm.segmentation().segment();
        assertThat(messages).isEmpty();
        assertThat(export("auto.dcm").algorithm()).isEqualTo(SegAlgorithm.automatic("threshold 1.0"));

        paint();
        assertThat(vm.labels().editedProperty().get()).isTrue();
        assertThat(export("edited.dcm").algorithm()).isEqualTo(SegAlgorithm.semiautomatic("threshold 1.0"));
        vm.labels().undo();
        assertThat(export("undone.dcm").algorithm().type()).isEqualTo(SegAlgorithm.Type.AUTOMATIC);
    }

    @Test
    void handDrawnLabelsAreManual() throws IOException {
        vm.open(series, null);
        paint();
        assertThat(export("manual.dcm").algorithm()).isEqualTo(SegAlgorithm.manual());
    }

    @Test
    void aNiftiStudyHasNoDicomIdentityAndWritesNoSeg() throws IOException {
        Path image = TestVolumes.write(TestVolumes.ramp(8, 6, 4, TestVolumes.ras(1, 1, 2)),
                dir.resolve("image.nii.gz"));
        vm.open(image, null);
        paint();
        assertThat(vm.segExportUnavailable()).contains("no DICOM identity").contains("NIfTI");
        vm.exportSeg(dir.resolve("none.dcm"));
        assertThat(Files.exists(dir.resolve("none.dcm"))).isFalse();
    }

    @Test
    void aSegBesideItsSeriesOpensAsTheLabelLayerWithItsNamesAndColours() throws IOException {
        ReadResult read = SegTestSeries.read(series);
        LabelMap labels = SegTestSeries.labels(read);
        DicomSegWriter.write(labels, read.dicom().orElseThrow(), NAMES,
                SegAlgorithm.automatic("fetal-brain 1.0"), dir.resolve("study/seg.dcm"));
        vm.open(dir.resolve("study"), null);
        assertThat(messages).isEmpty();
        LabelMap shown = vm.labels().labelMapProperty().get();
        for (int v = 0; v < shown.volume().data().length(); v++) {
            assertThat(shown.volume().data().get(v)).isEqualTo(labels.volume().data().get(v));
        }
        assertThat(vm.labels().table().entries()).containsExactlyElementsOf(NAMES.entries());
        assertThat(vm.notesProperty().get()).contains("labels from the DICOM segmentation seg.dcm");
        assertThat(vm.labels().algorithm()).isEqualTo(SegAlgorithm.automatic("fetal-brain 1.0"));
        assertThat(vm.labels().editedProperty().get()).isFalse();
    }

    @Test
    void openLabelsTakesASegFileToo() throws IOException {
        ReadResult read = SegTestSeries.read(series);
        Path seg = dir.resolve("elsewhere/labels.dcm");
        DicomSegWriter.write(SegTestSeries.labels(read), read.dicom().orElseThrow(), NAMES,
                SegAlgorithm.semiautomatic("fetal-brain 1.0"), seg);
        vm.open(series, null);
        vm.openLabels(seg);
        assertThat(messages).isEmpty();
        assertThat(vm.labels().row(7).nameProperty().get()).isEqualTo("White matter");
        assertThat(vm.labels().algorithm()).isEqualTo(SegAlgorithm.semiautomatic("fetal-brain 1.0"));
    }

    @Test
    void aSegOfAnotherSeriesIsADialogNamingIt() throws IOException {
        Path other = SegTestSeries.singleFrame(dir.resolve("other"), SegTestSeries.AXIAL, 4);
        ReadResult read = SegTestSeries.read(other);
        Path seg = dir.resolve("other.dcm");
        DicomSegWriter.write(SegTestSeries.labels(read), read.dicom().orElseThrow(), NAMES, SegAlgorithm.manual(),
                seg);
        vm.open(series, null);
        vm.openLabels(seg);
        assertThat(messages).hasSize(1);
        assertThat(messages.getFirst().message()).startsWith("other.dcm: ").contains("does not lie on the series");
    }
}
