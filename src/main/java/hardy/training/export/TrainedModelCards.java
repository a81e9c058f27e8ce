package hardy.training.export;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hardy.inference.ModelCard;
import hardy.io.labels.LabelTableFiles;
import hardy.training.TrainingOptions;
import hardy.volume.FetalLabels;
import hardy.volume.LabelTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The cards of models that Hardy trains, shared by {@code hardy train} and the training tab so both record the same
 * provenance: the algorithm, every setting, the number of cases and a hash of their names (never the names, which
 * may identify patients), the date, the trainer's version and the parent model.
 */
public final class TrainedModelCards {

    private TrainedModelCards() {
    }

    /**
     * The card that only fixes the model grid (spacing, orientation) for bringing cases onto it before training;
     * its hash is a placeholder.
     */
    public static ModelCard grid(String name, double[] spacing, int patch) {
        return trained(name, null, spacing, 2, patch, null, null, 0, null);
    }

    /**
     * The card of a trained model (the hash is filled in by {@link ModelExport}).
     *
     * @param name        the model's name (made file-safe)
     * @param description what the model is for; {@code null} for a generic sentence from the settings
     * @param spacing     the model grid's voxel size in mm
     * @param classes     output classes, background included
     * @param patch       the cubic patch side the model was trained with (and segments with)
     * @param parent      the card of the model fine-tuned from, or {@code null} when trained from scratch
     * @param settings    the run's record from {@link #settings}, or {@code null} for a grid-only card
     * @param caseCount   the number of training cases
     * @param caseLabels  the names of the cases' labels (the table beside them), or {@code null} if they have none
     * @return the card; a model trained from scratch keeps only the largest connected piece of its foreground
     *         after argmax (a brain is one piece; {@code hardy segment --no-postprocess} turns it off), a
     *         fine-tuned model does what its parent's card says
     */
    public static ModelCard trained(String name, String description, double[] spacing, int classes, int patch,
            ModelCard parent, ObjectNode settings, int caseCount, LabelTable caseLabels) {
        List<ModelCard.Label> labels = labels(classes, caseLabels, parent);
        ObjectNode provenance = JsonNodeFactory.instance.objectNode();
        if (settings != null) {
            provenance.put("algorithm", settings.path("beta").asDouble() > 0
                    || settings.path("effectiveShare").asDouble() > 0
                    ? "hardness weighted sampling (Fidon et al., arXiv:2001.02658)"
                    : "empirical risk minimisation (uniform sampling)");
            provenance.set("settings", settings);
            provenance.put("trainingCases", caseCount);
            provenance.put("caseListSha256", settings.path("caseListSha256").asText());
            provenance.put("date", LocalDate.now().toString());
            provenance.put("trainer", trainerVersion());
            if (parent != null) {
                provenance.put("parentModel", parent.name() + " " + parent.version() + " sha256:" + parent.sha256());
            }
        }
        String text = description != null && !description.isBlank() ? description
                : "3D U-Net trained by Hardy on " + caseCount + " cases"
                    + (parent != null ? ", fine-tuned from " + parent.name() + " " + parent.version() : "") + ".";
        return new ModelCard(ModelCard.SCHEMA_VERSION, safeName(name), LocalDate.now().toString(), text, labels, 1,
                classes, spacing.clone(), ModelCard.Orientation.IMAGE, ModelCard.TensorAxes.KJI,
                new ModelCard.Normalization("zscore", "all", null, null), new int[] {patch, patch, patch},
                ModelCard.Activation.SOFTMAX, parent != null ? parent.largestComponentLabels() : null,
                parent != null ? parent.largestForegroundComponent() : Boolean.TRUE, provenance, null,
                "0".repeat(64));
    }

