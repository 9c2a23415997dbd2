package io.argus.model.features;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.argus.features.FeatureSet;
import io.argus.model.ModelInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The named-features JSON of one transaction, the contract of the scorer's {@code POST /score} and of the dashboard's
 * what-if panel ({@code GET /api/features/{id}} writes it, the panel edits it and posts it back):
 * <pre>
 * {"transaction_id": "t-1", "features": {"TX_AMOUNT": 57.16, ...}, "sequence": [{"SEQ_AMOUNT": 12.5, ...}, ...]}
 * </pre>
 * {@code transaction_id} is optional; {@code features} holds every static feature of the feature set by name, a number
 * each; {@code sequence} the card's recent transactions, oldest first, the current one last, each with every step
 * feature by name. Reading checks names first (unknown, missing, not a number), then the shape ({@link FeatureShape});
 * anything wrong is an {@link InvalidFeaturesException} naming it. Writing gives the same shape, in the feature set's
 * order. Thread-safe.
 */
public final class NamedFeaturesJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FeatureSet featureSet;
  private final FeatureShape shape;

  public NamedFeaturesJson(FeatureSet featureSet) {
    this.featureSet = featureSet;
    this.shape = new FeatureShape(featureSet);
  }

  /**
   * Reads one transaction's features.
   *
   * @throws InvalidFeaturesException naming the first thing that does not fit the feature set
   */
  public NamedFeatures read(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new InvalidFeaturesException("the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidFeaturesException("the body could not be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidFeaturesException("the body must be a JSON object with \"features\" and \"sequence\"");
    }
    JsonNode id = root.get("transaction_id");
    if (id != null && !id.isNull() && !id.isTextual()) {
      throw new InvalidFeaturesException("\"transaction_id\" must be a string");
    }
    List<Double> values = values("features", root.get("features"), featureSet.staticNames());
    JsonNode steps = root.get("sequence");
    if (steps == null || !steps.isArray() || !shape.fitsSequenceOf(steps.size())) {
      throw new InvalidFeaturesException("\"sequence\" must be an array of 1 to " + featureSet.sequenceLength()
          + " objects (the card's recent transactions, oldest first, this one last), each with "
          + featureSet.sequenceStepNames());
    }
    List<List<Double>> sequence = new ArrayList<>();
    for (int step = 0; step < steps.size(); step++) {
      sequence.add(values("sequence[" + step + "]", steps.get(step), featureSet.sequenceStepNames()));
    }
    String problem = shape.problem("features", values, sequence);
    if (problem != null) {
      throw new InvalidFeaturesException(problem);
    }
    return new NamedFeatures(id == null || id.isNull() ? null : id.asText(), input(values, sequence));
  }

  /**
   * Writes one transaction's features, compact (one line).
   *
   * @throws IllegalArgumentException when the values do not fit the feature set's shape
   */
  public byte[] write(NamedFeatures features) {
    ModelInput input = features.input();
    String problem = shape.problem("features", Arrays.stream(input.values()).boxed().toList(),
        Arrays.stream(input.sequence()).map(step -> Arrays.stream(step).boxed().toList()).toList());
    if (problem != null) {
      throw new IllegalArgumentException("cannot write the features of " + features.transactionId() + ": " + problem);
    }
    ObjectNode root = JSON.createObjectNode().put("transaction_id", features.transactionId());
    named(root.putObject("features"), featureSet.staticNames(), input.values());
    ArrayNode sequence = root.putArray("sequence");
    for (double[] step : input.sequence()) {
      named(sequence.addObject(), featureSet.sequenceStepNames(), step);
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** The values of {@code node}, an object of every one of {@code names} to a number, in the order of the names. */
  private static List<Double> values(String field, JsonNode node, List<String> names) {
    if (node == null || !node.isObject()) {
      throw new InvalidFeaturesException("\"" + field + "\" must be an object of feature name to number with "
          + names);
    }
    for (Iterator<String> given = node.fieldNames(); given.hasNext(); ) {
      String name = given.next();
      if (!names.contains(name)) {
        throw new InvalidFeaturesException("\"" + field + "\" has unknown feature " + name + "; expected " + names);
      }
    }
    List<Double> values = new ArrayList<>(names.size());
    for (String name : names) {
      JsonNode value = node.get(name);
      if (value == null) {
        throw new InvalidFeaturesException("\"" + field + "\" is missing feature " + name);
      }
      if (!value.isNumber()) {
        throw new InvalidFeaturesException("\"" + field + "\" feature " + name + " must be a number, got " + value);
      }
      values.add(value.doubleValue());
    }
    return values;
  }

  private static void named(ObjectNode node, List<String> names, double[] values) {
    for (int i = 0; i < names.size(); i++) {
      node.put(names.get(i), values[i]);
    }
  }

  private static ModelInput input(List<Double> values, List<List<Double>> sequence) {
    double[][] steps = new double[sequence.size()][];
    for (int step = 0; step < steps.length; step++) {
      steps[step] = sequence.get(step).stream().mapToDouble(Double::doubleValue).toArray();
    }
    return new ModelInput(values.stream().mapToDouble(Double::doubleValue).toArray(), steps);
  }
}
