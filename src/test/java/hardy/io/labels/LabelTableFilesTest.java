package hardy.io.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hardy.io.VolumeFormatException;
import hardy.volume.FetalLabels;
import hardy.volume.LabelTable;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LabelTableFilesTest {

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(LabelTableFilesTest.class.getResource(name).toURI());
    }

    @Test
    void readsAnItkSnapFileAsItkSnapWritesIt() throws Exception {
        LabelTable t = LabelTableFiles.read(resource("itksnap_hippocampus.txt"));
        assertThat(t.entries()).containsExactly(
                new LabelTable.Entry(1, "CA1", 0xFF0000),
                new LabelTable.Entry(2, "CA2/3", 0x00FF00),
                new LabelTable.Entry(3, "Dentate gyrus", 0x0000FF),
                new LabelTable.Entry(8, "Subiculum", 0xFFFF00),
                new LabelTable.Entry(17, "Left hippocampus (whole)", 0xCD853F));
    }

    @Test
    void readsALatin1ItkSnapFileWithWindowsLineEnds() throws Exception {
        LabelTable t = LabelTableFiles.read(resource("itksnap_windows_latin1.txt"));
        assertThat(t.name(2)).isEqualTo("Oedème");
        assertThat(t.colour(1)).isEqualTo(0xE6194B);
    }

    @Test
    void readsASlicerColourTableWithUnderscoresAsSpaces() throws Exception {
        LabelTable t = LabelTableFiles.read(resource("slicer_generic.ctbl"));
        assertThat(t.entries()).hasSize(5);
        assertThat(t.name(1)).isEqualTo("cortical plate");
        assertThat(t.colour(1)).isEqualTo(0xB17A65);
        assertThat(t.name(11)).isEqualTo("brain stem");
        assertThat(t.entry(0)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(LabelTableFiles.Format.class)
    void writesWhatItReadsBack(LabelTableFiles.Format format) throws IOException {
        LabelTable table = LabelTable.of(List.of(new LabelTable.Entry(1, "External CSF", 0x56B4E9),
                new LabelTable.Entry(5, "Left  thalamus", 0x000000), new LabelTable.Entry(300, "Lésion", 0xFFFFFF)));
        Path f = dir.resolve(format == LabelTableFiles.Format.SLICER ? "t.ctbl" : "t.txt");
        LabelTableFiles.write(f, table, format);
        LabelTable back = LabelTableFiles.read(f);
        assertThat(back.entries()).hasSize(3);
        assertThat(back.name(1)).isEqualTo("External CSF");
        assertThat(back.colour(300)).isEqualTo(0xFFFFFF);
        assertThat(back.name(300)).isEqualTo("Lésion");
        assertThat(back.name(5)).isEqualTo(format == LabelTableFiles.Format.SLICER ? "Left thalamus"
                : "Left  thalamus");
        assertThat(Files.list(dir)).containsExactly(f); // no temporary file left behind
    }

    @Test
    void writesItkSnapsColumnsAndClearLabel() throws IOException {
        Path f = dir.resolve("feta.label.txt");
        LabelTableFiles.write(f, FetalLabels.TABLE, LabelTableFiles.Format.ITK_SNAP);
        List<String> lines = Files.readAllLines(f);
        assertThat(lines.getFirst()).startsWith("####");
        assertThat(lines).contains("    0     0    0    0        0  0  0    \"Clear Label\"",
                "    3     0  158  115        1  1  1    \"White matter\"");
    }

    @Test
    void writesSlicersHeader() throws IOException {
        Path f = dir.resolve("feta.ctbl");
        LabelTableFiles.write(f, FetalLabels.TABLE, LabelTableFiles.Format.SLICER);
        List<String> lines = Files.readAllLines(f);
        assertThat(lines.subList(0, 4)).containsExactly("# Color table file feta.ctbl", "# 8 values",
                "0 Background 0 0 0 0", "1 External_CSF 86 180 233 255");
    }

    @Test
    void formatFollowsTheExtension() {
        assertThat(LabelTableFiles.formatFor(Path.of("a.CTBL"))).isEqualTo(LabelTableFiles.Format.SLICER);
        assertThat(LabelTableFiles.formatFor(Path.of("a.txt"))).isEqualTo(LabelTableFiles.Format.ITK_SNAP);
    }

    @Test
    void sidecarSitsBesideTheLabelMap() {
        assertThat(LabelTableFiles.sidecar(Path.of("/d/case_labels.nii.gz")))
                .isEqualTo(Path.of("/d/case_labels.label.txt"));
        assertThat(LabelTableFiles.sidecar(Path.of("seg.NII"))).isEqualTo(Path.of("seg.label.txt"));
    }

    @Test
    void findsTheTableBesideCases() throws IOException {
        assertThat(LabelTableFiles.besideCases(dir)).isEmpty();
        Files.writeString(dir.resolve("labels.ctbl"), "1 a 1 2 3 255\n");
        assertThat(LabelTableFiles.besideCases(dir)).contains(dir.resolve("labels.ctbl"));
        assertThat(LabelTableFiles.besideCases(dir.resolve("cases.csv"))).contains(dir.resolve("labels.ctbl"));
        Files.writeString(dir.resolve("labels.txt"), "1 a 1 2 3 255\n");
        assertThat(LabelTableFiles.besideCases(dir)).contains(dir.resolve("labels.txt"));
    }

    @Test
    void refusesAProceduralColourScale() throws Exception {
        assertThatThrownBy(() -> LabelTableFiles.read(resource("slicer_procedural.txt")))
                .isInstanceOf(VolumeFormatException.class).hasMessageContaining("procedural");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'    1   255 0 0 1 1 1 \"a\"\n    1 0 0 255 1 1 1 \"b\"'|appears twice",
        "'    1   256 0 0 1 1 1 \"a\"'|line 1: red 256 is outside 0..255",
        "'    1   255 0 0 1 1 \"a\"'|line 1: expected 7 numbers",
        "'# header\n\n    x   255 0 0 1 1 1 \"a\"'|line 3: label value is not a whole number: x",
        "'    1   255 0 0 1.5 1 1 \"a\"'|opacity 1.5 is outside 0..1",
        "'    1   255 0 0 1 1 1 \"\"'|empty label name",
        "'    1   255 0 0 1 1 1 \"a\" junk'|text after the quoted name",
        "'70000 255 0 0 1 1 1 \"a\"'|label value 70000 is outside 0..65535",
        "'1 name 1 2 3'|expected 6 fields",
        "'1 name 1 2 3 256'|opacity 256 is outside 0..255",
        "'# only comments'|no labels",
        "'hello world'|expected 6 fields"})
    void malformedFilesGiveAOneLineErrorNamingTheLine(String content, String message) throws IOException {
        Path f = dir.resolve("bad.txt");
        Files.writeString(f, content.replace("\\n", "\n"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LabelTableFiles.read(f)).isInstanceOf(VolumeFormatException.class)
                .hasMessageStartingWith("bad.txt: ").hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void refusesBinaryAndHugeFiles() throws IOException {
        Path bin = dir.resolve("x.nii.gz");
        Files.write(bin, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
        assertThatThrownBy(() -> LabelTableFiles.read(bin)).hasMessageContaining("binary");
        Path big = dir.resolve("big.txt");
        Files.write(big, new byte[(int) LabelTableFiles.MAX_BYTES + 1]);
        assertThatThrownBy(() -> LabelTableFiles.read(big)).hasMessageContaining("larger than 4 MB");
    }

    @Test
    void refusesNamesWithControlCharactersOrTooLong() throws IOException {
        Path f = dir.resolve("ctl.txt");
        Files.writeString(f, "1 255 0 0 1 1 1 \"a\u0007b\"\n");
        assertThatThrownBy(() -> LabelTableFiles.read(f)).hasMessageContaining("control characters");
        Files.writeString(f, "1 255 0 0 1 1 1 \"" + "n".repeat(201) + "\"\n");
        assertThatThrownBy(() -> LabelTableFiles.read(f)).hasMessageContaining("longer than 200");
    }
}