    /**
     * The labels of a trained model's card: the model learnt the cases' labels, so their names come from the cases'
     * own table if they have one, else from the card of the model it was fine-tuned from, else "Label N". Never FeTA
     * by default: a model trained on another label set must not get FeTA names because it has eight classes. A FeTA
     * table is written in {@link FetalLabels#TABLE}'s colours, so a model fine-tuned from an older FeTA card gets them.
     *
     * @param classes    output classes, background included
     * @param caseLabels the cases' table, or {@code null}
     * @param parent     the card of the model fine-tuned from, or {@code null}
     */
    public static List<ModelCard.Label> labels(int classes, LabelTable caseLabels, ModelCard parent) {
        LabelTable source = caseLabels != null ? caseLabels
                : parent != null ? parent.labelTable() : LabelTable.of(List.of());
        LabelTable table = FetalLabels.displayed(source);
        List<ModelCard.Label> labels = new ArrayList<>();
        for (int c = 1; c < classes; c++) {
            labels.add(new ModelCard.Label(c, table.name(c), String.format(Locale.ROOT, "#%06X", table.colour(c))));
        }
        return labels;
    }

    /**
     * The label table beside a set of training cases ({@link LabelTableFiles#besideCases}), or {@code null} when
     * there is none.
     *
     * @param casesDirOrCsv the cases' folder, or the CSV that lists them
     * @throws IOException if the table is there but cannot be read
     */
    public static LabelTable caseLabels(Path casesDirOrCsv) throws IOException {
        Optional<Path> file = LabelTableFiles.besideCases(casesDirOrCsv);
        return file.isPresent() ? LabelTableFiles.read(file.get()) : null;
    }

    /**
     * What a run was made with, for the card and for checking that a resumed run is the same run. Case names are
     * hashed, not stored.
     *
     * @param options    the trainer's options
     * @param iterations the run's total iterations
     * @param spacing    the model grid's voxel size
     * @param caseNames  the training cases, in the sampler's order
     */
    public static ObjectNode settings(TrainingOptions o, int iterations, double[] spacing, List<String> caseNames) {
        ObjectNode run = JsonNodeFactory.instance.objectNode();
        run.put("baseChannels", o.network().baseChannels()).put("depth", o.network().depth())
                .put("classes", o.network().classes()).put("patch", o.patchX()).put("batch", o.batchSize())
                .put("learningRate", o.learningRate()).put("beta", o.beta()).put("momentum", o.momentum())
                .put("importanceWeights", o.importanceWeights()).put("foregroundShare", o.foregroundShare())
                .put("seed", o.seed()).put("augment", o.augment())
                .put("schedule", o.schedule().name().toLowerCase(Locale.ROOT)).put("iterations", iterations);
        if (o.effectiveShare() > 0) { // only when used, so that older run records still compare equal
            run.put("effectiveShare", o.effectiveShare());
        }
        var s = run.putArray("spacing");
        for (double v : spacing) {
            s.add(v);
        }
        StringBuilder names = new StringBuilder();
        for (String n : caseNames) {
            names.append(n).append('\n');
        }
        run.put("caseListSha256", sha256(names.toString()));
        return run;
    }

    /** The fields of two run records that differ, as "field old -> new"; the total only matters to a decaying schedule. */
    public static List<String> differences(ObjectNode saved, ObjectNode now) {
        List<String> differing = new ArrayList<>();
        now.fieldNames().forEachRemaining(field -> {
            // Compared as JSON text: a long read back from the file is an int node.
            boolean relevant = !field.equals("iterations") || !"constant".equals(now.path("schedule").asText());
            if (relevant && !String.valueOf(now.get(field)).equals(String.valueOf(saved.get(field)))) {
                differing.add(field + " " + saved.get(field) + " -> " + now.get(field));
            }
        });
        return differing;
    }

    /** A name usable as a folder and a card name. */
    public static String safeName(String name) {
        String safe = name == null ? "" : name.strip().replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._]+", "");
        return safe.isEmpty() ? "model" : safe;
    }

    /** "Hardy VERSION" from the jar manifest, or "Hardy development build". */
    public static String trainerVersion() {
        String v = TrainedModelCards.class.getPackage().getImplementationVersion();
        return "Hardy " + (v != null ? v : "development build");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
