package io.argus.pipeline.dashboard;

import java.net.URI;
import java.time.Duration;

/**
 * How a dashboard runs: the Kafka cluster it reads, where it listens, the scorer the what-if panel calls, and the
 * windows of its aggregates. {@link #defaults(String)} gives the values of {@code argus dashboard}; the
 * {@code with...} methods change one.
 *
 * @param host the address to listen on; {@code 127.0.0.1} keeps the page on this machine, {@code 0.0.0.0} serves
 *     every interface (the dashboard has no authentication: put it behind your own proxy)
 * @param port the HTTP port; 0 picks a free one
 * @param scorerUrl the scorer's base URL ({@code POST {scorerUrl}/score}); {@code null} when there is none
 * @param replay how far back the high-volume topics are read when the dashboard starts
 * @param rateWindow the sliding window of the rates, in whole seconds, at most two minutes
 * @param alertFeedSize how many recent alerts the feed keeps
 * @param pushInterval how often a snapshot is computed and pushed to browsers
 * @param whatIfTimeout how long the what-if panel waits for the scorer
 * @param forecastHistory how much forecast and actual volume the forecast panel keeps, before the newest time seen
 *     (event time: three hours of per-minute forecasts live; days of hourly ones in the demo, whose event time runs
 *     ahead of the clock)
 */
public record DashboardConfig(
    String bootstrap, String host, int port, URI scorerUrl, Duration replay, Duration rateWindow, int alertFeedSize,
    Duration pushInterval, Duration whatIfTimeout, Duration forecastHistory) {

  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_HOST = "127.0.0.1";

  public DashboardConfig {
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers must not be blank, got '" + bootstrap + "'");
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank, got '" + host + "'");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    if (scorerUrl != null && !(("http".equals(scorerUrl.getScheme()) || "https".equals(scorerUrl.getScheme()))
        && scorerUrl.getHost() != null)) {
      throw new IllegalArgumentException("scorer URL must be http(s)://HOST:PORT, got " + scorerUrl);
    }
    requirePositive("replay", replay, true);
    requirePositive("rate window", rateWindow, false);
    requirePositive("push interval", pushInterval, false);
    requirePositive("what-if timeout", whatIfTimeout, false);
    if (forecastHistory == null || forecastHistory.toMinutes() < 1) {
      throw new IllegalArgumentException("forecast history must be at least one minute, got " + forecastHistory);
    }
    if (alertFeedSize < 1) {
      throw new IllegalArgumentException("alert feed size must be at least 1, got " + alertFeedSize);
    }
  }

  /**
   * Port 8080 on 127.0.0.1, no scorer, 5 minutes of replay, rates over 10 s, 50 alerts, a push every second, 3 hours
   * of forecasts.
   */
  public static DashboardConfig defaults(String bootstrap) {
    return new DashboardConfig(bootstrap, DEFAULT_HOST, DEFAULT_PORT, null, Duration.ofMinutes(5),
        Duration.ofSeconds(10), 50, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofHours(3));
  }

  public DashboardConfig withPort(int newPort) {
    return new DashboardConfig(bootstrap, host, newPort, scorerUrl, replay, rateWindow, alertFeedSize, pushInterval,
        whatIfTimeout, forecastHistory);
  }

  public DashboardConfig withScorerUrl(URI newScorerUrl) {
    return new DashboardConfig(bootstrap, host, port, newScorerUrl, replay, rateWindow, alertFeedSize, pushInterval,
        whatIfTimeout, forecastHistory);
  }

  public DashboardConfig withForecastHistory(Duration newForecastHistory) {
    return new DashboardConfig(bootstrap, host, port, scorerUrl, replay, rateWindow, alertFeedSize, pushInterval,
        whatIfTimeout, newForecastHistory);
  }

  private static void requirePositive(String name, Duration value, boolean zeroAllowed) {
    if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
      throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "zero or more" : "positive")
          + ", got " + value);
    }
  }
}
