package hardy.cli;

import hardy.inference.ModelCard;
import hardy.inference.ModelRegistry;
import hardy.inference.SegmentationModel;
import hardy.training.export.TrainedModelCards;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hardy models}: where models live, and the shipped and user models from their cards; {@code --verify}
 * checks hashes and ONNX; {@code --install} copies a model folder (e.g. one {@code hardy train} made) into the
 * user's model folder, where the viewer's model picker finds it.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List the segmentation models: shipped (read-only) and in your model folder, and say where "
                + "both folders are.",
            "--install MODEL_DIR copies a model folder (model.onnx + model.json, e.g. made by hardy train) into your "
                + "model folder, where the viewer's model picker finds it."})
final class ModelsCommand implements Callable<Integer> {

    @Option(names = "--verify", description = "Also check each model's SHA-256 and ONNX inputs/outputs against its "
            + "card (loads every network).")
    boolean verify;

    @Option(names = "--install", paramLabel = "MODEL_DIR",
            description = "Install this model folder into your model folder (checked first: hash and ONNX).")
    Path install;

    @Option(names = "--name", paramLabel = "NAME",
            description = "With --install: the installed model's name (default: the folder's name).")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ModelRegistry registry = ModelRegistry.installed();
        if (install != null) {
            String as = TrainedModelCards.safeName(name != null ? name
                    : install.toAbsolutePath().normalize().getFileName().toString());
            Path installed = registry.install(install, as, null);
            out.println("Installed " + installed + "; the viewer's model picker lists it.");
            return 0;
        }
        List<ModelRegistry.Entry> entries = registry.list();
        out.printf("Shipped models: %s%nYour models:    %s%n", registry.shipped().toAbsolutePath().normalize(),
                registry.user().toAbsolutePath().normalize());
        if (entries.isEmpty()) {
            out.println("No models installed. Install a model folder (model.onnx + model.json) with 'hardy models "
                    + "--install DIR', or give 'hardy segment --model DIR'.");
            return 0;
        }
        boolean bad = false;
        for (ModelRegistry.Entry e : entries) {
            String source = e.source().name().toLowerCase(Locale.ROOT);
            if (e.card() == null) {
                out.printf("%n%s [%s]  REFUSED: %s%n", e.dir().getFileName(), source, e.error());
                bad = true;
                continue;
            }
            ModelCard c = e.card();
            out.printf("%n%s %s [%s]  %s%n", c.name(), c.version(), source, e.dir());
            if (c.description() != null) {
                out.printf("  %s%n", c.description());
            }
            out.printf(Locale.ROOT, "  classes %d, input channels %d, spacing %s mm, patch %s, normalization %s%n",
                    c.numClasses(), c.inputChannels(), Arrays.toString(c.spacing()), Arrays.toString(c.patchSize()),
                    c.normalization().method());
            StringBuilder labels = new StringBuilder();
            for (ModelCard.Label l : c.labels()) {
                labels.append(labels.isEmpty() ? "" : ", ").append(l.value()).append(' ').append(l.name());
            }
            out.printf("  labels: %s%n", labels);
            if (c.provenance() != null) {
                out.printf("  provenance: %s%n", c.provenance());
            }
            if (c.evaluation() != null) {
                out.printf("  evaluation: %s%n", c.evaluation());
            }
            if (verify) {
                try {
                    SegmentationModel m = SegmentationModel.load(e.dir());
                    out.printf("  verified: SHA-256 matches, ONNX %s%n", m.signature());
                } catch (IllegalArgumentException ex) {
                    out.printf("  REFUSED: %s%n", ex.getMessage());
                    bad = true;
                }
            }
        }
        return bad ? HardyCli.EXIT_BAD_INPUT : 0;
    }
}
