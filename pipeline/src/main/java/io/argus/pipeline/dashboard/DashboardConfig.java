package io.argus.pipeline.dashboard;

import io.argus.pipeline.dashboard.access.Users;
import io.argus.scorer.DecisionThresholds;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a dashboard runs: the Kafka cluster it reads, where it listens, who may sign in, the scorer the what-if panel
 * calls, the windows of its aggregates, and what the rule editor backtests against. {@link #defaults(String)} gives
 * the values of {@code argus dashboard}; the {@code with...} methods change one.
 *
 * @param host the address to listen on; {@code 127.0.0.1} keeps the page on this machine, {@code 0.0.0.0} serves
 *     every interface (put TLS in front: a reverse proxy)
 * @param port the HTTP port; 0 picks a free one
 * @param users who may sign in, with their roles; the dashboard does not start without one
 * @param secureCookie mark the session cookie {@code Secure}, for a dashboard served over TLS by a proxy
 * @param scorerUrl the scorer's base URL ({@code POST {scorerUrl}/score}); {@code null} when there is none
 * @param replay how far back the high-volume topics are read when the dashboard starts
 * @param caseWindow how far back alerts are read into the review queue when the dashboard starts
 * @param rateWindow the sliding window of the rates, in whole seconds, at most two minutes
 * @param alertFeedSize how many recent alerts the feed keeps
 * @param pushInterval how often a snapshot is computed and pushed to browsers
 * @param whatIfTimeout how long the what-if panel waits for the scorer
 * @param forecastHistory how much forecast and actual volume the forecast panel keeps, before the newest time seen
 *     (event time: three hours of per-minute forecasts live; days of hourly ones in the demo, whose event time runs
 *     ahead of the clock)
 * @param offlineStore the offline store the rule editor backtests over, or {@code null}: no backtests
 * @param registry the model registry whose champion backtests compare with, or {@code null}
 * @param modelName the champion's name in the registry
 * @param alertThreshold the scorer's alert threshold, for backtests
 */
public record DashboardConfig(
    String bootstrap, String host, int port, Users users, boolean secureCookie, URI scorerUrl, Duration replay,
    Duration caseWindow, Duration rateWindow, int alertFeedSize, Duration pushInterval, Duration whatIfTimeout,
    Duration forecastHistory, Path offlineStore, Path registry, String modelName, double alertThreshold) {

  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final Duration DEFAULT_CASE_WINDOW = Duration.ofDays(7);
  public static final String DEFAULT_MODEL = "lstm";

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
    requirePositive("case window", caseWindow, false);
    requirePositive("rate window", rateWindow, false);
    requirePositive("push interval", pushInterval, false);
    requirePositive("what-if timeout", whatIfTimeout, false);
    if (forecastHistory == null || forecastHistory.toMinutes() < 1) {
      throw new IllegalArgumentException("forecast history must be at least one minute, got " + forecastHistory);
    }
    if (alertFeedSize < 1) {
      throw new IllegalArgumentException("alert feed size must be at least 1, got " + alertFeedSize);
    }
    if (!(alertThreshold >= 0 && alertThreshold <= 1)) {
      throw new IllegalArgumentException("the alert threshold must be between 0 and 1, got " + alertThreshold);
    }
    if (modelName == null || modelName.isBlank()) {
      throw new IllegalArgumentException("the model name must not be blank");
    }
  }

  /**
   * Port 8080 on 127.0.0.1, no users yet ({@link #withUsers}), no scorer, 5 minutes of replay, 7 days of alerts for
   * the review queue, rates over 10 s, 50 alerts, a push every second, 3 hours of forecasts, no backtests.
   */
  public static DashboardConfig defaults(String bootstrap) {
    return new DashboardConfig(bootstrap, DEFAULT_HOST, DEFAULT_PORT, null, false, null, Duration.ofMinutes(5),
        DEFAULT_CASE_WINDOW, Duration.ofSeconds(10), 50, Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofHours(3), null, null, DEFAULT_MODEL, DecisionThresholds.DEFAULTS.alert());
  }

  public DashboardConfig withPort(int newPort) {
    return new DashboardConfig(bootstrap, host, newPort, users, secureCookie, scorerUrl, replay, caseWindow,
        rateWindow, alertFeedSize, pushInterval, whatIfTimeout, forecastHistory, offlineStore, registry, modelName,
        alertThreshold);
  }

  public DashboardConfig withHost(String newHost) {
    return new DashboardConfig(bootstrap, newHost, port, users, secureCookie, scorerUrl, replay, caseWindow,
        rateWindow, alertFeedSize, pushInterval, whatIfTimeout, forecastHistory, offlineStore, registry, modelName,
        alertThreshold);
  }

  public DashboardConfig withUsers(Users newUsers) {
    return new DashboardConfig(bootstrap, host, port, newUsers, secureCookie, scorerUrl, replay, caseWindow,
        rateWindow, alertFeedSize, pushInterval, whatIfTimeout, forecastHistory, offlineStore, registry, modelName,
        alertThreshold);
  }

  public DashboardConfig withSecureCookie(boolean secure) {
    return new DashboardConfig(bootstrap, host, port, users, secure, scorerUrl, replay, caseWindow, rateWindow,
        alertFeedSize, pushInterval, whatIfTimeout, forecastHistory, offlineStore, registry, modelName,
        alertThreshold);
  }

  public DashboardConfig withScorerUrl(URI newScorerUrl) {
    return new DashboardConfig(bootstrap, host, port, users, secureCookie, newScorerUrl, replay, caseWindow,
        rateWindow, alertFeedSize, pushInterval, whatIfTimeout, forecastHistory, offlineStore, registry, modelName,
        alertThreshold);
  }

  public DashboardConfig withReplay(Duration newReplay) {
    return new DashboardConfig(bootstrap, host, port, users, secureCookie, scorerUrl, newReplay, caseWindow,
        rateWindow, alertFeedSize, pushInterval, whatIfTimeout, forecastHistory, offlineStore, registry, modelName,
        alertThreshold);
  }

  public DashboardConfig withCaseWindow(Duration newCaseWindow) {
    return new DashboardConfig(bootstrap, host, port, users, secureCookie, scorerUrl, replay, newCaseWindow,
        rateWindow, alertFeedSize, pushInterval, whatIfTimeout, forecastHistory, offlineStore, registry, modelName,
        alertThreshold);
  }

  public DashboardConfig withForecastHistory(Duration newForecastHistory) {
    return new DashboardConfig(bootstrap, host, port, users, secureCookie, scorerUrl, replay, caseWindow,
        rateWindow, alertFeedSize, pushInterval, whatIfTimeout, newForecastHistory, offlineStore, registry, modelName,
        alertThreshold);
  }

  /**
   * Backtests over {@code newOfflineStore}, compared with the champion {@code newModelName} of {@code newRegistry}
   * (null: without a model) at {@code newAlertThreshold}.
   */
  public DashboardConfig withBacktests(Path newOfflineStore, Path newRegistry, String newModelName,
      double newAlertThreshold) {
    return new DashboardConfig(bootstrap, host, port, users, secureCookie, scorerUrl, replay, caseWindow,
        rateWindow, alertFeedSize, pushInterval, whatIfTimeout, forecastHistory, newOfflineStore, newRegistry,
        newModelName, newAlertThreshold);
  }

  private static void requirePositive(String name, Duration value, boolean zeroAllowed) {
    if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
      throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "zero or more" : "positive")
          + ", got " + value);
    }
  }
}
