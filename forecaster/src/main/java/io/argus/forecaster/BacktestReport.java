package io.argus.forecaster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * How a backtest is reported: a readable table, then one line of JSON with the same figures, shaped
 * {@code {"methods": {"seasonal_naive": {"mase": …, "smape": …, "coverage": …, "fit_seconds": …}, …}, "series": {…}}}.
 */
public final class BacktestReport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BacktestReport() {
  }

  /** The table: one row per method, then each method's MASE against seasonal naive's. */
  public static String table(String series, int points, Backtest.Settings settings, List<Backtest.Score> scores) {
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "%s: %,d points, period %d, horizon %d, %d origins every %d points, "
        + "%.0f%% intervals%n%n", series, points, settings.period(), settings.horizon(), scores.get(0).origins(),
        settings.stride(), settings.level() * 100));
    table.append(String.format(Locale.ROOT, "%-16s %8s %9s %9s %9s%n", "method", "MASE", "sMAPE %", "coverage",
        "fit s"));
    for (Backtest.Score score : scores) {
      table.append(String.format(Locale.ROOT, "%-16s %8.3f %9.2f %9.3f %9.1f%n", score.method(), score.mase(),
          score.smape(), score.coverage(), score.fitSeconds()));
    }
    scores.stream().filter(score -> score.method().equals(SeasonalNaive.NAME)).findFirst().ifPresent(naive -> {
      for (Backtest.Score score : scores) {
        if (score != naive) {
          table.append(String.format(Locale.ROOT, "%n%s: MASE %.1f%% %s than seasonal naive", score.method(),
              Math.abs(100 * (1 - score.mase() / naive.mase())), score.mase() <= naive.mase() ? "lower" : "higher"));
        }
      }
      table.append(System.lineSeparator());
    });
    return table.toString();
  }

  /** The one line of JSON. */
  public static String json(int points, Backtest.Settings settings, List<Backtest.Score> scores) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode methods = root.putObject("methods");
    for (Backtest.Score score : scores) {
      methods.putObject(score.method())
          .put("mase", score.mase())
          .put("smape", score.smape())
          .put("coverage", score.coverage())
          .put("fit_seconds", score.fitSeconds());
    }
    root.putObject("series")
        .put("points", points)
        .put("period", settings.period())
        .put("horizon", settings.horizon())
        .put("level", settings.level())
        .put("origins", scores.isEmpty() ? 0 : scores.get(0).origins());
    return root.toString();
  }
}
