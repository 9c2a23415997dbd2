package io.argus.pipeline.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * What a rule would have done over a window of the offline store, against the labels known now: hits per day,
 * precision and recall, and — with a model — what it adds to the model's alerts (frauds the model missed, legitimate
 * transactions and customers the model left alone) or, for an {@code ALLOW} rule, what it takes away (model alerts it
 * suppresses, frauds it lets through). {@link #table()} is for people, {@link #json()} one line for scripts and the
 * dashboard, with the same figures.
 *
 * @param transactions feature vectors in the window (vectors of another shape are counted in {@code skipped})
 * @param frauds of those, the ones labelled fraud
 * @param hits transactions the rule held for
 * @param fraudHits hits labelled fraud
 * @param legitimateHits hits not labelled fraud
 * @param legitimateCustomers distinct customers among the legitimate hits: the good customers the rule would bother
 * @param errors transactions the rule failed on (it does not fire on them)
 * @param model the comparison with the model, or {@code null} when the backtest ran without one
 */
public record BacktestReport(
    String expression, String action, LocalDate from, int days, long transactions, long frauds, long hits,
    long fraudHits, long legitimateHits, long legitimateCustomers, long errors, long skipped, List<Day> perDay,
    ModelComparison model) {

  /** One day of the window (UTC). */
  public record Day(LocalDate date, long transactions, long frauds, long hits, long fraudHits) {
  }

  /**
   * The rule beside the champion at its alert threshold.
   *
   * @param alerts transactions the model alone alerts on
   * @param fraudAlerts of those, the frauds
   * @param fraudsAdded frauds the rule hits and the model does not alert on
   * @param legitimateAdded legitimate transactions the rule hits and the model does not alert on
   * @param alertsSuppressed for an ALLOW rule: model alerts on transactions the rule allows
   * @param fraudsLetThrough for an ALLOW rule: frauds the model alerts on that the rule allows
   */
  public record ModelComparison(
      String name, String version, double alertThreshold, long alerts, long fraudAlerts, long fraudsAdded,
      long legitimateAdded, long alertsSuppressed, long fraudsLetThrough) {
  }

  /** Share of hits that are fraud; NaN without hits. */
  public double precision() {
    return hits == 0 ? Double.NaN : (double) fraudHits / hits;
  }

  /** Share of the window's frauds the rule hits; NaN without frauds. */
  public double recall() {
    return frauds == 0 ? Double.NaN : (double) fraudHits / frauds;
  }

  /** The model's recall alone; NaN without a model or frauds. */
  public double modelRecall() {
    return model == null || frauds == 0 ? Double.NaN : (double) model.fraudAlerts() / frauds;
  }

  /**
   * The recall of the model and the rule together: alerts plus the rule's added frauds (REVIEW, DECLINE), or minus
   * the frauds it lets through (ALLOW); NaN without a model or frauds.
   */
  public double combinedRecall() {
    if (model == null || frauds == 0) {
      return Double.NaN;
    }
    long caught = "ALLOW".equals(action) ? model.fraudAlerts() - model.fraudsLetThrough()
        : model.fraudAlerts() + model.fraudsAdded();
    return (double) caught / frauds;
  }

  public String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Backtest of %s rule: %s%n", action, expression));
    out.append(String.format(Locale.ROOT, "window %s to %s (%d days, UTC), labels as known now%n%n", from,
        from.plusDays(days - 1), days));
    out.append(String.format(Locale.ROOT, "%-12s %12s %8s %8s %10s %10s%n", "day", "transactions", "frauds", "hits",
        "fraud hits", "precision"));
    for (Day day : perDay) {
      out.append(String.format(Locale.ROOT, "%-12s %,12d %,8d %,8d %,10d %10s%n", day.date(), day.transactions(),
          day.frauds(), day.hits(), day.fraudHits(), percent(day.hits() == 0 ? Double.NaN
              : (double) day.fraudHits() / day.hits())));
    }
    out.append(String.format(Locale.ROOT, "%-12s %,12d %,8d %,8d %,10d %10s%n%n", "total", transactions, frauds,
        hits, fraudHits, percent(precision())));
    out.append(String.format(Locale.ROOT, "precision %s, recall %s; %,d legitimate transactions hit, of %,d "
        + "customers%s%n", percent(precision()), percent(recall()), legitimateHits, legitimateCustomers,
        errors > 0 ? String.format(Locale.ROOT, "; the rule failed on %,d transactions (it does not fire on them)",
            errors) : ""));
    if (model != null) {
      out.append(String.format(Locale.ROOT, "model %s %s at alert threshold %.3f: %,d alerts, %,d of them fraud "
          + "(recall %s)%n", model.name(), model.version(), model.alertThreshold(), model.alerts(), model.fraudAlerts(),
          percent(modelRecall())));
      if ("ALLOW".equals(action)) {
        out.append(String.format(Locale.ROOT, "the rule would suppress %,d of the model's alerts and let %,d frauds "
            + "through that the model catches (recall with the rule %s)%n", model.alertsSuppressed(),
            model.fraudsLetThrough(), percent(combinedRecall())));
      } else {
        out.append(String.format(Locale.ROOT, "the rule adds %,d frauds the model misses and bothers %,d legitimate "
            + "transactions the model leaves alone (recall with the rule %s)%n", model.fraudsAdded(),
            model.legitimateAdded(), percent(combinedRecall())));
      }
    }
    if (skipped > 0) {
      out.append(String.format(Locale.ROOT, "%,d vectors of another shape were skipped%n", skipped));
    }
    return out.toString();
  }

  /** One line of JSON with the same figures (snake_case; NaN as null). */
  public String json() {
    return toJson().toString();
  }

  public ObjectNode toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode json = mapper.createObjectNode();
    json.put("expression", expression);
    json.put("action", action);
    json.put("from", from.toString());
    json.put("days", days);
    json.put("transactions", transactions);
    json.put("frauds", frauds);
    json.put("hits", hits);
    json.put("fraud_hits", fraudHits);
    number(json, "precision", precision());
    number(json, "recall", recall());
    json.put("legitimate_hits", legitimateHits);
    json.put("legitimate_customers", legitimateCustomers);
    json.put("errors", errors);
    json.put("skipped", skipped);
    ArrayNode days = json.putArray("hits_per_day");
    for (Day day : perDay) {
      days.addObject().put("date", day.date().toString()).put("transactions", day.transactions())
          .put("frauds", day.frauds()).put("hits", day.hits()).put("fraud_hits", day.fraudHits());
    }
    if (model == null) {
      json.putNull("model");
    } else {
      ObjectNode comparison = json.putObject("model");
      comparison.put("name", model.name());
      comparison.put("version", model.version());
      comparison.put("alert_threshold", model.alertThreshold());
      comparison.put("alerts", model.alerts());
      comparison.put("fraud_alerts", model.fraudAlerts());
      number(comparison, "recall", modelRecall());
      comparison.put("frauds_added", model.fraudsAdded());
      comparison.put("legitimate_added", model.legitimateAdded());
      comparison.put("alerts_suppressed", model.alertsSuppressed());
      comparison.put("frauds_let_through", model.fraudsLetThrough());
      number(comparison, "recall_with_rule", combinedRecall());
    }
    return json;
  }

  private static void number(ObjectNode json, String name, double value) {
    if (Double.isNaN(value)) {
      json.putNull(name);
    } else {
      json.put(name, value);
    }
  }

  private static String percent(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f %%", value * 100);
  }
}
