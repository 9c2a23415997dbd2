package io.argus.scorer.alert;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.Contribution;
import io.argus.avro.Decision;
import io.argus.avro.ExplanationTimings;
import io.argus.avro.PendingExplanation;
import io.argus.avro.Severity;
import io.argus.model.ModelInput;
import io.argus.scorer.explain.Explanation;
import io.argus.scorer.rules.RuleOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The records of a fraud alert: what is kept while its explanation is computed ({@link PendingExplanation}), and the
 * {@link Alert} itself ({@code fraud-<transaction id>}, with the score, the base value, the top contributions and how
 * long the explanation took).
 */
public final class FraudAlerts {

  private FraudAlerts() {
  }

  /** What an alerted transaction's explanation and alert need. */
  public static PendingExplanation pending(String transactionId, String cardToken, String customerId,
      String terminalId, long eventTime, ModelInput input, double score, Decision decision, String modelName,
      String modelVersion, long scoredAt, RuleOutcome rules) {
    List<List<Double>> sequence = new ArrayList<>(input.sequence().length);
    for (double[] step : input.sequence()) {
      sequence.add(boxed(step));
    }
    return PendingExplanation.newBuilder()
        .setTransactionId(transactionId)
        .setCardToken(cardToken)
        .setCustomerId(customerId)
        .setTerminalId(terminalId)
        .setEventTime(Instant.ofEpochMilli(eventTime))
        .setScore(score)
        .setDecision(decision)
        .setModelName(modelName)
        .setModelVersion(modelVersion)
        .setScoredAt(Instant.ofEpochMilli(scoredAt))
        .setValues(boxed(input.values()))
        .setSequence(sequence)
        .setRulesFired(rules.describe())
        .setRuleReferences(rules.alertReferences())
        .build();
  }

  /** The features a pending explanation was scored on. */
  public static ModelInput input(PendingExplanation pending) {
    double[] values = pending.getValues().stream().mapToDouble(Double::doubleValue).toArray();
    double[][] sequence = pending.getSequence().stream()
        .map(step -> step.stream().mapToDouble(Double::doubleValue).toArray()).toArray(double[][]::new);
    return new ModelInput(values, sequence);
  }

  /** The alert of an explained (or, failing that, unexplained) transaction, with its {@code top} contributions. */
  static Alert alert(ExplainedAlert explained, int top) {
    PendingExplanation pending = explained.pending();
    Explanation explanation = explained.explanation();
    List<Contribution> contributions = explanation == null ? List.of() : explanation.top(top);
    String reasons = contributions.stream()
        .map(contribution -> String.format(Locale.ROOT, "%s %+.3f", contribution.getName(), contribution.getValue()))
        .collect(Collectors.joining(", "));
    String explainedBy = explained.explainedBy().name() + " " + explained.explainedBy().version();
    boolean otherModel = !explainedBy.equals(pending.getModelName() + " " + pending.getModelVersion());
    Map<String, String> references = new LinkedHashMap<>();
    references.put("transactionId", pending.getTransactionId());
    references.put("cardToken", pending.getCardToken());
    references.put("customerId", pending.getCustomerId());
    references.put("terminalId", pending.getTerminalId());
    references.put("modelName", pending.getModelName());
    references.put("modelVersion", pending.getModelVersion());
    references.put("eventTime", pending.getEventTime().toString());
    references.putAll(pending.getRuleReferences());
    if (otherModel) {
      references.put("explainedBy", explainedBy);
    }
    return Alert.newBuilder()
        .setAlertId("fraud-" + pending.getTransactionId())
        .setKind(AlertKind.FRAUD)
        .setSeverity(pending.getDecision() == Decision.DECLINE ? Severity.CRITICAL
            : pending.getDecision() == Decision.REVIEW ? Severity.WARNING : Severity.INFO)
        .setMessage(String.format(Locale.ROOT, "transaction %s scored %.3f (%s) by %s %s%s%s%s",
            pending.getTransactionId(), pending.getScore(), pending.getDecision(), pending.getModelName(),
            pending.getModelVersion(), pending.getRulesFired(),
            explanation == null ? "; no explanation: " + explained.failure()
                : reasons.isEmpty() ? "" : "; top reasons: " + reasons,
            otherModel && explanation != null ? " (explained by " + explainedBy + ", served since a restart)" : ""))
        .setCreatedAt(pending.getScoredAt())
        .setReferences(references)
        .setContributions(contributions)
        .setFeatures(CaseEvidence.features(pending.getValues()))
        .setRecentTransactions(CaseEvidence.recentTransactions(pending.getSequence()))
        .setScore(pending.getScore())
        .setBaseValue(explanation == null ? null : explanation.baseValue())
        .setExplanationTimings(new ExplanationTimings(explained.waitNanos() / 1000, explained.explainNanos() / 1000,
            explained.inline(), explained.cpuNanos() / 1000))
        .build();
  }

  private static List<Double> boxed(double[] values) {
    return Arrays.stream(values).boxed().toList();
  }
}
