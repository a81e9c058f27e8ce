package hardy;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.targetOwner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import hardy.io.VolumeReader;
import hardy.io.VolumeWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layer rules of DESIGN.md, checked on the compiled main classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("hardy");
    }

    @Test
    void coreLayersUseNeitherJavaFxNorDjl() {
        ArchRule rule = noClasses().that().resideInAnyPackage("hardy.volume..", "hardy.io..", "hardy.core..",
                        "hardy.eval..", "hardy.synth..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "ai.djl..")
                .because("the data model, readers and metrics must run headless and without native engines, "
                        + "in the CLI, in tests and on a server");
        rule.check(classes);
    }

    @Test
    void reportIsPlainJava() {
        noClasses().that().resideInAPackage("hardy.report..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "ai.djl..")
                .because("biometry, norms and the PDF report must run headless in the CLI and in tests, and a "
                        + "measurement must not depend on the engine that drew the labels")
                .check(classes);
    }

    @Test
    void thePacsClientUsesNeitherJavaFxNorDjl() {
        noClasses().that().resideInAPackage("hardy.pacs..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "ai.djl..")
                .because("the DICOMweb client serves the CLI's batch work as much as the desktop: it reports through "
                        + "return values, exceptions and progress listeners, never through a user interface")
                .check(classes);
    }

    @Test
    void onlyTheUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("hardy.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("JavaFX belongs to the desktop layer; everything else must work without a display")
                .check(classes);
    }

    @Test
    void viewModelsAndRenderingUseNoControls() {
        noClasses().that().resideInAnyPackage("hardy.ui.model..", "hardy.ui.render..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .because("view models hold state and are tested without a screen; only hardy.ui.view builds "
                        + "controls (STYLE.md: View/ViewModel split)")
                .check(classes);
    }

    @Test
    void renderingIsPlainJava() {
        noClasses().that().resideInAPackage("hardy.ui.render..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("slicing, window/level and overlay maths must be benchmarkable and testable as plain code")
                .check(classes);
    }

    @Test
    void onlyInferenceAndTrainingUseDjl() {
        noClasses().that().resideOutsideOfPackages("hardy.inference..", "hardy.training..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..")
                .because("the deep learning engines are wrapped behind Hardy's own interfaces, so the rest of the "
                        + "code never manages native memory")
                .check(classes);
    }

    @Test
    void theSamplerIsPlainJava() {
        noClasses().that().resideInAPackage("hardy.training.sampler..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "javafx..")
                .because("hardness weighted sampling is pure arithmetic on the stale losses: it must run, be tested "
                        + "and be benchmarked without a native engine or a display, at millions of cases")
                .check(classes);
    }

    @Test
    void onlyInferenceAndTrainingUseOnnxRuntimeDirectly() {
        noClasses().that().resideOutsideOfPackages("hardy.inference..", "hardy.training..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.onnxruntime..")
                .because("ONNX Runtime sessions hold native memory and device state; they stay behind "
                        + "hardy.inference's Segmenter like the rest of the engine")
                .check(classes);
    }

    @Test
    void onlyTheCliAndLauncherWriteToStandardStreams() {
        noClasses().that().resideOutsideOfPackage("hardy.cli..").and().doNotHaveFullyQualifiedName("hardy.Launcher")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .because("the CLI owns the terminal; everything else reports through return values, exceptions, "
                        + "progress listeners and the log")
                .check(classes);
    }

    @Test
    void layersOnlyPointDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("Launcher").definedBy("hardy")
                .layer("UI").definedBy("hardy.ui..")
                .layer("CLI").definedBy("hardy.cli..")
                .layer("Training").definedBy("hardy.training..")
                .layer("Inference").definedBy("hardy.inference..")
                .layer("Pacs").definedBy("hardy.pacs..")
                .layer("Eval").definedBy("hardy.eval..")
                .layer("Synth").definedBy("hardy.synth..")
                .layer("IO").definedBy("hardy.io..")
                .layer("Volume").definedBy("hardy.volume..")
                .layer("Core").definedBy("hardy.core..")
                .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
                .whereLayer("UI").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("CLI").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("Training").mayOnlyBeAccessedByLayers("Launcher", "UI", "CLI")
                .whereLayer("Inference").mayOnlyBeAccessedByLayers("Launcher", "UI", "CLI", "Training")
                .whereLayer("Pacs").mayOnlyBeAccessedByLayers("Launcher", "UI", "CLI")
                .whereLayer("Eval").mayOnlyBeAccessedByLayers("Launcher", "UI", "CLI", "Training", "Inference")
                .whereLayer("Synth").mayOnlyBeAccessedByLayers("Launcher", "UI", "CLI", "Training", "Inference")
                .whereLayer("IO").mayOnlyBeAccessedByLayers("Launcher", "UI", "CLI", "Training", "Inference", "Eval",
                        "Synth", "Pacs")
                .whereLayer("Volume").mayOnlyBeAccessedByLayers("Launcher", "UI", "CLI", "Training", "Inference",
                        "Eval", "Synth", "IO")
                .because("arrows only point down (DESIGN.md): the core never depends on a user interface, so it "
                        + "can be tested and reused without one")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("hardy.(**)").should().beFreeOfCycles()
                .because("a cycle makes two packages one: neither can be read, tested or moved without the other")
                .check(classes);
    }

    @Test
    void viewModelsDoNotKnowTheirViews() {
        noClasses().that().resideInAPackage("hardy.ui.model..")
                .should().dependOnClassesThat().resideInAPackage("hardy.ui.view..")
                .because("a view model is tested without a screen and may have several views; the view binds to "
                        + "the model, never the other way (STYLE.md: View/ViewModel split)")
                .check(classes);
    }

    @Test
    void trainingDoesNotDependOnThePhantomGenerator() {
        noClasses().that().resideInAPackage("hardy.training..")
                .should().dependOnClassesThat().resideInAPackage("hardy.synth..")
                .because("training works on any site's labelled cases; phantoms are one source of such cases, "
                        + "chosen by the CLI or the UI, not an assumption of the trainer")
                .check(classes);
    }

    @Test
    void onlyIoConstructsReadersAndWriters() {
        noClasses().that().resideOutsideOfPackage("hardy.io..")
                .should().callConstructorWhere(targetOwner(assignableTo(VolumeReader.class)
                        .or(assignableTo(VolumeWriter.class))))
                .because("formats are chosen in one place (VolumeReaders: best supportScore wins; VolumeWriters: "
                        + "by file name), so a new format reaches every command and the viewer at once")
                .check(classes);
    }
}
