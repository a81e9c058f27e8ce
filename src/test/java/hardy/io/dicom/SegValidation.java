package hardy.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hardy.io.DicomSource;
import hardy.io.ReadResult;
import hardy.testing.ExternalTools;
import hardy.testing.InteropData;
import hardy.volume.Geometry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a DICOM Segmentation with independent tools: dciodvfy (dicom3tools) for the IOD's rules, and
 * {@code scripts/seg_check.py} (Debian's pydicom) for where its frames land on the source series' grid.
 */
public final class SegValidation {

    private static final Path DCIODVFY = Path.of("/usr/bin/dciodvfy");

    /** What pydicom found: its summary, and the segment number of every voxel of the source grid. */
    public record Pydicom(JsonNode summary, int[] segmentOfVoxel) {
    }

    private SegValidation() {
    }

    /** Asserts that dciodvfy reports no error (its "Error" lines); warnings are allowed. Returns its report. */
    public static String assertDciodvfyPasses(Path seg) throws IOException {
        ExternalTools.require(DCIODVFY, "dicom3tools", "DICOM SEG validation");
        ExternalTools.Run r = ExternalTools.run(List.of(DCIODVFY.toString(), "-new", seg.toString()), 120);
        String report = r.stdout() + r.stderr();
        List<String> errors = report.lines().filter(l -> l.startsWith("Error")).toList();
        assertThat(errors).as("dciodvfy errors for %s; full report:%n%s", seg.getFileName(), report).isEmpty();
        return report;
    }

    /** Reads the SEG with pydicom and places its frames on the grid of {@code source}. */
    public static Pydicom readWithPydicom(Path seg, ReadResult source, Path work) throws IOException {
        Path python = ExternalTools.requirePydicom("DICOM SEG validation with pydicom");
        DicomSource s = source.dicom().orElseThrow();
        Geometry g = source.volume().geometry();
        ObjectMapper json = new ObjectMapper();
        ObjectNode grid = json.createObjectNode();
        grid.putArray("dims").add(g.nx()).add(g.ny()).add(g.nz());
        ArrayNode affine = grid.putArray("affine_lps");
        for (int r = 0; r < 3; r++) {
            ArrayNode row = affine.addArray();
            for (int c = 0; c < 4; c++) {
                row.add(g.voxelToLps().get(r, c));
            }
        }
        grid.put("study_uid", s.studyUid()).put("frame_of_reference_uid", s.frameOfReferenceUid())
                .put("series_uid", s.seriesUid());
        ArrayNode slices = grid.putArray("slices");
        for (DicomSource.Image image : s.images()) {
            slices.addObject().put("sop_class", image.sopClassUid()).put("sop_instance", image.sopInstanceUid())
                    .put("frame", image.frameNumber());
        }
        Path gridFile = work.resolve(seg.getFileName() + ".grid.json");
        Path raw = work.resolve(seg.getFileName() + ".raw");
        json.writeValue(gridFile.toFile(), grid);
        Path script = InteropData.repo().resolve("scripts/seg_check.py");
        ExternalTools.Run r = ExternalTools.run(List.of(python.toString(), "-Es", "-B", script.toString(),
                seg.toString(), gridFile.toString(), raw.toString()), 300);
        assertThat(r.exitCode()).as("seg_check.py: %s", r.stderr()).isZero();
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        int[] segments = new int[(int) g.voxelCount()];
        for (int v = 0; v < segments.length; v++) {
            segments[v] = b.getShort() & 0xFFFF;
        }
        return new Pydicom(json.readTree(r.stdout()), segments);
    }
}
