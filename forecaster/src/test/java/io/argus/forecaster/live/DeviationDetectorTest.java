package io.argus.forecaster.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviationDetectorTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final double EXPECTED = 100;
  private static final double LOWER = 90;
  private static final double UPPER = 110;

  private final DeviationDetector detector = new DeviationDetector("count/all", 0.9, 3);
  private final List<Alert> alerts = new ArrayList<>();
  private int minute;

  @Test
  void shouldIgnoreBreachRunsShorterThanTheThreshold() {
    observe(100, 150, 150, 100, 50, 50, 100, 150);

    assertThat(alerts).isEmpty();
  }

  @Test
  void shouldRaiseOneAlertWhenTheThirdConsecutiveValueFallsOutside() {
    observe(100, 150, 160, 170);

    assertThat(alerts).hasSize(1);
    Alert alert = alerts.get(0);
    assertThat(alert.getKind()).isEqualTo(AlertKind.FORECAST_DEVIATION);
    assertThat(alert.getAlertId()).isEqualTo("forecast-deviation/count/all/" + T0.plusSeconds(60).toEpochMilli());
    assertThat(alert.getReferences()).containsEntry("series", "count/all").containsEntry("method", "holt_winters")
        .containsEntry("actual", "170.0000")
        .containsEntry("expected", "100.0000").containsEntry("lower", "90.0000").containsEntry("upper", "110.0000")
        .containsEntry("since", T0.plusSeconds(60).toString()).containsEntry("time", T0.plusSeconds(180).toString());
    assertThat(alert.getMessage()).startsWith("count/all: 3 points in a row above the 90% forecast interval");
  }

  @Test
  void shouldStayInTheEpisodeUntilAsManyValuesInARowAreInsideAgain() {
    // episode; a lone inside value does not end it; a breach in the opposite direction is the same episode
    observe(150, 150, 150, 150, 100, 150, 50, 50, 50);
    assertThat(alerts).hasSize(1);
    assertThat(detector.inEpisode()).isTrue();

    // three inside end it; the next run of three starts a second episode
    observe(100, 100, 100, 50, 50, 50);
    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(1).getMessage()).contains("below");
  }

  private void observe(double... actuals) {
    for (double actual : actuals) {
      detector.observe(T0.plusSeconds(60L * minute++), actual, EXPECTED, LOWER, UPPER, "holt_winters", T0)
          .ifPresent(alerts::add);
    }
  }
}
