package io.argus.pipeline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DashboardConfigTest {

  @Test
  void shouldListenOnLocalhost8080WithoutAScorerByDefault() {
    DashboardConfig config = DashboardConfig.defaults("127.0.0.1:9092");

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.scorerUrl()).isNull();
    assertThat(config.replay()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.rateWindow()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.pushInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void shouldChangeOnlyTheValueItIsAskedTo() {
    DashboardConfig config = DashboardConfig.defaults("127.0.0.1:9092").withPort(0)
        .withScorerUrl(URI.create("http://127.0.0.1:8081"));

    assertThat(config).isEqualTo(new DashboardConfig("127.0.0.1:9092", "127.0.0.1", 0,
        URI.create("http://127.0.0.1:8081"), Duration.ofMinutes(5), Duration.ofSeconds(10), 50, Duration.ofSeconds(1),
        Duration.ofSeconds(5), Duration.ofHours(3)));
    assertThat(config.withForecastHistory(Duration.ofDays(3)).forecastHistory()).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void shouldNameTheOffendingValue() {
    DashboardConfig defaults = DashboardConfig.defaults("127.0.0.1:9092");

    assertThatThrownBy(() -> DashboardConfig.defaults(" ")).hasMessageContaining("bootstrap");
    assertThatThrownBy(() -> defaults.withPort(-1)).hasMessageContaining("got -1");
    assertThatThrownBy(() -> defaults.withScorerUrl(URI.create("file:///tmp/scorer")))
        .hasMessageContaining("file:///tmp/scorer");
    assertThatThrownBy(() -> new DashboardConfig("b:1", "127.0.0.1", 0, null, Duration.ofMinutes(-1),
        Duration.ofSeconds(10), 50, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofHours(3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replay").hasMessageContaining("PT-1M");
    assertThatThrownBy(() -> new DashboardConfig("b:1", "127.0.0.1", 0, null, Duration.ZERO,
        Duration.ofSeconds(10), 0, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofHours(3)))
        .hasMessageContaining("alert feed size must be at least 1, got 0");
    assertThatThrownBy(() -> defaults.withForecastHistory(Duration.ofSeconds(30)))
        .hasMessageContaining("forecast history must be at least one minute, got PT30S");
  }
}
