package hardy.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The normative references a report judges measurements by, read from data ({@code references.json} beside this
 * class): centile tables per measure and clinical thresholds, each with its source. Nothing here is computed or
 * extrapolated; a measure without a table has no reference.
 *
 * @param centiles   centile tables by measure
 * @param thresholds clinical thresholds
 */
public record References(List<CentileTable> centiles, List<Threshold> thresholds) {

    /**
     * A clinical grading by fixed cut-offs.
     *
     * @param measures the measurement keys it applies to
     * @param mild     value from which the finding is mild
     * @param severe   value from which it is severe
     * @param source   where the cut-offs come from
     */
    public record Threshold(List<String> measures, double mild, double severe, String source) {
    }

    /** The references shipped with Hardy. */
    public static References shipped() {
        try (InputStream in = References.class.getResourceAsStream("references.json")) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads references in the format of the shipped file. */
    public static References read(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        List<CentileTable> tables = new ArrayList<>();
        for (JsonNode t : root.path("centiles")) {
            tables.add(new CentileTable(t.path("measure").asText(), doubles(t.path("weeks")), doubles(t.path("p5")),
                    doubles(t.path("p50")), doubles(t.path("p95")), t.path("source").asText()));
        }
        List<Threshold> thresholds = new ArrayList<>();
        for (JsonNode t : root.path("thresholds")) {
            List<String> measures = new ArrayList<>();
            t.path("measures").forEach(m -> measures.add(m.asText()));
            thresholds.add(new Threshold(measures, t.path("mild_mm").asDouble(), t.path("severe_mm").asDouble(),
                    t.path("source").asText()));
        }
        return new References(List.copyOf(tables), List.copyOf(thresholds));
    }

    /** The centile table of a measure, if there is one. */
    public Optional<CentileTable> table(String measure) {
        return centiles.stream().filter(t -> t.measure().equals(measure)).findFirst();
    }

    /** The threshold of a measure, if there is one. */
    public Optional<Threshold> threshold(String measure) {
        return thresholds.stream().filter(t -> t.measures().contains(measure)).findFirst();
    }

    /** Judges one measurement at {@code ga}. */
    public Assessment assess(Measurement m, GestationalAge ga) {
        List<String> flags = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        double z = Double.NaN;
        double[] band = null;
        Optional<CentileTable> table = table(m.key());
        if (table.isPresent() && table.get().covers(ga.decimalWeeks())) {
            sources.add(table.get().source());
            if (m.present()) {
                band = table.get().at(ga.decimalWeeks());
                z = table.get().z(ga.decimalWeeks(), m.value());
                if (m.value() < band[0]) {
                    flags.add("below 5th centile");
                } else if (m.value() > band[2]) {
                    flags.add("above 95th centile");
                }
            }
        } else if (table.isPresent()) {
            sources.add("outside the reference's range");
        }
        Optional<Threshold> threshold = threshold(m.key());
        if (threshold.isPresent()) {
            sources.add(threshold.get().source());
            if (m.present() && m.value() >= threshold.get().severe()) {
                flags.add("severe ventriculomegaly");
            } else if (m.present() && m.value() >= threshold.get().mild()) {
                flags.add("mild ventriculomegaly");
            }
        }
        return new Assessment(m, band, z, String.join("; ", flags),
                sources.isEmpty() ? "no reference" : String.join("; ", sources));
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
