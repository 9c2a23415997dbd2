package io.argus.trainer.evaluation;

import java.util.List;
import java.util.Locale;

/**
 * The published results on the handbook's simulated data (Le Borgne et al., Reproducible Machine Learning for Credit
 * Card Fraud Detection - Practical Handbook), same protocol: train 2018-07-25 for 7 days, 7-day delay, test
 * 2018-08-08 to 2018-08-14. Printed beside Argus's own figures so they compare directly.
 */
public final class HandbookBaselines {

  /** One published row. */
  public record Row(String setting, String model, double aucRoc, double averagePrecision,
      double cardPrecisionAt100) {
  }

  private static final String SINGLE = "handbook, single split";
  private static final String PREQUENTIAL = "handbook, prequential selection";

  public static final List<Row> ROWS = List.of(
      new Row(SINGLE, "logistic regression", 0.871, 0.606, 0.291),
      new Row(SINGLE, "decision tree, depth 2", 0.763, 0.496, 0.241),
      new Row(SINGLE, "random forest", 0.867, 0.658, 0.287),
      new Row(SINGLE, "XGBoost", 0.862, 0.639, 0.273),
      new Row(PREQUENTIAL, "logistic regression", 0.868, 0.623, 0.297),
      new Row(PREQUENTIAL, "random forest", 0.870, 0.678, 0.299),
      new Row(PREQUENTIAL, "XGBoost", 0.869, 0.687, 0.303),
      new Row(PREQUENTIAL, "feed-forward network", 0.876, 0.675, 0.303),
      new Row(PREQUENTIAL, "1D CNN (sequence of 5)", 0.872, 0.599, 0.288),
      new Row(PREQUENTIAL, "LSTM (sequence of 5)", 0.876, 0.665, 0.297),
      new Row(PREQUENTIAL, "LSTM + attention", 0.874, 0.667, 0.295));

  private HandbookBaselines() {
  }

  /** A Markdown table (readable as plain text too): the Argus row first, then the published rows. */
  public static String comparisonTable(String argusModel, Evaluation evaluation) {
    StringBuilder table = new StringBuilder("| setting | model | AUC ROC | average precision | card precision@100 |\n")
        .append("|---|---|---|---|---|\n");
    table.append(row("Argus", argusModel, evaluation.aucRoc(), evaluation.averagePrecision(),
        evaluation.cardPrecisionAt100()));
    for (Row row : ROWS) {
      table.append(row(row.setting(), row.model(), row.aucRoc(), row.averagePrecision(), row.cardPrecisionAt100()));
    }
    return table.toString();
  }

  private static String row(String setting, String model, double auc, double precision, double cardPrecision) {
    return String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f |%n", setting, model, auc, precision,
        cardPrecision);
  }
}
