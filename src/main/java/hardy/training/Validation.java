package hardy.training;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.eval.CaseResult;
import hardy.eval.LabelScore;
import hardy.eval.MetricSummary;
import hardy.eval.SegmentationMetrics;
import hardy.inference.DeviceRequest;
import hardy.inference.SegmentOptions;
import hardy.inference.SegmentationModel;
import hardy.inference.Segmenter;
import hardy.io.VolumeReaders;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Scores a model folder on labelled cases the way a user would: each case is segmented by the exported ONNX model
 * through {@link Segmenter} (the viewer's and {@code hardy segment}'s path, on the CPU) and compared with its labels
 * (Dice, HD95, volume similarity per label). {@code hardy train --val} and the training tab both validate this
 * way, so a number shown during training is the number the exported model gets.
 */
public final class Validation {

    private Validation() {
    }

    /**
     * Segments and scores each case, reporting one step per case.
     *
     * @throws IOException if a case or the model cannot be read
     */
    public static List<CaseResult> score(Path modelDir, List<TrainingCases.CaseFiles> cases,
            ProgressListener progress, Cancellation cancel) throws IOException {
        SegmentationModel model = SegmentationModel.load(modelDir);
        int[] labels = IntStream.range(1, model.card().numClasses()).toArray();
        List<CaseResult> results = new ArrayList<>();
        VolumeReaders readers = VolumeReaders.installed();
        try (Segmenter segmenter = Segmenter.open(model, SegmentOptions.DEFAULT.withDevice(DeviceRequest.CPU))) {
            for (int i = 0; i < cases.size(); i++) {
                TrainingCases.CaseFiles c = cases.get(i);
                cancel.check();
                progress.progress(i, cases.size(), "Validating case " + (i + 1) + " of " + cases.size());
                Volume image = readers.read(c.image()).volume();
                LabelMap truth = LabelMap.fromImage(readers.read(c.labels()).volume());
                LabelMap predicted = segmenter.segment(image, ProgressListener.NONE, cancel).labels();
                List<LabelScore> scores = SegmentationMetrics.compare(truth, predicted, labels, cancel);
                results.add(new CaseResult(c.name(), MetricSummary.ALL, scores));
            }
        }
        progress.progress(cases.size(), cases.size(), "Validated " + cases.size() + " cases");
        return results;
    }

    /** A case's Dice averaged over the labels present in its truth or prediction (NaN if none is). */
    public static double meanDice(CaseResult result) {
        return result.scores().stream().filter(s -> s.truthVoxels() > 0 || s.predVoxels() > 0)
                .mapToDouble(LabelScore::dice).average().orElse(Double.NaN);
    }
}
