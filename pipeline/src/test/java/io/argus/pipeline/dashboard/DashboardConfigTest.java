package io.argus.pipeline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DashboardConfigTest {

  @Test
  void shouldListenOnLocalhost8080WithoutAScorerOrUsersByDefault() {
    DashboardConfig config = DashboardConfig.defaults("127.0.0.1:9092");

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.scorerUrl()).isNull();
    assertThat(config.replay()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.rateWindow()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.pushInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.users()).isNull();
    assertThat(config.secureCookie()).isFalse();
    assertThat(config.caseWindow()).isEqualTo(Duration.ofDays(7));
    assertThat(config.offlineStore()).isNull();
  }

  @Test
  void shouldChangeOnlyTheValueItIsAskedTo() {
    DashboardConfig config = DashboardConfig.defaults("127.0.0.1:9092").withPort(0)
        .withScorerUrl(URI.create("http://127.0.0.1:8081"));

    assertThat(config).isEqualTo(new DashboardConfig("127.0.0.1:9092", "127.0.0.1", 0, null, false,
        URI.create("http://127.0.0.1:8081"), Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofSeconds(10), 50,
        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofHours(3), null, null, "lstm", 0.5));
    assertThat(config.withForecastHistory(Duration.ofDays(3)).forecastHistory()).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void shouldNameTheOffendingValue() {
    DashboardConfig defaults = DashboardConfig.defaults("127.0.0.1:9092");

    assertThatThrownBy(() -> DashboardConfig.defaults(" ")).hasMessageContaining("bootstrap");
    assertThatThrownBy(() -> defaults.withPort(-1)).hasMessageContaining("got -1");
    assertThatThrownBy(() -> defaults.withScorerUrl(URI.create("file:///tmp/scorer")))
        .hasMessageContaining("file:///tmp/scorer");
    assertThatThrownBy(() -> defaults.withReplay(Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replay").hasMessageContaining("PT-1M");
    assertThatThrownBy(() -> new DashboardConfig("b:1", "127.0.0.1", 0, null, false, null, Duration.ZERO,
        Duration.ofDays(1), Duration.ofSeconds(10), 0, Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofHours(3), null, null, "lstm", 0.5))
        .hasMessageContaining("alert feed size must be at least 1, got 0");
    assertThatThrownBy(() -> defaults.withCaseWindow(Duration.ZERO)).hasMessageContaining("case window");
    assertThatThrownBy(() -> defaults.withBacktests(null, null, "lstm", 1.5))
        .hasMessageContaining("alert threshold must be between 0 and 1, got 1.5");
    assertThatThrownBy(() -> defaults.withForecastHistory(Duration.ofSeconds(30)))
        .hasMessageContaining("forecast history must be at least one minute, got PT30S");
  }
}
