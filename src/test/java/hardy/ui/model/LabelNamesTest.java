package hardy.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hardy.inference.ModelRegistry;
import hardy.inference.TinyOnnx;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.io.labels.LabelTableFiles;
import hardy.ui.TestVolumes;
import hardy.volume.FetalLabels;
import hardy.volume.LabelMap;
import hardy.volume.LabelTable;
import hardy.volume.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Label names and colours in the viewer: the FeTA default, renaming, adding, import/export, and the sidecar file. */
class LabelNamesTest {

    @TempDir
    Path dir;

    private final DirectRunner runner = new DirectRunner();
    private final List<UserMessage> messages = new ArrayList<>();
    private ViewerViewModel vm;
    private Path image;
    private Path labels;
    private Path models;

    @BeforeEach
    void setUp() throws IOException {
        models = dir.resolve("models");
        vm = new ViewerViewModel(new StudyFiles(VolumeReaders.installed(), VolumeWriters.installed()), runner,
                new ModelRegistry(models, dir.resolve("user-models")));
        vm.setMessageSink(messages::add);
        Volume v = TestVolumes.ramp(8, 6, 4, TestVolumes.ras(1, 1, 2));
        image = TestVolumes.write(v, dir.resolve("image.nii.gz"));
        LabelMap l = LabelMap.empty(v.geometry(), 255);
        l.setLabel(2, 3, 1, 3);
        l.setLabel(1, 1, 1, 9);
        labels = TestVolumes.write(l.volume(), dir.resolve("case_labels.nii.gz"));
    }

    private List<Integer> colours() {
        return vm.labels().rows().stream().map(r -> r.rgbProperty().get()).toList();
    }

    @Test
    void labelsWithoutNamesGetTheFetaTableAndUnknownValuesTheirOwnRow() {
        vm.open(image, labels);
        assertThat(vm.labels().row(3).nameProperty().get()).isEqualTo("White matter");
        assertThat(vm.labels().row(3).rgbProperty().get()).isEqualTo(FetalLabels.TABLE.colour(3));
        assertThat(vm.labels().row(9).nameProperty().get()).isEqualTo("Label 9");
    }

