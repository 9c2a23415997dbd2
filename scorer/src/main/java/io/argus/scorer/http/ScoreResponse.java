package io.argus.scorer.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.argus.avro.Contribution;
import io.argus.scorer.TransactionScorer;
import io.argus.scorer.explain.Explanation;
import io.argus.scorer.rules.RuleHit;

/**
 * The JSON answer of {@code POST /score}: score, decision (model and rules together), model, the model's own decision,
 * the rules that fired, explanation (null below the threshold), timings.
 */
final class ScoreResponse {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ScoreResponse() {
  }

  static byte[] toJson(String transactionId, TransactionScorer.Result result, int topContributions) {
    ObjectNode root = JSON.createObjectNode();
    root.put("transaction_id", transactionId);
    root.put("score", result.score());
    root.put("decision", result.decision().name());
    root.put("alert", result.alert());
    root.putObject("model").put("name", result.modelName()).put("version", result.modelVersion());
    root.put("model_decision", result.rules().modelDecision().name());
    ArrayNode rules = root.putArray("rules");
    for (RuleHit hit : result.rules().fired()) {
      rules.addObject().put("id", hit.id()).put("version", hit.version()).put("action", hit.action().name());
    }
    Explanation explanation = result.explanation();
    if (explanation == null) {
      root.putNull("explanation");
    } else {
      ObjectNode explained = root.putObject("explanation");
      explained.put("base_value", explanation.baseValue());
      ArrayNode contributions = explained.putArray("contributions");
      for (Contribution contribution : explanation.top(topContributions)) {
        ObjectNode item = contributions.addObject();
        item.put("name", contribution.getName());
        item.put("value", contribution.getValue());
        item.put("feature_value", contribution.getFeatureValue());
      }
    }
    root.putObject("timings_micros")
        .put("model", result.modelNanos() / 1000)
        .put("explain", Math.max(0, result.explainNanos() / 1000));
    try {
      return JSON.writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write a score as JSON", e);
    }
  }
}
