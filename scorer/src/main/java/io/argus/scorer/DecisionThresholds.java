package io.argus.scorer;

import io.argus.avro.Decision;

/**
 * Where scores turn into decisions, alerts and explanations: {@code APPROVE} below {@code review}, {@code REVIEW}
 * from {@code review}, {@code DECLINE} from {@code decline}; an alert from {@code alert}; an explanation from
 * {@code explain}, which may not exceed {@code alert} so that every alert carries its explanation.
 */
public record DecisionThresholds(double review, double decline, double alert, double explain) {

  public static final DecisionThresholds DEFAULTS = new DecisionThresholds(0.5, 0.9, 0.5, 0.5);

  public DecisionThresholds {
    requireProbability("review", review);
    requireProbability("decline", decline);
    requireProbability("alert", alert);
    requireProbability("explain", explain);
    if (review > decline) {
      throw new IllegalArgumentException("the review threshold " + review + " is above the decline threshold "
          + decline);
    }
    if (explain > alert) {
      throw new IllegalArgumentException("the explain threshold " + explain + " is above the alert threshold " + alert
          + ": every alert must carry its explanation");
    }
  }

  public Decision decide(double score) {
    return score >= decline ? Decision.DECLINE : score >= review ? Decision.REVIEW : Decision.APPROVE;
  }

  public boolean alerts(double score) {
    return score >= alert;
  }

  public boolean explains(double score) {
    return score >= explain;
  }

  private static void requireProbability(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("the " + name + " threshold must be between 0 and 1, got " + value);
    }
  }
}
