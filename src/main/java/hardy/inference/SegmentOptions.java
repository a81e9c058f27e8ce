package hardy.inference;

import hardy.core.InvalidSettingException;

/**
 * How to run a segmentation.
 *
 * @param device         where to run; AUTO tries the GPU and falls back to the CPU
 * @param threads        cap on intra-op CPU threads; 0 = all cores
 * @param step           sliding-window step as a fraction of the patch, in (0, 1]; 0.5 = half-overlapping
 * @param tta            mirroring test-time augmentation (8 flip combinations; 8 times slower)
 * @param postprocess    apply the card's largest-connected-component step
 * @param probabilities  also return per-class probabilities on the image grid (costs one float volume per class)
 * @param entropy        also return the per-voxel entropy of the averaged probabilities (for an uncertainty view)
 */
public record SegmentOptions(DeviceRequest device, int threads, double step, boolean tta, boolean postprocess,
                             boolean probabilities, boolean entropy) {

    /** GPU if possible, all cores, step 0.5, no TTA, post-processing per the card, labels only. */
    public static final SegmentOptions DEFAULT = new SegmentOptions(DeviceRequest.AUTO, 0, 0.5, false, true, false,
            false);

    public SegmentOptions {
        if (device == null) {
            throw new IllegalArgumentException("device is required");
        }
        if (!(step > 0 && step <= 1)) {
            throw new InvalidSettingException("step", "the sliding-window step", "must be in (0, 1], got " + step);
        }
        if (threads < 0) {
            throw new InvalidSettingException("threads", "the number of threads", "must be 0 (all cores) or more, got "
                    + threads);
        }
    }

    public SegmentOptions withDevice(DeviceRequest d) {
        return new SegmentOptions(d, threads, step, tta, postprocess, probabilities, entropy);
    }

    public SegmentOptions withThreads(int t) {
        return new SegmentOptions(device, t, step, tta, postprocess, probabilities, entropy);
    }

    public SegmentOptions withStep(double s) {
        return new SegmentOptions(device, threads, s, tta, postprocess, probabilities, entropy);
    }

    public SegmentOptions withTta(boolean on) {
        return new SegmentOptions(device, threads, step, on, postprocess, probabilities, entropy);
    }

    public SegmentOptions withPostprocess(boolean on) {
        return new SegmentOptions(device, threads, step, tta, on, probabilities, entropy);
    }

    public SegmentOptions withProbabilities(boolean on) {
        return new SegmentOptions(device, threads, step, tta, postprocess, on, entropy);
    }

    public SegmentOptions withEntropy(boolean on) {
        return new SegmentOptions(device, threads, step, tta, postprocess, probabilities, on);
    }
}
