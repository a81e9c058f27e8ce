package hardy.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model folder is refused, with a message that says why, unless its card and its ONNX file agree. */
class ModelVerificationTest {

    @TempDir
    Path tmp;

    private static final byte[] THRESHOLD = TinyOnnx.pointwise(new float[] {0, 1}, new float[] {0, -5}, null);

    @Test
    void aConsistentModelLoads() throws Exception {
        TinyOnnx.write(tmp, THRESHOLD, 2, new double[] {1, 1, 1}, new int[] {8, 8, 8}, "softmax");
        SegmentationModel m = SegmentationModel.load(tmp);
        assertThat(m.card().name()).isEqualTo("tiny");
        assertThat(m.signature().inputShape()).containsExactly(1, 1, -1, -1, -1);
        assertThat(m.card().labelTable().name(1)).isEqualTo("class 1");
    }

    @Test
    void aChangedOnnxFileIsRefusedByItsHash() throws Exception {
        TinyOnnx.write(tmp, THRESHOLD, 2, new double[] {1, 1, 1}, new int[] {8, 8, 8}, "softmax");
        Files.write(tmp.resolve("model.onnx"), TinyOnnx.pointwise(new float[] {0, 2}, new float[] {0, -5}, null));
        assertThatThrownBy(() -> SegmentationModel.load(tmp)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("SHA-256").hasMessageContaining("card says");
    }

    @Test
    void aFileThatIsNotOnnxIsRefusedAsSuch() throws Exception {
        ObjectNode card = TinyOnnx.write(tmp, THRESHOLD, 2, new double[] {1, 1, 1}, new int[] {8, 8, 8}, "softmax");
        Files.writeString(tmp.resolve("model.onnx"), "this is a text file, not a network");
        card.put("sha256", SegmentationModel.sha256(tmp.resolve("model.onnx")));
        TinyOnnx.writeCard(tmp, card);
        assertThatThrownBy(() -> SegmentationModel.load(tmp)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("not an ONNX model");
    }

    @Test
    void protobufThatOnnxRuntimeCannotLoadIsRefusedAsNotOnnx() throws Exception {
        ObjectNode card = TinyOnnx.write(tmp, THRESHOLD, 2, new double[] {1, 1, 1}, new int[] {8, 8, 8}, "softmax");
        Files.write(tmp.resolve("model.onnx"), new byte[] {0x08, 0x07, 0x12, 0x7f, 0x01});
        card.put("sha256", SegmentationModel.sha256(tmp.resolve("model.onnx")));
        TinyOnnx.writeCard(tmp, card);
        assertThatThrownBy(() -> SegmentationModel.load(tmp)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("is not an ONNX model ONNX Runtime can load");
    }

    @Test
    void outputChannelsMustMatchTheCardsClasses() throws Exception {
        TinyOnnx.write(tmp, THRESHOLD, 3, new double[] {1, 1, 1}, new int[] {8, 8, 8}, "softmax");
        assertThatThrownBy(() -> SegmentationModel.load(tmp)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("ONNX output has 2 channels but the card says numClasses 3");
    }

    @Test
    void inputChannelsMustMatchTheCard() throws Exception {
        ObjectNode card = TinyOnnx.write(tmp, THRESHOLD, 2, new double[] {1, 1, 1}, new int[] {8, 8, 8}, "softmax");
        card.put("inputChannels", 2);
        TinyOnnx.writeCard(tmp, card);
        assertThatThrownBy(() -> SegmentationModel.load(tmp)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("ONNX input has 1 channels but the card says inputChannels 2");
    }

    @Test
    void aFixedSpatialInputMustMatchThePatchInTensorOrder() throws Exception {
        byte[] fixed = TinyOnnx.pointwise(new float[] {0, 1}, new float[] {0, -5}, new long[] {4, 6, 8});
        TinyOnnx.write(tmp, fixed, 2, new double[] {1, 1, 1}, new int[] {8, 6, 4}, "softmax");
        assertThat(SegmentationModel.load(tmp).signature().inputShape()).containsExactly(1, 1, 4, 6, 8);

        Path other = tmp.resolve("other");
        TinyOnnx.write(other, fixed, 2, new double[] {1, 1, 1}, new int[] {4, 6, 8}, "softmax");
        assertThatThrownBy(() -> SegmentationModel.load(other)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("differs from the card's patchSize [4, 6, 8]");
    }

    @Test
    void aMissingCardOrBrokenCardIsRefused() throws Exception {
        Files.write(tmp.resolve("model.onnx"), THRESHOLD);
        assertThatThrownBy(() -> SegmentationModel.load(tmp)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("no model card model.json");
        Files.writeString(tmp.resolve("model.json"), "{\"schemaVersion\": 1, \"name\": \"x\"}");
        assertThatThrownBy(() -> SegmentationModel.load(tmp)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("model card model.json is not valid");
    }

    @Test
    void aCardOfAnotherSchemaVersionIsRefused() throws Exception {
        ObjectNode card = TinyOnnx.write(tmp, THRESHOLD, 2, new double[] {1, 1, 1}, new int[] {8, 8, 8}, "softmax");
        card.put("schemaVersion", 2);
        TinyOnnx.writeCard(tmp, card);
        assertThatThrownBy(() -> SegmentationModel.load(tmp)).hasMessageContaining("schemaVersion 2 is not supported");
    }

    @Test
    void aLabelOutsideTheClassesIsRefused() throws Exception {
        ObjectNode card = TinyOnnx.write(tmp, THRESHOLD, 2, new double[] {1, 1, 1}, new int[] {8, 8, 8}, "softmax");
        ((com.fasterxml.jackson.databind.node.ArrayNode) card.get("labels")).addObject().put("value", 5)
                .put("name", "x").put("color", "#00FF00");
        TinyOnnx.writeCard(tmp, card);
        assertThatThrownBy(() -> SegmentationModel.load(tmp)).hasMessageContaining("label 5 is not a class");
    }
}
