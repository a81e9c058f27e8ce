package hardy.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hardy.cli.HardyCli;
import hardy.io.ReadResult;
import hardy.io.VolumeReaders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hardy info DIR} and {@code hardy convert DIR} on DICOM folders. */
class DicomCliTest {

    @TempDir
    Path dir;

    @TempDir
    Path outDir;

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HardyCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    private void twoSeries() throws Exception {
        double[] axial = {1, 0, 0, 0, 1, 0};
        for (int k = 0; k < 3; k++) {
            DicomBuilder.slice(DicomBuilder.explicitLittle(), "1.2.3", k, new double[] {0, 0, 2.5 * k}, axial, k)
                    .write(dir.resolve("a" + k), DicomParser.EXPLICIT_LE);
        }
        DicomBuilder.slice(DicomBuilder.explicitLittle(), "1.2.4", 1, new double[] {0, 0, 0}, axial, 9)
                .write(dir.resolve("b"), DicomParser.EXPLICIT_LE);
    }

    @Test
    void infoListsSeriesWithoutPatientIdentifiersUnlessAsked() throws Exception {
        twoSeries();
        String[] r = run("info", "--json", dir.toString());
        assertThat(r[0]).isEqualTo("0");
        JsonNode json = new ObjectMapper().readTree(r[1]);
        assertThat(json.get("schema").asText()).isEqualTo("hardy-series/1");
        assertThat(json.get("series")).hasSize(2);
        assertThat(json.get("series").get(0).get("images").asInt()).isEqualTo(3);
        assertThat(r[1]).doesNotContain("DOE");
        assertThat(run("info", "--json", "--phi", dir.toString())[1]).contains("DOE^JANE");
        assertThat(run("info", dir.toString())[1]).contains("1) series 7 MR axial, 4 x 3, 3 images")
                .doesNotContain("DOE");
    }

    @Test
    void convertTakesTheChosenSeriesAndKeepsItsWorld() throws Exception {
        twoSeries();
        String[] ambiguous = run("convert", dir.toString(), outDir.resolve("out.nii.gz").toString());
        assertThat(ambiguous[0]).isEqualTo("2");
        assertThat(ambiguous[2].lines()).hasSize(1);
        assertThat(ambiguous[2]).contains("the folder holds 2 series: 1) series 7 MR axial")
                .contains(". Choose one with --series N (its number above) or --series UID");
        String[] missing = run("convert", "--series", "5", dir.toString(), outDir.resolve("out.nii.gz").toString());
        assertThat(missing[0]).isEqualTo("2");
        assertThat(missing[2]).contains("no series 5 in this folder, which holds 2 series")
                .contains("Choose one with --series N");

        Path out = outDir.resolve("series1.nii.gz");
        assertThat(run("convert", "--series", "1", dir.toString(), out.toString())[0]).isEqualTo("0");
        ReadResult nifti = VolumeReaders.installed().read(out);
        assertThat(nifti.volume().geometry().dims()).containsExactly(4, 3, 3);
        assertThat(nifti.volume().geometry().spacing()[2]).isEqualTo(2.5, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(nifti.volume().value(0, 0, 2)).isEqualTo(2);
        assertThat(nifti.volume().type().id()).isEqualTo("int16");
    }
}
