package io.argus.scorer.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.features.FeatureSet;
import io.argus.model.ModelInput;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * The body of {@code POST /score}, checked against the feature set: a JSON object with an optional
 * {@code transaction_id}, {@code features} (every static feature by name, a number each) and {@code sequence} (the
 * card's recent transactions, oldest first, the current one last: one to {@code sequenceLength} objects of every
 * step feature by name). Anything else is a {@link BadRequestException} naming what is wrong.
 */
record ScoreRequest(String transactionId, ModelInput input) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static ScoreRequest parse(byte[] body, FeatureSet featureSet) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new BadRequestException("the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadRequestException("the body could not be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new BadRequestException("the body must be a JSON object with \"features\" and \"sequence\"");
    }
    JsonNode id = root.get("transaction_id");
    if (id != null && !id.isTextual()) {
      throw new BadRequestException("\"transaction_id\" must be a string");
    }
    double[] values = values("features", root.get("features"), featureSet.staticNames());
    JsonNode steps = root.get("sequence");
    if (steps == null || !steps.isArray() || steps.isEmpty() || steps.size() > featureSet.sequenceLength()) {
      throw new BadRequestException("\"sequence\" must be an array of 1 to " + featureSet.sequenceLength()
          + " objects (the card's recent transactions, oldest first, this one last), each with "
          + featureSet.sequenceStepNames());
    }
    double[][] sequence = new double[steps.size()][];
    for (int step = 0; step < sequence.length; step++) {
      sequence[step] = values("sequence[" + step + "]", steps.get(step), featureSet.sequenceStepNames());
    }
    return new ScoreRequest(id == null ? null : id.asText(), new ModelInput(values, sequence));
  }

  private static double[] values(String field, JsonNode node, List<String> names) {
    if (node == null || !node.isObject()) {
      throw new BadRequestException("\"" + field + "\" must be an object of feature name to number with "
          + names);
    }
    for (Iterator<String> given = node.fieldNames(); given.hasNext(); ) {
      String name = given.next();
      if (!names.contains(name)) {
        throw new BadRequestException("\"" + field + "\" has unknown feature " + name + "; expected " + names);
      }
    }
    double[] values = new double[names.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode value = node.get(names.get(i));
      if (value == null) {
        throw new BadRequestException("\"" + field + "\" is missing feature " + names.get(i));
      }
      if (!value.isNumber()) {
        throw new BadRequestException("\"" + field + "\" feature " + names.get(i) + " must be a number, got "
            + value);
      }
      values[i] = value.doubleValue();
      if (!Double.isFinite(values[i])) {
        throw new BadRequestException("\"" + field + "\" feature " + names.get(i) + " is not finite: " + value);
      }
    }
    return values;
  }
}
