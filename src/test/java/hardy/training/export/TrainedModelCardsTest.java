package hardy.training.export;

import static org.assertj.core.api.Assertions.assertThat;

import hardy.inference.ModelCard;
import org.junit.jupiter.api.Test;

class TrainedModelCardsTest {

    @Test
    void aModelTrainedFromScratchKeepsItsLargestForegroundPiece() {
        ModelCard card = TrainedModelCards.trained("m", null, new double[] {1, 1, 1}, 8, 32, null, null, 3);
        assertThat(card.keepsLargestForegroundComponent()).isTrue();
        card.validate();
    }

    @Test
    void aFineTunedModelDoesWhatItsParentDid() {
        ModelCard parent = ModelExportTest.card(8);
        assertThat(parent.keepsLargestForegroundComponent()).isFalse();
        ModelCard child = TrainedModelCards.trained("m", null, new double[] {1, 1, 1}, 3, 8, parent, null, 3);
        assertThat(child.keepsLargestForegroundComponent()).isFalse();
        assertThat(child.largestComponentLabels()).isEqualTo(parent.largestComponentLabels());
    }
}
