package hardy.inference;

/**
 * The device inference actually ran on, and why, for the CLI output, the status bar and the log.
 *
 * @param device   {@code "cpu"} or {@code "gpu:0"}
 * @param threads  intra-op threads of the CPU execution provider
 * @param fallback null, or why the requested GPU was not used (e.g. the CUDA provider failed to load)
 */
public record DeviceReport(String device, int threads, String fallback) {

    /** Whether a requested GPU was replaced by the CPU. */
    public boolean fellBack() {
        return fallback != null;
    }

    /** One line such as {@code cpu (2 threads)} or {@code cpu (2 threads; GPU unavailable: ...)}. */
    public String describe() {
        String base = device + " (" + threads + (threads == 1 ? " thread" : " threads");
        return fallback == null ? base + ")" : base + "; " + fallback + ")";
    }
}
