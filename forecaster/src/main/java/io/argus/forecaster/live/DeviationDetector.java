package io.argus.forecaster.live;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Watches one series' actual values against the intervals forecast for them and raises one alert per breach
 * episode: an episode starts when {@code consecutive} values in a row fall outside their interval, and ends when as
 * many in a row fall inside again. The alert id is the series and the time of the episode's first breach, so a
 * replay raises the same id.
 */
final class DeviationDetector {

  private final String series;
  private final double level;
  private final int consecutive;
  private int outsideRun;
  private int insideRun;
  private Instant runStart;
  private boolean inEpisode;

  DeviationDetector(String series, double level, int consecutive) {
    this.series = series;
    this.level = level;
    this.consecutive = consecutive;
  }

  /**
   * Takes the actual value of the step starting at {@code time} and the interval that {@code method} forecast for it.
   *
   * @return the alert, when this value completes the breach run that starts an episode
   */
  Optional<Alert> observe(Instant time, double actual, double expected, double lower, double upper, String method,
      Instant now) {
    if (actual >= lower && actual <= upper) {
      outsideRun = 0;
      insideRun++;
      if (inEpisode && insideRun >= consecutive) {
        inEpisode = false;
      }
      return Optional.empty();
    }
    insideRun = 0;
    if (outsideRun++ == 0) {
      runStart = time;
    }
    if (inEpisode || outsideRun < consecutive) {
      return Optional.empty();
    }
    inEpisode = true;
    return Optional.of(alert(time, actual, expected, lower, upper, method, now));
  }

  boolean inEpisode() {
    return inEpisode;
  }

  private Alert alert(Instant time, double actual, double expected, double lower, double upper, String method,
      Instant now) {
    String direction = actual > upper ? "above" : "below";
    String message = String.format(Locale.ROOT,
        "%s: %d points in a row %s the %.0f%% forecast interval since %s; at %s actual %.2f, expected %.2f "
            + "(interval %.2f to %.2f, %s)",
        series, consecutive, direction, level * 100, runStart, time, actual, expected, lower, upper, method);
    return Alert.newBuilder()
        .setAlertId("forecast-deviation/" + series + "/" + runStart.toEpochMilli())
        .setKind(AlertKind.FORECAST_DEVIATION)
        .setSeverity(Severity.WARNING)
        .setMessage(message)
        .setCreatedAt(now)
        .setReferences(Map.of(
            "series", series,
            "method", method,
            "since", runStart.toString(),
            "time", time.toString(),
            "actual", number(actual),
            "expected", number(expected),
            "lower", number(lower),
            "upper", number(upper),
            "intervalLevel", number(level)))
        .setContributions(List.of())
        .build();
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
