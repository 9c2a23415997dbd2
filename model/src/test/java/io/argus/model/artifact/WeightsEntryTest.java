package io.argus.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.features.FraudV1;
import io.argus.model.ModelFamily;
import io.argus.model.SampleInputs;
import io.argus.model.network.AttentionEncoder;
import io.argus.model.network.LstmEncoder;
import io.argus.model.network.NetworkShape;
import io.argus.model.network.NeuralFraudModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The weights entry holds what model/README.md says: layers and tensors by name and shape, float64 little-endian. */
class WeightsEntryTest {

  @Test
  void shouldListAnLstmsLayersWithTheirTensorsAndValuesInOrder() throws IOException {
    NeuralFraudModel model = SampleInputs.network(NetworkShape.standard(ModelFamily.LSTM), SampleInputs.of(50, 1), 9);

    WeightsEntry.Encoded encoded = WeightsEntry.write(model);

    JsonNode index = ArtifactFormat.JSON.readTree(encoded.index());
    assertThat(index.get("weightsFormat").asInt()).isEqualTo(1);
    assertThat(index.get("valueType").asText()).isEqualTo("float64");
    assertThat(index.get("byteOrder").asText()).isEqualTo("little-endian");
    assertThat(index.findValuesAsText("name")).containsExactly("lstm", "W", "RW", "b", "dense0", "W", "b", "dense1",
        "W", "b", "output", "W", "b");
    JsonNode lstm = index.get("layers").get(0);
    assertThat(lstm.get("stage").asText()).isEqualTo("sequence");
    assertThat(lstm.at("/tensors/0/shape").toString()).isEqualTo("[7,128]");
    assertThat(lstm.at("/tensors/1/shape").toString()).isEqualTo("[32,128]");
    assertThat(index.at("/layers/3/activation").asText()).isEqualTo("sigmoid");
    LstmEncoder encoder = (LstmEncoder) model.encoder();
    ByteBuffer values = ByteBuffer.wrap(encoded.values()).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(values.getDouble(0)).isEqualTo(encoder.inputWeights()[0]);
    assertThat(values.getDouble(Double.BYTES * 7 * 128)).isEqualTo(encoder.recurrentWeights()[0]);
    int staticCount = FraudV1.FEATURE_SET.staticFeatures().size();
    assertThat(encoded.values()).hasSize(Double.BYTES * (7 * 128 + 32 * 128 + 128 + (32 + staticCount) * 64 + 64
        + 64 * 64 + 64 + 64 + 1));
  }

  @Test
  void shouldListATransformersEmbeddingThenAttentionProjections() throws IOException {
    NeuralFraudModel model = SampleInputs.network(NetworkShape.standard(ModelFamily.TRANSFORMER),
        SampleInputs.of(50, 1), 9);

    JsonNode index = ArtifactFormat.JSON.readTree(WeightsEntry.write(model).index());

    assertThat(index.get("layers").findValuesAsText("kind")).containsExactly("dense", "self_attention", "dense",
        "dense", "dense");
    JsonNode attention = index.get("layers").get(1);
    assertThat(List.of(attention.at("/tensors/0/shape").toString(), attention.at("/tensors/3/shape").toString()))
        .containsExactly("[4,8,32]", "[32,32]");
    assertThat(index.at("/layers/0/activation").asText()).isEqualTo("tanh");
    assertThat(((AttentionEncoder) model.encoder()).heads()).isEqualTo(4);
  }
}
