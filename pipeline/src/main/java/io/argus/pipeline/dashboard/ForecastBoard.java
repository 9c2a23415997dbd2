package io.argus.pipeline.dashboard;

import io.argus.avro.Forecast;
import io.argus.avro.ForecastPoint;
import io.argus.avro.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Forecast versus actual volumes. For each forecast series it keeps, per point in time, the point of the latest
 * forecast issued at or before that time, so the past shows what was expected while it was still the future and the
 * rest shows the current forecast. Actual values come from {@code transactions} by event time, per minute, for the
 * overall series {@value #COUNT_ALL} and {@value #AMOUNT_ALL} (amounts in major units, assuming two decimals as for
 * EUR), summed to the series' step; only complete minutes count. Everything older than {@code history} before the
 * newest time seen is dropped, and at most {@value #MAX_SERIES} series are tracked.
 */
final class ForecastBoard {

  static final String COUNT_ALL = "count/all";
  static final String AMOUNT_ALL = "amount/all";
  static final int MAX_SERIES = 8;
  private static final long MINUTE_MILLIS = 60_000L;

  private static final class Tracked {
    private Forecast latest;
    private final TreeMap<Long, ForecastPoint> points = new TreeMap<>();
  }

  private final long historyMillis;
  private final Map<String, Tracked> series = new LinkedHashMap<>();
  /** Minute start (epoch ms) to {transaction count, amount in minor units}. */
  private final TreeMap<Long, long[]> actualByMinute = new TreeMap<>();

  ForecastBoard(Duration history) {
    if (history.toMinutes() < 1) {
      throw new IllegalArgumentException("forecast history must be at least one minute, got " + history);
    }
    historyMillis = history.toMillis();
  }

  void onForecast(Forecast forecast) {
    Tracked tracked = series.get(forecast.getSeries());
    if (tracked == null) {
      if (series.size() >= MAX_SERIES) {
        return;
      }
      tracked = new Tracked();
      series.put(forecast.getSeries(), tracked);
    }
    long issueTime = forecast.getIssueTime().toEpochMilli();
    if (tracked.latest != null && issueTime < tracked.latest.getIssueTime().toEpochMilli()) {
      return;
    }
    tracked.latest = forecast;
    tracked.points.tailMap(issueTime, true).clear();
    for (ForecastPoint point : forecast.getPoints()) {
      if (point.getTime().toEpochMilli() >= issueTime) {
        tracked.points.put(point.getTime().toEpochMilli(), point);
      }
    }
    tracked.points.headMap(issueTime - historyMillis).clear();
  }

  void onTransaction(Transaction transaction) {
    long minute = Math.floorDiv(transaction.getEventTime().toEpochMilli(), MINUTE_MILLIS) * MINUTE_MILLIS;
    long[] bucket = actualByMinute.computeIfAbsent(minute, key -> new long[2]);
    bucket[0]++;
    bucket[1] += transaction.getAmountMinor();
    actualByMinute.headMap(actualByMinute.lastKey() - historyMillis).clear();
  }

  List<Snapshot.Series> view() {
    List<Snapshot.Series> views = new ArrayList<>();
    series.forEach((name, tracked) -> {
      Forecast latest = tracked.latest;
      List<Snapshot.Point> points = tracked.points.values().stream()
          .map(point -> new Snapshot.Point(point.getTime().toEpochMilli(), point.getMean(), point.getLower(),
              point.getUpper()))
          .toList();
      views.add(new Snapshot.Series(name, latest.getMethod(), latest.getIntervalLevel(),
          latest.getIssueTime().toEpochMilli(), latest.getStepSeconds(), points,
          actual(name, latest.getStepSeconds())));
    });
    return views;
  }

  /** Actual values of complete steps for the overall series; empty for any other series or a step not in minutes. */
  private List<Snapshot.Actual> actual(String name, int stepSeconds) {
    int component = name.equals(COUNT_ALL) ? 0 : name.equals(AMOUNT_ALL) ? 1 : -1;
    if (component < 0 || actualByMinute.isEmpty() || stepSeconds <= 0 || stepSeconds % 60 != 0) {
      return List.of();
    }
    long stepMillis = stepSeconds * 1000L;
    long currentMinute = actualByMinute.lastKey();
    NavigableMap<Long, Double> sums = new TreeMap<>();
    actualByMinute.headMap(currentMinute).forEach((minute, bucket) ->
        sums.merge(Math.floorDiv(minute, stepMillis) * stepMillis, (double) bucket[component], Double::sum));
    List<Snapshot.Actual> actual = new ArrayList<>();
    sums.forEach((time, sum) -> {
      if (time + stepMillis <= currentMinute) {
        actual.add(new Snapshot.Actual(time, component == 1 ? sum / 100.0 : sum));
      }
    });
    return actual;
  }
}