    @Test
    void renamingRecolouringAndAddingAreEditsSavedBesideTheLabelsAndReadBack() throws IOException {
        vm.open(image, labels);
        vm.labels().row(3).nameProperty().set("Subplate");
        assertThat(vm.labels().editedProperty().get()).as("a rename is unsaved work").isTrue();
        vm.labels().row(9).rgbProperty().set(0x123456);
        LabelRow added = vm.labels().addLabel();
        assertThat(added.value()).isEqualTo(10);
        assertThat(vm.labels().selectedProperty().get()).isSameAs(added);
        added.nameProperty().set("Lesion");

        vm.saveLabels(false, () -> { });
        assertThat(messages).isEmpty();
        assertThat(vm.labels().editedProperty().get()).isFalse();
        Path sidecar = dir.resolve("case_labels.label.txt");
        assertThat(sidecar).exists();
        assertThat(Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();

        vm.open(image, labels);
        assertThat(vm.labels().row(3).nameProperty().get()).isEqualTo("Subplate");
        assertThat(vm.labels().row(9).rgbProperty().get()).isEqualTo(0x123456);
        assertThat(vm.labels().row(10).nameProperty().get()).isEqualTo("Lesion");
        assertThat(vm.labels().row(1).nameProperty().get()).isEqualTo("External CSF");
        assertThat(vm.labels().editedProperty().get()).isFalse();
    }

    @Test
    void anUnreadableSidecarIsNotedAndTheLabelsStillOpen() throws IOException {
        Files.writeString(dir.resolve("case_labels.label.txt"), "garbage\n");
        vm.open(image, labels);
        assertThat(messages).isEmpty();
        assertThat(vm.labels().row(3).nameProperty().get()).isEqualTo("White matter");
        assertThat(vm.notesProperty().get()).contains("label names not read (case_labels.label.txt: line 1");
    }

    @Test
    void importingNamesRenamesRecoloursAndAddsRows() throws IOException {
        vm.open(image, labels);
        Path ctbl = dir.resolve("site.ctbl");
        Files.writeString(ctbl, "# Color table file site.ctbl\n# 3 values\n0 Background 0 0 0 0\n"
                + "3 white_matter_(site) 10 20 30 255\n12 lesion 200 0 0 255\n");
        vm.importLabelNames(ctbl);
        assertThat(messages).isEmpty();
        assertThat(vm.labels().row(3).nameProperty().get()).isEqualTo("white matter (site)");
        assertThat(vm.labels().row(3).rgbProperty().get()).isEqualTo(0x0A141E);
        assertThat(vm.labels().rows()).extracting(LabelRow::value).containsExactly(1, 2, 3, 4, 5, 6, 7, 9, 12);
        assertThat(vm.labels().editedProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).startsWith("Label names imported from");
    }

    @Test
    void aBadImportIsReportedInOneLineAndChangesNothing() throws IOException {
        vm.open(image, labels);
        Path bad = Files.writeString(dir.resolve("bad.txt"), "    3   300 0 0 1 1 1 \"x\"\n");
        vm.importLabelNames(bad);
        assertThat(messages).hasSize(1);
        assertThat(messages.getFirst().message()).contains("bad.txt: line 1: red 300 is outside 0..255")
                .doesNotContain("\n");
        assertThat(vm.labels().row(3).nameProperty().get()).isEqualTo("White matter");
        assertThat(vm.labels().editedProperty().get()).isFalse();
    }

    @Test
    void exportWritesTheTableOnScreenInTheFormatTheNameAsksFor() throws IOException {
        vm.open(image, labels);
        vm.labels().row(3).nameProperty().set("WM");
        Path itk = dir.resolve("out.txt");
        Path slicer = dir.resolve("out.ctbl");
        vm.exportLabelNames(itk);
        vm.exportLabelNames(slicer);
        assertThat(Files.readString(itk)).contains("ITK-SnAP Label Description File", "\"WM\"");
        assertThat(Files.readString(slicer)).startsWith("# Color table file");
        assertThat(LabelTableFiles.read(slicer).entries()).isEqualTo(vm.labels().table().entries());
    }

    /** The labels of the model card Hardy shipped before its FeTA table (fetal-brain 2026-11-28). */
    private static final String OLDER_FETA_LABELS = """
            [
            {"value": 1, "name": "external CSF", "color": "#C8C8EB"},
            {"value": 2, "name": "grey matter", "color": "#E6194B"},
            {"value": 3, "name": "white matter", "color": "#F5F5F5"},
            {"value": 4, "name": "ventricles", "color": "#4363D8"},
            {"value": 5, "name": "cerebellum", "color": "#F58231"},
            {"value": 6, "name": "deep grey matter", "color": "#3CB44B"},
            {"value": 7, "name": "brainstem", "color": "#FFE119"}
            ]""";

    /**
     * Cards written before the table carry lower-case names and white matter #F5F5F5; segmenting the demo with such a
     * model must not change the colours on screen. Here an 8-class model with that card's labels marks bright voxels
     * white matter.
     */
    @Test
    void segmentingWithAnOlderFetaCardKeepsTheColoursOnScreen() throws IOException {
        Path model = models.resolve("fetal-like");
        ObjectNode card = TinyOnnx.write(model, TinyOnnx.pointwise(new float[] {0, 0, 0, 1, 0, 0, 0, 0},
                new float[] {0, -100, -100, -121.5f, -100, -100, -100, -100}, null), 8, new double[] {1, 1, 2},
                new int[] {8, 6, 4}, "softmax");
        ObjectMapper json = new ObjectMapper();
        card.set("labels", json.readTree(OLDER_FETA_LABELS));
        card.put("name", "fetal-like");
        TinyOnnx.writeCard(model, card);
        assertThat(card.get("labels").toString()).contains("#F5F5F5");
        vm.segmentation().refresh();

        vm.segmentation().setConfirmer((title, question) -> true); // replace the labels opened from a file
        vm.open(image, labels);
        List<Integer> before = colours().subList(0, 7);
        vm.segmentation().segment();
        assertThat(messages).isEmpty();
        assertThat(vm.segmentation().stateProperty().get()).isEqualTo(SegmentationViewModel.State.DONE);
        assertThat(vm.labels().row(3).voxelsProperty().get()).isPositive();
        assertThat(colours().subList(0, 7)).isEqualTo(before);
        assertThat(vm.labels().row(3).nameProperty().get()).isEqualTo("White matter");
    }

    @Test
    void aModelWithOtherLabelsShowsItsOwnNames() {
        LabelTable model = LabelTable.of(List.of(new LabelTable.Entry(1, "Femur", 0x112233)));
        assertThat(SegmentationViewModel.labelsToShow(model, FetalLabels.TABLE)).isSameAs(model);
        LabelTable oldFeta = LabelTable.of(FetalLabels.TABLE.entries().stream()
                .map(e -> new LabelTable.Entry(e.value(), e.name().toLowerCase(java.util.Locale.ROOT), 0xF5F5F5))
                .toList());
        LabelTable screen = LabelTable.of(List.of(new LabelTable.Entry(1, "Femur", 0x112233)));
        assertThat(SegmentationViewModel.labelsToShow(oldFeta, screen)).isSameAs(FetalLabels.TABLE);
    }
}
