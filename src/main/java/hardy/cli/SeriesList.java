package hardy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.VolumeFormatException;
import hardy.io.dicom.DicomSeries;
import hardy.io.dicom.DicomSeriesScanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code hardy info DIR}: the DICOM series of a folder, without patient identifiers unless asked. */
final class SeriesList {

    private SeriesList() {
    }

    static int print(Path dir, boolean json, boolean phi, PrintWriter out) throws IOException {
        DicomSeriesScanner.Scan scan = DicomSeriesScanner.scan(dir, ProgressListener.NONE, Cancellation.NEVER);
        if (scan.series().isEmpty()) {
            throw new VolumeFormatException(dir, "no DICOM images in this folder");
        }
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (DicomSeries s : scan.series()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("number", s.number());
                m.put("seriesInstanceUid", s.seriesUid());
                m.put("seriesNumber", s.key().seriesNumber());
                m.put("modality", s.key().modality());
                m.put("studyDate", s.key().studyDate());
                m.put("description", s.key().description());
                m.put("plane", s.plane());
                m.put("columns", s.columns());
                m.put("rows", s.rows());
                m.put("images", s.imageCount());
                if (phi) {
                    m.put("patientName", s.key().patientName());
                    m.put("patientId", s.key().patientId());
                }
                list.add(m);
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("schema", "hardy-series/1");
            report.put("folder", dir.toString());
            report.put("series", list);
            report.put("skippedFiles", scan.skippedFiles());
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            out.println("Folder:  " + dir);
            for (DicomSeries s : scan.series()) {
                out.println("  " + s.describe() + (phi ? " [" + s.key().patientName() + ", " + s.key().patientId()
                        + "]" : "") + (s.key().studyDate().isEmpty() ? "" : ", " + s.key().studyDate()));
            }
            if (scan.skippedFiles() > 0) {
                out.println("Skipped: " + scan.skippedFiles() + " files that are not DICOM images");
            }
        }
        out.flush();
        return 0;
    }
}
