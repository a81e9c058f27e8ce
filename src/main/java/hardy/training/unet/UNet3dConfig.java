package hardy.training.unet;

/**
 * The shape of a {@link UNet3d}: how many images go in, how many classes come out, and how wide and deep the
 * network is. Level {@code l} (0 at full resolution, {@code depth} at the bottleneck) has
 * {@code baseChannels * 2^l} feature channels.
 *
 * @param inputChannels image channels (1 for a single MRI contrast)
 * @param classes       output classes, background included (8 for FeTA)
 * @param baseChannels  feature channels at full resolution
 * @param depth         number of stride-2 downsamplings; patch sides must be multiples of {@code 2^depth}
 */
public record UNet3dConfig(int inputChannels, int classes, int baseChannels, int depth) {

    /** Checks the values; every count must be at least 1 (depth at least 0). */
    public UNet3dConfig {
        if (inputChannels < 1 || classes < 2 || baseChannels < 1 || depth < 0 || depth > 8) {
            throw new IllegalArgumentException("invalid U-Net configuration: " + inputChannels + " input channels, "
                    + classes + " classes, " + baseChannels + " base channels, depth " + depth);
        }
    }

    /** Feature channels at level {@code level}. */
    public int channels(int level) {
        return baseChannels << level;
    }

    /** The factor every spatial side of an input must be divisible by. */
    public int sizeMultiple() {
        return 1 << depth;
    }
}
