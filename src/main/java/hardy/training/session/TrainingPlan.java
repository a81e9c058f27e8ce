package hardy.training.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import hardy.core.Cancellation;
import hardy.inference.ModelCard;
import hardy.inference.SegmentationModel;
import hardy.io.VolumeReaders;
import hardy.training.Trainer;
import hardy.training.TrainingCase;
import hardy.training.TrainingCases;
import hardy.training.TrainingOptions;
import hardy.training.export.ModelImport;
import hardy.training.export.TrainedModelCards;
import hardy.training.unet.UNet3dConfig;
import hardy.volume.LabelTable;
import hardy.volume.Volume;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a training run trains, the same for {@code hardy train} and the training tab; {@link #open} does the whole
 * set-up in one order: the starting model's card and network, the model grid's spacing, the cases read onto that
 * grid and checked, the trainer's options, the comparison with the run saved in the checkpoint folder, resume or
 * start (with the gradient self-check), and {@value CheckpointFolder#RUN_FILE}.
 *
 * @param training           the cases the sampler draws, in its order
 * @param validation         held-back cases, only scored
 * @param caseSpacings       the training cases' voxel sizes if already known (the workspace records them), else
 *                           {@code null} and the images are read for them when the spacing is not set otherwise
 * @param settings           the run's settings
 * @param startingModel      a Hardy model folder to fine-tune (its network, grid and labels are kept), or
 *                           {@code null} to train from scratch
 * @param checkpoint         the checkpoint folder ({@link CheckpointFolder}); a complete checkpoint of the same run
 *                           there is continued
 * @param output             where the finished model goes
 * @param scoreTrainingCases whether validations also score the training cases (the tab shows their Dice)
 */
public record TrainingPlan(List<TrainingCases.CaseFiles> training, List<TrainingCases.CaseFiles> validation,
        List<double[]> caseSpacings, RunSettings settings, Path startingModel, Path checkpoint, Output output,
        boolean scoreTrainingCases) {

    /**
     * Where the finished model goes and how its card reads.
     *
     * @param modelDir    the model folder to write
     * @param name        the model's name
     * @param description one paragraph for the model picker, or {@code null} for a sentence from the settings
     * @param command     the command that made the model, for its card, or {@code null}
     * @param hardnessCsv where to write the training cases ranked by hardness, or {@code null}
     * @param replace     whether an existing model folder there is replaced (the tab's candidate is)
     */
    public record Output(Path modelDir, String name, String description, String command, Path hardnessCsv,
            boolean replace) {
        /** Checks the required parts. */
        public Output {
            Objects.requireNonNull(modelDir, "modelDir");
            Objects.requireNonNull(name, "name");
        }
    }

    /** Copies the lists. */
    public TrainingPlan {
        training = List.copyOf(training);
        validation = List.copyOf(validation);
        caseSpacings = caseSpacings == null ? null : List.copyOf(caseSpacings);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(output, "output");
    }

    /**
     * The run of a training workspace: its training and validation cases, its checkpoint folder, and the finished
     * model as the candidate in that folder, waiting for Export; validations score the training cases too.
     */
    public static TrainingPlan ofWorkspace(TrainingWorkspace workspace, List<TrainingCaseRecord> cases,
            RunSettings settings, Path startingModel) {
        List<TrainingCaseRecord> train = cases.stream().filter(c -> c.role() == TrainingCaseRecord.Role.TRAIN)
                .toList();
        List<TrainingCaseRecord> val = cases.stream().filter(c -> c.role() == TrainingCaseRecord.Role.VALIDATION)
                .toList();
        Path checkpoint = workspace.checkpointsDir();
        return new TrainingPlan(workspace.files(train), workspace.files(val),
                train.stream().map(TrainingCaseRecord::spacing).toList(), settings, startingModel, checkpoint,
                new Output(checkpoint.resolve(CheckpointFolder.CANDIDATE_MODEL), "candidate", null, null, null, true),
                true);
    }

    /** This plan with another output. */
    public TrainingPlan withOutput(Output newOutput, boolean newScoreTrainingCases) {
        return new TrainingPlan(training, validation, caseSpacings, settings, startingModel, checkpoint, newOutput,
                newScoreTrainingCases);
    }

    /** The training cases' names, in the sampler's order. */
    public List<String> caseNames() {
        return training.stream().map(TrainingCases.CaseFiles::name).toList();
    }

    /**
     * Reads the cases onto the model grid and prepares the trainer (the gradient self-check runs here), fine-tuning
     * the starting model, or continuing the checkpoint if the folder holds a complete one of the same run.
     *
     * @throws IOException              if a case, the starting model or the checkpoint cannot be read
     * @throws RunMismatchException     if the checkpoint belongs to another run
     * @throws IllegalArgumentException if the settings have a problem or a case does not fit (the message names
     *                                  it)
     * @throws IllegalStateException    if the engine fails the gradient self-check
     */
    public TrainingSession open(Cancellation cancel) throws IOException {
        List<String> problems = settings.problems(training.size());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", problems));
        }
        ModelCard startCard = startingModel == null ? null : SegmentationModel.readCard(startingModel);
        // the label names beside the cases, read now so that a bad file fails before training
        LabelTable caseLabels = training.isEmpty() ? null
                : TrainedModelCards.caseLabels(training.get(0).labels().toAbsolutePath().getParent());
        UNet3dConfig startConfig = startingModel == null ? null : ModelImport.readConfig(startingModel);
        double[] spacing = spacing(startCard);
        ModelCard grid = TrainedModelCards.grid("grid", spacing, settings.patch());
        List<TrainingCase> cases = new ArrayList<>();
        int maxLabel = 0;
        for (TrainingCases.CaseFiles c : training) {
            cancel.check();
            TrainingCase tc;
            try {
                tc = TrainingCases.load(c, grid, cancel);
            } catch (NoSuchFileException e) {
                throw new IOException(c.name() + ": " + Path.of(e.getFile()).getFileName() + " is missing", e);
            }
            Volume v = tc.image();
            int p = settings.patch();
            if (v.nx() < p || v.ny() < p || v.nz() < p) {
                throw new IllegalArgumentException(c.name() + " is " + v.nx() + "×" + v.ny() + "×" + v.nz()
                        + " voxels on the model grid, smaller than the " + p + "³ patch");
            }
            cases.add(tc);
            maxLabel = Math.max(maxLabel, tc.labels().maxLabel());
        }
        UNet3dConfig config = startConfig != null ? startConfig : settings.network(Math.max(2, maxLabel + 1));
        if (maxLabel >= config.classes()) {
            throw new IllegalArgumentException("the cases have label " + maxLabel + " but "
                    + (startCard != null ? startCard.name() + " knows" : "the network has") + " only "
                    + (config.classes() - 1) + " foreground labels");
        }
        if (settings.patch() % config.sizeMultiple() != 0) {
            throw new IllegalArgumentException("the patch size " + settings.patch() + " is not a multiple of "
                    + config.sizeMultiple() + ", as a network of depth " + config.depth() + " needs");
        }
        TrainingOptions options = settings.toOptions(config);
        ObjectNode run = CheckpointFolder.runRecord(options, spacing, caseNames(), startCard);
        boolean resuming = CheckpointFolder.hasCheckpoint(checkpoint);
        if (resuming) {
            ObjectNode saved = CheckpointFolder.readRun(checkpoint);
            List<String> differing = saved == null ? List.of("no " + CheckpointFolder.RUN_FILE)
                    : CheckpointFolder.differences(saved, run);
            if (!differing.isEmpty()) {
                throw new RunMismatchException(checkpoint, differing);
            }
        }
        Trainer trainer = resuming ? Trainer.resume(options, cases, checkpoint) : new Trainer(options, cases);
        try {
            if (!resuming && startingModel != null) {
                ModelImport.loadWeights(startingModel, trainer.network());
            }
            CheckpointFolder.writeRun(checkpoint, run);
        } catch (IOException | RuntimeException e) {
            trainer.close();
            throw e;
        }
        return new TrainingSession(trainer, this, startCard, spacing, run, caseLabels);
    }

    private double[] spacing(ModelCard startCard) throws IOException {
        if (settings.spacing() != null) {
            return settings.spacing();
        }
        if (startCard != null) {
            return startCard.spacing().clone();
        }
        if (caseSpacings != null) {
            return TrainingCases.median(caseSpacings);
        }
        List<Volume> images = new ArrayList<>();
        for (TrainingCases.CaseFiles c : training) {
            images.add(VolumeReaders.installed().read(c.image()).volume());
        }
        return TrainingCases.medianSpacing(images);
    }
}
