package hardy.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriters;
import hardy.testing.InteropData;
import hardy.ui.render.OverlayStyle;
import hardy.ui.render.Plane;
import hardy.ui.render.SliceMapping;
import hardy.ui.render.SliceRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer on files written by other software (Debian's nibabel test data, mricron's templates, DICOM series
 * checked against dcm2niix): each opens, every plane renders, and a corrected label map overlays the image in
 * nibabel's eyes.
 */
class ViewerInteropTest {

    @TempDir
    Path dir;

    private final List<UserMessage> messages = new ArrayList<>();

    private ViewerViewModel viewer() {
        ViewerViewModel vm = new ViewerViewModel(
                new StudyFiles(VolumeReaders.installed(), VolumeWriters.installed()), new DirectRunner());
        vm.setMessageSink(messages::add);
        vm.setSeriesChooser(series -> Optional.of(series.getFirst()));
        return vm;
    }

    private static void renderAllPlanes(ViewerViewModel vm) {
        SliceRenderer r = new SliceRenderer();
        for (Plane p : Plane.values()) {
            SliceMapping m = vm.mapping(p);
            int[] out = new int[m.width() * m.height()];
            r.render(m, vm.studyProperty().get().image(), vm.windowProperty().get(),
                    vm.labels().labelMapProperty().get(), vm.labels().styleProperty().get(), out);
            assertThat(java.util.Arrays.stream(out).distinct().count()).as(p + " shows more than one grey")
                    .isGreaterThan(1);
        }
    }

    @Test
    void everyNiftiFileNibabelReadsOpensAndRenders() throws IOException {
        List<JsonNode> files = InteropData.loadable(InteropData.expectations());
        int opened = 0;
        for (JsonNode f : files) {
            ViewerViewModel vm = viewer();
            vm.open(InteropData.file(f), null);
            assertThat(messages).as(f.get("path").asText()).isEmpty();
            Study s = vm.studyProperty().get();
            assertThat(s).as(f.get("path").asText()).isNotNull();
            if (s.statistics().p99() > s.statistics().p01()) {
                renderAllPlanes(vm);
            }
            opened++;
        }
        assertThat(opened).isGreaterThan(10);
    }

    @Test
    void everyDicomSeriesFolderOpensAndObliqueOnesAreResliced() throws IOException {
        Path series = InteropData.dir().resolve("series");
        Assumptions.assumeTrue(Files.isDirectory(series), "no generated DICOM series; run fetch-interop-data.sh");
        List<Path> folders;
        try (Stream<Path> s = Files.list(series)) {
            folders = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().endsWith("_dcm2niix"))
                    .sorted().toList();
        }
        assertThat(folders).isNotEmpty();
        for (Path folder : folders) {
            ViewerViewModel vm = viewer();
            vm.open(folder, null);
            assertThat(messages).as(folder.getFileName().toString()).isEmpty();
            Study s = vm.studyProperty().get();
            assertThat(s.format()).contains("DICOM");
            // The generator's descriptions say which series are rotated away from the patient axes.
            boolean oblique = description(series, folder).contains("rotated");
            assertThat(s.grid().oblique()).as(folder.getFileName().toString()).isEqualTo(oblique);
            assertThat(vm.notesProperty().get().contains("resliced")).isEqualTo(oblique);
            renderAllPlanes(vm);
        }
    }

    private static String description(Path series, Path folder) throws IOException {
        JsonNode all = new com.fasterxml.jackson.databind.ObjectMapper().readTree(series.resolve("series.json")
                .toFile());
        JsonNode list = all.has("series") ? all.get("series") : all;
        return list.get(folder.getFileName().toString()).get("description").asText();
    }

    @Test
    void aCorrectionSavedOnAnMricronTemplateOverlaysItInNibabel() throws Exception {
        Path image = InteropData.dir().resolve("files/mricron-data/templates/ch2.nii.gz");
        Path nibabel = InteropData.dir().resolve("extract/python3-nibabel/usr/lib/python3/dist-packages");
        Assumptions.assumeTrue(Files.isRegularFile(image) && Files.isDirectory(nibabel), "interop data missing");
        ViewerViewModel vm = viewer();
        vm.open(image, null);
        vm.labels().toolProperty().set(LabelsViewModel.Tool.BRUSH);
        vm.labels().selectedProperty().set(vm.labels().row(5));
        DisplayPoint at = vm.cursorProperty().get();
        vm.labels().beginStroke();
        vm.labels().paint(Plane.AXIAL, at);
        vm.labels().endStroke();
        int[] voxel = vm.studyProperty().get().grid().sourceVoxel(at.x(), at.y(), at.z());
        Path out = dir.resolve("ch2_labels.nii.gz");
        vm.saveLabels(out, () -> { });
        assertThat(messages).isEmpty();
        String script = String.join("\n",
                "import sys; sys.path.insert(0, sys.argv[1])",
                "import nibabel as nib, numpy as np",
                "img = nib.load(sys.argv[2]); lab = nib.load(sys.argv[3])",
                "i, j, k = (int(v) for v in sys.argv[4:7])",
                "print(img.shape[:3] == lab.shape[:3], np.allclose(img.affine, lab.affine, atol=1e-4),",
                "      int(np.asanyarray(lab.dataobj)[i, j, k]), int((np.asanyarray(lab.dataobj) > 0).sum()))");
        Process p = new ProcessBuilder("/usr/bin/python3", "-Es", "-c", script, nibabel.toString(), image.toString(),
                out.toString(), String.valueOf(voxel[0]), String.valueOf(voxel[1]), String.valueOf(voxel[2]))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long painted = vm.labels().row(5).voxelsProperty().get();
        assertThat(output).isEqualTo("True True 5 " + painted);
    }
}
