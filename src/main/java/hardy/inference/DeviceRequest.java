package hardy.inference;

import hardy.core.InvalidSettingException;
import java.util.Locale;

/** Where the user asks inference to run. */
public enum DeviceRequest {
    /** The GPU when ONNX Runtime can use CUDA here, otherwise the CPU. */
    AUTO,
    /** The CPU only. */
    CPU,
    /** The GPU; falls back to the CPU, with a notice, when CUDA is not available. */
    GPU;

    /**
     * Parses {@code auto}, {@code cpu} or {@code gpu} (any case).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static DeviceRequest parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "cpu" -> CPU;
            case "gpu", "cuda" -> GPU;
            default -> throw new InvalidSettingException("device", "the device", "must be auto, cpu or gpu, not '" + s
                    + "'");
        };
    }
}
