package io.argus.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void shouldReadTheShortFormInEveryUnit() {
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("5min")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("3d")).isEqualTo(Duration.ofDays(3));
    assertThat(Durations.parse("0s")).isZero();
  }

  @Test
  void shouldIgnoreCaseAndSpacesAroundTheUnit() {
    assertThat(Durations.parse(" 1 min ")).isEqualTo(Duration.ofMinutes(1));
    assertThat(Durations.parse("200MS")).isEqualTo(Duration.ofMillis(200));
    assertThat(Durations.parse("7D")).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void shouldReadIso8601() {
    assertThat(Durations.parse("PT24H")).isEqualTo(Duration.ofHours(24));
    assertThat(Durations.parse("P3D")).isEqualTo(Duration.ofDays(3));
    assertThat(Durations.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("pt0.2s")).isEqualTo(Duration.ofMillis(200));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "30", "s", "1.5h", "3 days", "1d2h", "-5s", "-PT5S", "PT-5S", "P1W", "PT",
      "99999999999999999999d", "9999999999999999d"})
  void shouldRefuseAnythingElseShowingBothForms(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' is not a duration: write a whole number and a unit (250ms, 30s, 5m, 2h, 3d) "
            + "or ISO-8601 (PT24H, P3D)");
  }

  @Test
  void shouldNameTheFlagOrKeyInTheMessage() {
    assertThatThrownBy(() -> Durations.parse("allowed-lateness", "later"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("allowed-lateness: 'later' is not a duration: write ")
        .hasMessageContaining("250ms").hasMessageContaining("PT24H");
    assertThatThrownBy(() -> Durations.parse("--label-delay", null))
        .hasMessageStartingWith("--label-delay: 'null' is not a duration");
  }

  @Test
  void shouldFormatInOneUnitWhenExactAndIso8601Otherwise() {
    assertThat(Durations.format(Duration.ofMillis(200))).isEqualTo("200ms");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Durations.format(Duration.ofHours(30))).isEqualTo("30h");
    assertThat(Durations.format(Duration.ofDays(7))).isEqualTo("7d");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofNanos(1_500))).isEqualTo("PT0.0000015S");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 999, 1_000, 1_500_000, 60_000_000_000L, 86_400_000_000_000L, 90_061_001_000_001L})
  void shouldReadBackWhatItFormats(long nanos) {
    Duration duration = Duration.ofNanos(nanos);

    assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
  }
}
