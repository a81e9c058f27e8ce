package hardy.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.core.ProgressListener;
import hardy.inference.ModelRegistry;
import hardy.inference.TinyOnnx;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.ui.TestVolumes;
import hardy.ui.render.Plane;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentationViewModelTest {

    /** The ramp's values are i + 10 j + 100 k; the tiny model labels everything above this as 1. */
    private static final float THRESHOLD = 121.5f;

    @TempDir
    Path dir;

    private final DirectRunner runner = new DirectRunner();
    private final List<UserMessage> messages = new ArrayList<>();
    private final List<String> questions = new ArrayList<>();
    private boolean answer;
    private ViewerViewModel vm;
    private SegmentationViewModel seg;
    private Path shipped;
    private Path user;
    private Path image;

    /** A 1x1x1 convolution: class 1 logit x - THRESHOLD, class 0 logit 0. */
    static void thresholdModel(Path modelDir, String name) throws IOException {
        var card = TinyOnnx.write(modelDir, TinyOnnx.pointwise(new float[] {0, 1}, new float[] {0, -THRESHOLD},
                null), 2, new double[] {1, 1, 2}, new int[] {8, 6, 4}, "softmax");
        card.put("name", name);
        TinyOnnx.writeCard(modelDir, card);
    }

    @BeforeEach
    void setUp() throws IOException {
        shipped = dir.resolve("shipped");
        user = dir.resolve("user");
        vm = new ViewerViewModel(new StudyFiles(VolumeReaders.installed(), VolumeWriters.installed()), runner,
                new ModelRegistry(shipped, user));
        vm.setMessageSink(messages::add);
        seg = vm.segmentation();
        seg.setConfirmer((title, question) -> {
            questions.add(question);
            return answer;
        });
        image = TestVolumes.write(TestVolumes.ramp(8, 6, 4, TestVolumes.ras(1, 1, 2)), dir.resolve("image.nii.gz"));
    }

    @org.junit.jupiter.api.AfterEach
    void closeTheLoadedModel() {
        seg.close();
    }

    private int expectedLabel(int voxel) {
        Volume v = vm.studyProperty().get().image();
        return v.value(voxel) > THRESHOLD ? 1 : 0;
    }

    @Test
    void segmentingShowsTheModelsLabelsTheirEntropyAndTheDevice() throws IOException {
        thresholdModel(shipped.resolve("threshold"), "threshold");
        seg.refresh();
        assertThat(seg.selectedProperty().get().card().name()).isEqualTo("threshold");
        vm.open(image, null);
        seg.segment();

        assertThat(messages).isEmpty();
        assertThat(questions).as("a fresh empty label map is not the user's work").isEmpty();
        assertThat(seg.stateProperty().get()).isEqualTo(SegmentationViewModel.State.DONE);
        LabelMap labels = vm.labels().labelMapProperty().get();
        int n = labels.volume().data().length();
        for (int v = 0; v < n; v++) {
            assertThat((int) labels.volume().data().get(v)).as("voxel %d", v).isEqualTo(expectedLabel(v));
        }
        assertThat(vm.labels().rows()).extracting(LabelRow::value).contains(1);
        assertThat(vm.labels().row(1).nameProperty().get()).isEqualTo("class 1");
        Volume entropy = seg.entropyProperty().get();
        assertThat(entropy.geometry().sameGrid(labels.geometry())).isTrue();
        // High next to the threshold (value 122: p = 0.62), near zero far from it.
        int near = vm.studyProperty().get().image().index(2, 2, 1);
        assertThat(entropy.value(near)).isGreaterThan(0.5);
        assertThat(entropy.value(0)).isLessThan(1e-6);
        assertThat(seg.deviceProperty().get()).containsPattern("^(Ran on the CPU|No GPU found; ran on the CPU|Ran on "
                + "the GPU \\d) \\(\\d+ (CPU )?threads?\\)$").doesNotContain("ORT", "CUDA", "Error code");
        assertThat(vm.progress().busyProperty().get()).isFalse();
    }

    @Test
    void theNetworkIsLoadedOnceWhileItsModelStaysSelectedAndClosedWhenAnotherIsPicked() throws IOException {
        thresholdModel(shipped.resolve("threshold"), "threshold");
        thresholdModel(user.resolve("other"), "other");
        seg.refresh();
        ModelRegistry.Entry threshold = seg.models().stream().filter(e -> e.card().name().equals("threshold"))
                .findFirst().orElseThrow();
        ModelRegistry.Entry other = seg.models().stream().filter(e -> e.card().name().equals("other"))
                .findFirst().orElseThrow();
        seg.selectedProperty().set(threshold);
        vm.open(image, null);

        seg.segment();
        seg.segment();
        assertThat(seg.stateProperty().get()).isEqualTo(SegmentationViewModel.State.DONE);
        assertThat(seg.modelLoads()).as("two Segments with one model").isEqualTo(1);
        assertThat(seg.loadedModel()).isEqualTo(threshold.dir().toAbsolutePath().normalize());

        seg.selectedProperty().set(other);
        assertThat(seg.loadedModel()).as("picking another model closes the loaded one").isNull();
        seg.segment();
        assertThat(seg.modelLoads()).isEqualTo(2);
        assertThat(seg.loadedModel()).isEqualTo(other.dir().toAbsolutePath().normalize());
        seg.refresh(); // the same model, re-read: kept
        assertThat(seg.loadedModel()).isEqualTo(other.dir().toAbsolutePath().normalize());

        seg.close();
        assertThat(seg.loadedModel()).as("closed with the window").isNull();
    }

    @Test
    void anEngineFailureIsSaidInWordsWithTheEnginesTextAsDetails() throws IOException {
        thresholdModel(shipped.resolve("threshold"), "threshold");
        seg.refresh();
        ModelRegistry.Entry entry = seg.selectedProperty().get();
        String ort = "ONNX Runtime failed on a patch: Error code - ORT_RUNTIME_EXCEPTION - message: Non-zero status code";
        UserMessage engine = SegmentationViewModel.failure(entry, new IllegalStateException(ort));
        assertThat(engine.message()).isEqualTo("The model threshold could not run on this study. The engine's own "
                + "report is under Show Details, and in the log.");
        assertThat(engine.details()).isEqualTo(ort);

        UserMessage own = SegmentationViewModel.failure(entry, new IllegalArgumentException("the image has 2 "
                + "channels but the model takes 1"));
        assertThat(own.message()).isEqualTo("the image has 2 channels but the model takes 1");
        assertThat(own.details()).isNull();
    }

    @Test
    void withoutAGpuTheDeviceIsSaidPlainlyAndTheEnginesReasonIsKeptForDetails() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/dev/nvidia0")),
                "this machine has a GPU; the fallback cannot be observed");
        thresholdModel(shipped.resolve("threshold"), "threshold");
        seg.refresh();
        vm.open(image, null);
        seg.segment();

        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(seg.deviceProperty().get()).isEqualTo("No GPU found; ran on the CPU (" + cores
                + (cores == 1 ? " thread)" : " threads)"));
        assertThat(seg.deviceDetailsProperty().get()).startsWith("The GPU could not be used")
                .as("ONNX Runtime's own words, for the popup").hasLineCount(2);
    }

    @Test
    void replacingEditedLabelsAsksSaveDontSaveOrCancel() throws IOException {
        thresholdModel(shipped.resolve("threshold"), "threshold");
        seg.refresh();
        List<UnsavedEdits.Action> asked = new ArrayList<>();
        UnsavedEdits.Answer[] reply = {UnsavedEdits.Answer.CANCEL};
        vm.unsaved().setQuestion((study, action) -> {
            asked.add(action);
            return reply[0];
        });
        vm.open(image, null);
        seg.segment();
        LabelMap first = vm.labels().labelMapProperty().get();

        seg.segment(); // the untouched result of the last run: replaced without a question
        assertThat(questions).isEmpty();
        assertThat(asked).isEmpty();

        vm.labels().toolProperty().set(LabelsViewModel.Tool.ERASER);
        vm.labels().brushMmProperty().set(50);
        vm.labels().beginStroke();
        vm.labels().paint(Plane.AXIAL, new DisplayPoint(4, 3, 2)); // slices k = 1, 2 hold label 1 either way
        vm.labels().endStroke();
        assertThat(vm.labels().editedProperty().get()).isTrue();
        LabelMap edited = vm.labels().labelMapProperty().get();
        seg.segment();
        assertThat(asked).containsExactly(UnsavedEdits.Action.SEGMENT);
        assertThat(vm.labels().labelMapProperty().get()).as("kept").isSameAs(edited);
        assertThat(seg.stateProperty().get()).isEqualTo(SegmentationViewModel.State.DONE);

        reply[0] = UnsavedEdits.Answer.DONT_SAVE;
        seg.segment();
        assertThat(asked).hasSize(2);
        assertThat(questions).as("no second, yes/no question").isEmpty();
        assertThat(vm.labels().labelMapProperty().get()).isNotSameAs(edited).isNotSameAs(first);
        assertThat(vm.labels().editedProperty().get()).isFalse();
    }

    @Test
    void labelsOpenedFromAFileAreReplacedOnlyIfTheUserAgrees() throws IOException {
        thresholdModel(shipped.resolve("threshold"), "threshold");
        seg.refresh();
        LabelMap onDisk = LabelMap.empty(VolumeReaders.installed().read(image).volume().geometry(), 3);
        Path file = TestVolumes.write(onDisk.volume(), dir.resolve("labels.nii.gz"));
        vm.open(image, file);
        LabelMap opened = vm.labels().labelMapProperty().get();
        answer = false;
        seg.segment();
        assertThat(questions).singleElement().asString().contains("labels.nii.gz");
        assertThat(vm.labels().labelMapProperty().get()).isSameAs(opened);
        answer = true;
        seg.segment();
        assertThat(vm.labels().labelMapProperty().get()).isNotSameAs(opened);
    }

    @Test
    void withoutAModelTheUserIsToldHowToGetOne() {
        seg.refresh();
        vm.open(image, null);
        seg.segment();
        assertThat(messages).hasSize(1);
        assertThat(messages.getFirst().message()).contains("Import model");
        assertThat(seg.stateProperty().get()).isEqualTo(SegmentationViewModel.State.IDLE);
    }

    @Test
    void aCancelledRunLeavesTheLabelsAlone() throws IOException {
        thresholdModel(shipped.resolve("threshold"), "threshold");
        BackgroundRunner cancelling = new BackgroundRunner() {
            @Override
            public <T> void run(Work<T> work, ProgressModel progress, Consumer<T> onSuccess,
                    Consumer<Throwable> onFailure) {
                progress.cancel();
                try {
                    onSuccess.accept(work.call(ProgressListener.NONE, progress.cancellation()));
                } catch (Exception e) {
                    onFailure.accept(e);
                }
            }
        };
        ViewerViewModel other = new ViewerViewModel(new StudyFiles(VolumeReaders.installed(),
                VolumeWriters.installed()), cancelling, new ModelRegistry(shipped, user));
        other.setMessageSink(messages::add);
        other.segmentation().refresh();
        other.open(image, null);
        assertThat(other.studyProperty().get()).as("opening is cancelled too").isNull();
        Volume v = VolumeReaders.installed().read(image).volume();
        other.show(Study.of("image", image, "NIfTI", v, List.of()), null);
        LabelMap before = other.labels().labelMapProperty().get();
        other.segmentation().segment();
        assertThat(other.segmentation().stateProperty().get()).isEqualTo(SegmentationViewModel.State.CANCELLED);
        assertThat(other.labels().labelMapProperty().get()).isSameAs(before);
        assertThat(messages).isEmpty();
    }

    @Test
    void importingCopiesAnAcceptedModelAndRefusesABrokenOne() throws IOException {
        Path good = dir.resolve("downloads/good");
        thresholdModel(good, "site-model");
        seg.refresh();
        List<Path> installed = new ArrayList<>();
        seg.importModel(good, installed::add);
        assertThat(installed).containsExactly(user.resolve("site-model"));
        assertThat(seg.selectedProperty().get().card().name()).isEqualTo("site-model");
        assertThat(Files.readAllBytes(user.resolve("site-model/model.onnx")))
                .isEqualTo(Files.readAllBytes(good.resolve("model.onnx")));

        Path bad = dir.resolve("downloads/bad");
        thresholdModel(bad, "bad-model");
        Files.write(bad.resolve("model.onnx"), new byte[] {8, 1, 2, 3});
        seg.importModel(bad, installed::add);
        assertThat(installed).hasSize(1);
        assertThat(messages).hasSize(1);
        assertThat(messages.getFirst().message()).contains("SHA-256");
        assertThat(user.resolve("bad-model")).doesNotExist();
        try (var left = Files.list(user)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("site-model");
        }
    }

    @Test
    void theCardIsDescribedForThePicker() throws IOException {
        thresholdModel(shipped.resolve("threshold"), "threshold");
        seg.refresh();
        String text = SegmentationViewModel.describe(seg.selectedProperty().get());
        assertThat(text).contains("threshold 1.0 (shipped)").contains("Labels: 1 class 1")
                .contains("Grid 1 x 1 x 2 mm, patch 8 x 6 x 4, 2 classes").contains("Trained with hand-written");
        assertThat(SegmentationViewModel.describe(null)).isEqualTo("No model installed.");
    }
}
