package hardy.ui.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hardy.inference.ModelRegistry;
import hardy.inference.SegmentationModel;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.training.session.Cubes;
import hardy.training.session.RunState;
import hardy.training.session.TrainingCaseRecord;
import hardy.training.session.TrainingSession;
import hardy.training.session.TrainingWorkspace;
import hardy.ui.model.DirectRunner;
import hardy.ui.model.UserMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training tab's view model without a screen, on a real (tiny) run: 16³ cubes, a U-Net of the shipped shape
 * (base 8, depth 3) from scratch, then fine-tuned from the exported model.
 */
class TrainingViewModelTest {

    @TempDir
    Path dir;

    private TrainingViewModel vm;
    private ModelRegistry registry;
    private final List<UserMessage> messages = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        TrainingWorkspace workspace = new TrainingWorkspace(dir.resolve("ws"), VolumeReaders.installed(),
                VolumeWriters.installed());
        registry = new ModelRegistry(dir.resolve("shipped"), dir.resolve("user-models"));
        vm = new TrainingViewModel(workspace, registry, new DirectRunner(), Runnable::run);
        vm.setMessageSink(messages::add);
        vm.refresh();
    }

    private void addCubes(int count) {
        for (int c = 0; c < count; c++) {
            Cubes.Case cube = Cubes.of(c);
            vm.addStudy("cube" + c + ".nii.gz", cube.image(), cube.labels(), "/data/cube" + c + ".nii.gz", n -> { });
        }
    }

    private void tinySettings(int iterations, int validateEvery) {
        vm.settingsModel().iterationsProperty().set(iterations);
        vm.settingsModel().patchSizeProperty().set(16);
        vm.settingsModel().batchSizeProperty().set(2);
        vm.settingsModel().learningRateProperty().set(1e-2);
        vm.settingsModel().validationEveryProperty().set(validateEvery);
        vm.settingsModel().betaProperty().set(100); // the default is standard training; these runs exercise the sampler
    }

    @Test
    void startIsRefusedWithTheReasonsUntilTheSettingsAndCasesAreUsable() {
        assertThat(vm.problems()).containsExactly("Add at least one training case.");
        vm.start();
        assertThat(vm.stateProperty().get()).isEqualTo(RunState.IDLE);
        assertThat(messages).singleElement().extracting(UserMessage::message).asString()
                .contains("Add at least one training case.");

        addCubes(1);
        assertThat(vm.cases()).extracting(TrainingCaseRecord::name).containsExactly("cube0");
        assertThat(vm.problems()).containsExactly(
                "The batch size (2) is larger than the number of training cases (1).");
        vm.settingsModel().batchSizeProperty().set(1);
        vm.settingsModel().learningRateProperty().set(Double.NaN); // text that is not a number
        assertThat(vm.problems()).singleElement().asString().startsWith("The learning rate");
        vm.settingsModel().learningRateProperty().set(1e-3);
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.thumbnails()).containsKey("cube0");
        CaseThumbnails.Thumbnail t = vm.thumbnails().get("cube0");
        assertThat(t.width() * t.height()).isEqualTo(Cubes.SIDE * Cubes.SIDE);
    }

    @Test
    void aRunFinishesShowsItsCurvesAndHardestCasesComparesAndExportsIntoThePicker() throws Exception {
        addCubes(4);
        vm.setRole(vm.cases().get(3), TrainingCaseRecord.Role.VALIDATION);
        assertThat(vm.startingModelProperty().get()).as("no model installed: from scratch").isNull();
        tinySettings(4, 2);

        vm.start();
        vm.join();
        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(RunState.FINISHED);
        assertThat(vm.progress().selfCheckProperty().get()).isEqualTo("Gradient check passed");
        assertThat(vm.progress().selfCheckDetailsProperty().get()).contains("Batch 2, patch", "gradient error", "tolerance");
        assertThat(vm.progress().iterationProperty().get()).isEqualTo(4);
        assertThat(vm.progress().lossCurve()).extracting(ChartThrottle.Point::x).containsExactly(1.0, 2.0, 3.0, 4.0);

        // the sampler's bars: the three training cases, most likely first
        assertThat(vm.progress().sampler()).extracting(RunProgressModel.Bar::name)
                .containsExactlyInAnyOrder("cube0", "cube1", "cube2");
        assertThat(vm.progress().sampler()).extracting(RunProgressModel.Bar::probability)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        // hardest cases: training cases by loss, then the validation case; all scored by the finished model
        List<RunProgressModel.HardCase> hard = vm.progress().hardest();
        assertThat(hard).extracting(RunProgressModel.HardCase::name).hasSize(4).endsWith("cube3");
        assertThat(hard.subList(0, 3)).extracting(RunProgressModel.HardCase::loss)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(hard).allSatisfy(h -> assertThat(h.dice()).isBetween(0.0, 1.0));
        // validation at iteration 2 and of the finished model: one curve for label 1 with two points
        assertThat(vm.progress().diceCurves()).singleElement().satisfies(c -> assertThat(c.points())
                .extracting(ChartThrottle.Point::x).containsExactly(2.0, 4.0));

        TrainingSession.Comparison comparison = vm.comparisonProperty().get();
        assertThat(comparison.trained()).singleElement().extracting(r -> r.name()).isEqualTo("cube3");
        assertThat(comparison.start()).isEmpty();
        assertThat(ComparisonText.of(comparison)).contains("Dice on 1 validation case")
                .contains("worst case").contains("Trained from scratch");

        vm.exportNameProperty().set("my site model");
        Path[] exported = new Path[1];
        vm.export("Fine-tuned on our scanner", d -> exported[0] = d);
        assertThat(exported[0]).isEqualTo(registry.user().resolve("my_site_model"));
        SegmentationModel model = SegmentationModel.load(exported[0]);
        assertThat(model.card().name()).isEqualTo("my_site_model");
        assertThat(model.card().description()).isEqualTo("Fine-tuned on our scanner");
        JsonNode provenance = model.card().provenance();
        assertThat(provenance.path("algorithm").asText()).contains("hardness weighted sampling");
        assertThat(provenance.path("trainingCases").asInt()).isEqualTo(3);
        assertThat(provenance.path("settings").path("iterations").asInt()).isEqualTo(4);
        assertThat(provenance.path("caseFilesSha256")).hasSize(3);
        assertThat(provenance.toString()).doesNotContain("cube").doesNotContain("/data/");
        assertThat(model.card().evaluation().path("validationCases").asInt()).isEqualTo(1);
        assertThat(vm.startingModels()).extracting(e -> e.card().name()).contains("my_site_model");
        assertThat(registry.list()).extracting(e -> e.dir()).contains(exported[0]);

        // a second export under the same name is refused, and the first model is kept
        vm.export("again", d -> { });
        assertThat(messages).last().extracting(UserMessage::message).asString().contains("already exists");
        assertThat(SegmentationModel.load(exported[0]).card().description()).isEqualTo("Fine-tuned on our scanner");

        // fine-tune the exported model: a new run, compared with its starting model on the validation case
        vm.setConfirmer((title, question) -> true);
        vm.newRun();
        assertThat(vm.resumableProperty().get()).isEmpty();
        vm.startingModelProperty().set(vm.startingModels().stream()
                .filter(e -> e.card().name().equals("my_site_model")).findFirst().orElseThrow());
        tinySettings(2, 0);
        vm.start();
        vm.join();
        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(RunState.FINISHED);
        TrainingSession.Comparison fineTuned = vm.comparisonProperty().get();
        assertThat(fineTuned.startName()).startsWith("my_site_model");
        assertThat(fineTuned.start()).hasSize(1);
        assertThat(ComparisonText.of(fineTuned)).contains("start: my_site_model");
        JsonNode card = new ObjectMapper().readTree(vm.currentModel().resolve(SegmentationModel.CARD_FILE)
                .toFile());
        assertThat(card.path("provenance").path("parentModel").asText()).startsWith("my_site_model");
    }

    @Test
    void afterARestartTheStoppedRunsSettingsAreShownStartContinuesItAndNewRunSetsItAside() throws Exception {
        addCubes(2);
        tinySettings(3, 0);
        vm.settingsModel().betaProperty().set(7);
        vm.settingsModel().augmentationProperty().set(false);
        vm.start();
        vm.join();
        assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(RunState.FINISHED);
        assertThat(vm.resumableProperty().get()).startsWith("The finished run's checkpoint");
        Path ckpt = vm.workspace().checkpointsDir();

        TrainingViewModel again = new TrainingViewModel(vm.workspace(), registry, new DirectRunner(), Runnable::run);
        List<UserMessage> said = new ArrayList<>();
        again.setMessageSink(said::add);
        // as if the app had stopped after iteration 2 (a crash between checkpoints keeps the last one)
        Path marker = ckpt.resolve("progress.properties");
        Files.writeString(marker, Files.readString(marker).replace("iterations=3", "iterations=2"));
        again.refresh();
        assertThat(again.resumableProperty().get()).contains("stopped at iteration 2");
        assertThat(again.settingsModel().betaProperty().get()).as("the stopped run's settings are shown").isEqualTo(7);
        assertThat(again.settingsModel().augmentationProperty().get()).isFalse();
        assertThat(again.settingsModel().iterationsProperty().get()).isEqualTo(3);
        // a changed setting is refused by name rather than silently mixing two runs
        again.settingsModel().iterationsProperty().set(5);
        again.settingsModel().betaProperty().set(8);
        again.start();
        again.join();
        assertThat(again.stateProperty().get()).isEqualTo(RunState.FAILED);
        assertThat(again.messageProperty().get()).contains("beta 7.0 -> 8.0").contains("New run");
        assertThat(said).as("a failed run is also reported in a dialog").singleElement()
                .extracting(UserMessage::message).asString().contains("beta 7.0 -> 8.0");
        // the same settings continue the run: no iteration is repeated, the finished model is rebuilt
        again.settingsModel().betaProperty().set(7);
        again.settingsModel().iterationsProperty().set(3);
        again.start();
        again.join();
        assertThat(again.stateProperty().get()).as(again.messageProperty().get()).isEqualTo(RunState.FINISHED);
        assertThat(again.progress().lossCurve()).extracting(ChartThrottle.Point::x).containsExactly(3.0);
        assertThat(again.candidateProperty().get()).isDirectory();

        again.setConfirmer((t, q) -> false);
        again.newRun();
        assertThat(ckpt).exists();
        again.setConfirmer((t, q) -> true);
        again.newRun();
        assertThat(ckpt).doesNotExist();
        assertThat(again.resumableProperty().get()).isEmpty();
        assertThat(again.candidateProperty().get()).isNull();
        try (var removed = Files.list(vm.workspace().root().resolve("removed"))) {
            assertThat(removed.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("checkpoints-"));
        }
        assertThat(said).hasSize(1);
    }

    @Test
    void durationsReadAsHoursAndMinutesOrMinutesAndSeconds() {
        assertThat(RunProgressModel.formatDuration(65)).isEqualTo("1m05s");
        assertThat(RunProgressModel.formatDuration(3720)).isEqualTo("1h02m");
    }
}
