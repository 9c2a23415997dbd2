package io.argus.forecaster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The backtests of many series summarised per method ({@code argus forecast benchmark}): a table of each series'
 * MASE per method, then per method the number of series it was scored on, its mean MASE over them, seasonal naive's
 * mean MASE on the same series and origins, the geometric mean of its MASE relative to seasonal naive's, on how many
 * of those series it did better, and its mean interval coverage; then one line of JSON with the same figures.
 */
public final class BenchmarkReport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchmarkReport() {
  }

  /** One series' backtest. */
  public record Entry(String series, Backtest.Result result) {
  }

  /**
   * One method over the benchmark.
   *
   * @param series the series it was scored on
   * @param skipped the series it was skipped on
   * @param mase its mean MASE over those series (each series' MASE is the mean over its origins)
   * @param seasonalNaiveMase seasonal naive's mean MASE over the same series, each on the origins both forecast from
   * @param relativeMase the geometric mean over those series of its MASE divided by seasonal naive's on the same
   *     origins (below 1: better; the geometric mean keeps one series where seasonal naive was nearly perfect from
   *     dominating, as Davydenko and Fildes (2013) recommend for relative errors)
   * @param betterThanSeasonalNaive on how many of those series its MASE was lower than seasonal naive's
   * @param coverage its mean interval coverage over those series
   */
  public record Summary(String method, int series, int skipped, double mase, double seasonalNaiveMase,
      double relativeMase, int betterThanSeasonalNaive, double coverage) {
  }

  /** The summary of each of {@code methods}, in that order. */
  public static List<Summary> summarise(List<Entry> entries, List<String> methods) {
    List<Summary> summaries = new ArrayList<>();
    for (String method : methods) {
      int series = 0;
      int skipped = 0;
      int better = 0;
      double mase = 0;
      double naiveMase = 0;
      double logRelative = 0;
      double coverage = 0;
      for (Entry entry : entries) {
        Optional<Backtest.Score> score = entry.result().score(method);
        if (score.isEmpty()) {
          skipped += entry.result().skipped().stream().anyMatch(s -> s.method().equals(method)) ? 1 : 0;
          continue;
        }
        Backtest.Score naive = entry.result().score(SeasonalNaive.NAME).orElse(score.get());
        double[] common = Backtest.Result.onCommonOrigins(score.get(), naive);
        series++;
        mase += score.get().mase();
        naiveMase += common[1];
        logRelative += Math.log(common[0] / common[1]);
        better += common[0] < common[1] ? 1 : 0;
        coverage += score.get().coverage();
      }
      summaries.add(series == 0 ? new Summary(method, 0, skipped, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN)
          : new Summary(method, series, skipped, mase / series, naiveMase / series, Math.exp(logRelative / series),
              better, coverage / series));
    }
    return summaries;
  }

  /** Each series' MASE per method (and which was best), then the summary per method. */
  public static String table(List<Entry> entries, List<String> methods, double level) {
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "%-36s %6s", "series", "points"));
    for (String method : methods) {
      table.append(String.format(Locale.ROOT, " %13s", abbreviate(method)));
    }
    table.append(String.format(Locale.ROOT, "  %s%n", "best"));
    for (Entry entry : entries) {
      table.append(String.format(Locale.ROOT, "%-36s %6d", entry.series(), entry.result().points()));
      for (String method : methods) {
        Optional<Backtest.Score> score = entry.result().score(method);
        table.append(score.map(s -> String.format(Locale.ROOT, " %13.3f", s.mase()))
            .orElse(String.format(Locale.ROOT, " %13s", "skipped")));
      }
      table.append("  ").append(entry.result().best().map(Backtest.Score::method).orElse("-"))
          .append(System.lineSeparator());
    }
    table.append(String.format(Locale.ROOT, "%n%d series; MASE per series is the mean over its origins; coverage of "
        + "the %.0f%% interval%n%n", entries.size(), level * 100));
    table.append(String.format(Locale.ROOT, "%-20s %6s %8s %8s %14s %9s %13s %9s%n", "method", "series", "skipped",
        "MASE", "seasonal naive", "relative", "beats s.naive", "coverage"));
    for (Summary summary : summarise(entries, methods)) {
      table.append(String.format(Locale.ROOT, "%-20s %6d %8d %8.3f %14.3f %9.3f %13s %9.3f%n", summary.method(),
          summary.series(), summary.skipped(), summary.mase(), summary.seasonalNaiveMase(), summary.relativeMase(),
          summary.betterThanSeasonalNaive() + " of " + summary.series(), summary.coverage()));
    }
    return table.toString();
  }

  /** The one line of JSON: {@code {"series": n, "level": …, "methods": {"auto": {"series": …, "mase": …, …}}}}. */
  public static String json(List<Entry> entries, List<String> methods, double level) {
    ObjectNode root = JSON.createObjectNode();
    root.put("series", entries.size()).put("level", level);
    ObjectNode byMethod = root.putObject("methods");
    for (Summary summary : summarise(entries, methods)) {
      byMethod.putObject(summary.method())
          .put("series", summary.series())
          .put("skipped", summary.skipped())
          .put("mase", summary.mase())
          .put("seasonal_naive_mase", summary.seasonalNaiveMase())
          .put("relative_mase", summary.relativeMase())
          .put("better_than_seasonal_naive", summary.betterThanSeasonalNaive())
          .put("coverage", summary.coverage());
    }
    return root.toString();
  }

  private static String abbreviate(String method) {
    return method.length() <= 13 ? method : method.replace("holt_winters", "hw");
  }
}
