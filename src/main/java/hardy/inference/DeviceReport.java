package hardy.inference;

/**
 * The device inference actually ran on, and why. {@link #summary()} is what the user reads (CLI output, status bar,
 * side panel); {@link #fallback()} is the engine's own words, for the log and a details popup.
 *
 * @param device   {@code "cpu"} or {@code "gpu:0"}
 * @param threads  intra-op threads of the CPU execution provider
 * @param fallback null, or the engine's reason the requested GPU was not used (e.g. ONNX Runtime's
 *                 {@code ORT_EP_FAIL ... Failed to find CUDA shared provider})
 */
public record DeviceReport(String device, int threads, String fallback) {

    /** Whether a requested GPU was replaced by the CPU. */
    public boolean fellBack() {
        return fallback != null;
    }

    /**
     * One plain line: {@code CPU (2 threads)}, {@code GPU 0 (2 CPU threads)}, or, when the GPU was wanted but could
     * not be used, {@code No GPU found; ran on the CPU (2 threads)}. Never the engine's own text.
     */
    public String summary() {
        String t = threads + (threads == 1 ? " thread" : " threads");
        if (device.startsWith("gpu")) {
            return "GPU " + device.substring(device.indexOf(':') + 1) + " (" + t.replace("thread", "CPU thread") + ")";
        }
        return fellBack() ? "No GPU found; ran on the CPU (" + t + ")" : "CPU (" + t + ")";
    }

    /** The summary with the engine's reason for a fallback, for the log. */
    public String describe() {
        return fallback == null ? summary() : summary() + " [" + fallback + "]";
    }
}
