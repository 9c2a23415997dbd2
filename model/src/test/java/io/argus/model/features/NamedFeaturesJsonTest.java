package io.argus.model.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.argus.features.FraudV1;
import io.argus.model.ModelInput;
import io.argus.model.SampleInputs;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NamedFeaturesJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final NamedFeaturesJson codec = new NamedFeaturesJson(FraudV1.FEATURE_SET);
  private final ModelInput input = SampleInputs.of(1, 3).get(0);

  @Test
  void shouldReadBackWhatItWrites() {
    NamedFeatures features = new NamedFeatures("t-42", input);

    assertThat(codec.read(codec.write(features))).isEqualTo(features);
  }

  @Test
  void shouldWriteEveryFeatureByNameInTheFeatureSetsOrder() throws Exception {
    JsonNode json = JSON.readTree(codec.write(new NamedFeatures("t-42", input)));

    assertThat(json.get("transaction_id").asText()).isEqualTo("t-42");
    assertThat(json.get("features").fieldNames()).toIterable()
        .containsExactlyElementsOf(FraudV1.FEATURE_SET.staticNames());
    assertThat(json.at("/features/TX_AMOUNT").asDouble()).isEqualTo(input.values()[0]);
    assertThat(json.get("sequence")).hasSize(FraudV1.SEQUENCE_LENGTH);
    assertThat(json.at("/sequence/9/SEQ_AMOUNT").asDouble()).isEqualTo(input.sequence()[9][0]);
  }

  @Test
  void shouldReadAnOmittedTransactionIdAsNull() throws Exception {
    ObjectNode json = (ObjectNode) JSON.readTree(codec.write(new NamedFeatures("t-1", input)));
    json.remove("transaction_id");

    assertThat(codec.read(bytes(json)).transactionId()).isNull();
  }

  @Test
  void shouldNameAMissingFeature() throws Exception {
    ObjectNode json = (ObjectNode) JSON.readTree(codec.write(new NamedFeatures("t-1", input)));
    ((ObjectNode) json.get("features")).remove("CARD_NB_TX_1HOUR_WINDOW");

    assertThatThrownBy(() -> codec.read(bytes(json)))
        .isInstanceOf(InvalidFeaturesException.class)
        .hasMessage("\"features\" is missing feature CARD_NB_TX_1HOUR_WINDOW");
  }

  @Test
  void shouldNameAnUnknownFeatureAndAValueThatIsNotANumber() throws Exception {
    ObjectNode unknown = (ObjectNode) JSON.readTree(codec.write(new NamedFeatures("t-1", input)));
    ((ObjectNode) unknown.get("features")).put("TX_AMOUNT_USD", 3.0);
    ObjectNode text = (ObjectNode) JSON.readTree(codec.write(new NamedFeatures("t-1", input)));
    ((ObjectNode) text.get("sequence").get(9)).put("SEQ_AMOUNT", "12.50");

    assertThatThrownBy(() -> codec.read(bytes(unknown))).hasMessageContaining("unknown feature TX_AMOUNT_USD");
    assertThatThrownBy(() -> codec.read(bytes(text)))
        .hasMessageContaining("\"sequence[9]\" feature SEQ_AMOUNT must be a number, got \"12.50\"");
  }

  @Test
  void shouldRefuseASequenceLongerThanTheFeatureSetsAndANumberTooLargeForADouble() throws Exception {
    ObjectNode tooLong = (ObjectNode) JSON.readTree(codec.write(new NamedFeatures("t-1", input)));
    ((ArrayNode) tooLong.get("sequence")).add(tooLong.get("sequence").get(0));
    String huge = new String(codec.write(new NamedFeatures("t-1", input)), StandardCharsets.UTF_8)
        .replaceFirst("\"TX_AMOUNT\":[^,]+", "\"TX_AMOUNT\":1e999");

    assertThatThrownBy(() -> codec.read(bytes(tooLong))).hasMessageStartingWith("\"sequence\" must be an array of 1 "
        + "to 10 objects");
    assertThatThrownBy(() -> codec.read(huge.getBytes(StandardCharsets.UTF_8)))
        .hasMessage("features[0] (TX_AMOUNT) is Infinity");
  }

  @Test
  void shouldRefuseJsonThatIsNotAnObject() {
    assertThatThrownBy(() -> codec.read("{\"features\": ".getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("the body is not valid JSON");
    assertThatThrownBy(() -> codec.read("[1, 2]".getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("the body must be a JSON object");
  }

  private static byte[] bytes(JsonNode json) throws Exception {
    return JSON.writeValueAsBytes(json);
  }
}
