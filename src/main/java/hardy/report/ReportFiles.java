package hardy.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hardy.core.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a {@link FetalReport}'s numbers as JSON or CSV, each file atomically. */
public final class ReportFiles {

    /** Header of the CSV export. */
    public static final String CSV_HEADER = "key,name,value,unit,z,centile,flag,reference,note";

    private ReportFiles() {
    }

    /** The report as JSON: study, GA, and every measurement with its value, assessment and end points. */
    public static String json(FetalReport r) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("study_id", r.studyId());
        root.put("study_date", r.studyDate());
        root.put("gestational_age", r.ga().toString());
        root.put("gestational_age_weeks", Math.round(r.ga().decimalWeeks() * 1000) / 1000.0);
        root.put("labels_source", r.labelsSource());
        root.put("labels_edited", r.labelsEdited());
        root.put("statement", FetalReport.CHECK_STATEMENT);
        ObjectNode frame = root.putObject("brain_frame_lps_mm");
        put(frame.putArray("centre"), r.biometry().frame().centre());
        put(frame.putArray("left"), r.biometry().frame().left());
        put(frame.putArray("posterior"), r.biometry().frame().posterior());
        put(frame.putArray("superior"), r.biometry().frame().superior());
        ArrayNode list = root.putArray("measurements");
        for (Assessment a : r.assessments()) {
            Measurement m = a.measurement();
            ObjectNode o = list.addObject();
            o.put("key", m.key());
            o.put("name", m.name());
            o.put("unit", m.unit());
            if (m.present()) {
                o.put("value", round(m.value()));
            } else {
                o.putNull("value");
            }
            if (Double.isNaN(a.z())) {
                o.putNull("z");
                o.putNull("centile");
            } else {
                o.put("z", round(a.z()));
                o.put("centile", round(a.centile()));
            }
            if (a.centiles() != null) {
                put(o.putArray("reference_p5_p50_p95"), a.centiles());
            }
            o.put("flag", a.flag());
            o.put("reference", a.reference());
            o.put("note", m.note());
            if (m.line() != null) {
                ObjectNode line = o.putObject("line_lps_mm");
                put(line.putArray("start"), m.line().start());
                put(line.putArray("end"), m.line().end());
                put(line.putArray("plane_point"), m.line().planePoint());
                put(line.putArray("plane_normal"), m.line().planeNormal());
            }
        }
        return mapper.writeValueAsString(root) + "\n";
    }

    /** The report's measurements as CSV rows under {@link #CSV_HEADER}. */
    public static String csv(FetalReport r) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (Assessment a : r.assessments()) {
            Measurement m = a.measurement();
            sb.append(String.join(",", m.key(), quote(m.name()), m.present() ? number(m.value()) : "", m.unit(),
                    Double.isNaN(a.z()) ? "" : number(a.z()), Double.isNaN(a.z()) ? "" : number(a.centile()),
                    quote(a.flag()), quote(a.reference()), quote(m.note()))).append('\n');
        }
        return sb.toString();
    }

    /** Writes {@link #json} to {@code file} atomically. */
    public static void writeJson(FetalReport r, Path file) throws IOException {
        byte[] bytes = json(r).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** Writes {@link #csv} to {@code file} atomically. */
    public static void writeCsv(FetalReport r, Path file) throws IOException {
        byte[] bytes = csv(r).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    private static void put(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(round(v));
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
