package hardy.training.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hardy.inference.ModelCard;
import hardy.io.labels.LabelTableFiles;
import hardy.volume.FetalLabels;
import hardy.volume.LabelTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainedModelCardsTest {

    /** Eight classes like FeTA, but a hip MRI's labels. */
    private static final LabelTable HIP = LabelTable.of(List.of(
            new LabelTable.Entry(1, "Femoral head", 0xE69F00), new LabelTable.Entry(2, "Acetabulum", 0x56B4E9),
            new LabelTable.Entry(3, "Labrum", 0x009E73), new LabelTable.Entry(4, "Cartilage", 0xF0E442),
            new LabelTable.Entry(5, "Effusion", 0x0072B2), new LabelTable.Entry(6, "Gluteus medius", 0xD55E00),
            new LabelTable.Entry(7, "Iliopsoas", 0xCC79A7)));

    @TempDir
    Path dir;

    private static ModelCard card(int classes, ModelCard parent, LabelTable caseLabels) {
        return TrainedModelCards.trained("m", null, new double[] {1, 1, 1}, classes, 32, parent, null, 3, caseLabels);
    }

    private static List<String> names(ModelCard c) {
        return c.labels().stream().map(ModelCard.Label::name).toList();
    }

    @Test
    void aModelTrainedFromScratchKeepsItsLargestForegroundPiece() {
        ModelCard card = TrainedModelCards.trained("m", null, new double[] {1, 1, 1}, 8, 32, null, null, 3, null);
        assertThat(card.keepsLargestForegroundComponent()).isTrue();
        card.validate();
    }

    @Test
    void aFineTunedModelDoesWhatItsParentDid() {
        ModelCard parent = ModelExportTest.card(8);
        assertThat(parent.keepsLargestForegroundComponent()).isFalse();
        ModelCard child = TrainedModelCards.trained("m", null, new double[] {1, 1, 1}, 3, 8, parent, null, 3, null);
        assertThat(child.keepsLargestForegroundComponent()).isFalse();
        assertThat(child.largestComponentLabels()).isEqualTo(parent.largestComponentLabels());
    }

    @Test
    void anEightClassModelWithoutNamesIsNotCalledFeta() {
        assertThat(names(card(8, null, null))).containsExactly("Label 1", "Label 2", "Label 3", "Label 4", "Label 5",
                "Label 6", "Label 7");
    }

    @Test
    void anEightClassModelKeepsTheNamesAndColoursOfItsCases() throws IOException {
        LabelTableFiles.write(dir.resolve("labels.txt"), HIP, LabelTableFiles.Format.ITK_SNAP);
        ModelCard c = card(8, null, TrainedModelCards.caseLabels(dir));
        assertThat(c.labelTable().entries()).isEqualTo(HIP.entries());
    }

    @Test
    void theCasesNamesWinOverTheInitCardsAndMissingOnesAreNumbered() {
        ModelCard feta = card(8, null, FetalLabels.TABLE);
        LabelTable two = LabelTable.of(List.of(HIP.entries().get(0), HIP.entries().get(1)));
        assertThat(names(card(4, feta, two))).containsExactly("Femoral head", "Acetabulum", "Label 3");
    }

    @Test
    void aFineTunedModelKeepsItsInitCardsNames() {
        ModelCard hip = card(8, null, HIP);
        assertThat(names(card(8, hip, null))).isEqualTo(names(hip));
    }

    @Test
    void aModelFineTunedFromAnOlderFetaCardGetsTheTablesColours() {
        ModelCard old = card(8, null, LabelTable.of(FetalLabels.TABLE.entries().stream()
                .map(e -> new LabelTable.Entry(e.value(), e.name().toLowerCase(java.util.Locale.ROOT), 0xF5F5F5))
                .toList()));
        assertThat(card(8, old, null).labelTable().entries()).isEqualTo(FetalLabels.TABLE.entries());
    }

    @Test
    void casesWithoutATableHaveNoNamesAndABadTableFailsClearly() throws IOException {
        assertThat(TrainedModelCards.caseLabels(dir)).isNull();
        Files.writeString(dir.resolve("labels.txt"), "1 255 0 0 1 1 1 \"a\"\n1 0 255 0 1 1 1 \"b\"\n");
        assertThatThrownBy(() -> TrainedModelCards.caseLabels(dir.resolve("cases.csv")))
                .hasMessage("labels.txt: label value 1 appears twice");
    }
}
