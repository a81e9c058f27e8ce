package hardy.report;

import java.util.List;
import java.util.Optional;

/**
 * The measurements of one label map and the brain frame they were taken in.
 *
 * @param frame        the brain's own axes, found from the labels
 * @param measurements volumes first, then linear measurements, in report order
 */
public record Biometry(BrainFrame frame, List<Measurement> measurements) {

    public Biometry {
        measurements = List.copyOf(measurements);
    }

    /** The measurement with this key. */
    public Optional<Measurement> get(String key) {
        return measurements.stream().filter(m -> m.key().equals(key)).findFirst();
    }

    /** The value of the measurement with this key, NaN if it is missing. */
    public double value(String key) {
        return get(key).map(Measurement::value).orElse(Double.NaN);
    }
}
