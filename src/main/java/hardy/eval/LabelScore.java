package hardy.eval;

/**
 * The agreement of one label between a prediction and the truth.
 *
 * @param label            label value
 * @param dice             Dice coefficient 2|T∩P| / (|T| + |P|); 1 when the label is absent from both
 * @param hd95Mm           95th-percentile symmetric surface distance in mm (see {@link SegmentationMetrics});
 *                         0 when absent from both, NaN (undefined) when absent from exactly one
 * @param volumeSimilarity 1 - |V_T - V_P| / (V_T + V_P); 1 when absent from both
 * @param truthVoxels      voxels of the label in the truth
 * @param predVoxels       voxels of the label in the prediction
 */
public record LabelScore(int label, double dice, double hd95Mm, double volumeSimilarity, long truthVoxels,
                         long predVoxels) {

    /** Whether HD95 is defined (the label is present in both or in neither). */
    public boolean hd95Defined() {
        return !Double.isNaN(hd95Mm);
    }
}
