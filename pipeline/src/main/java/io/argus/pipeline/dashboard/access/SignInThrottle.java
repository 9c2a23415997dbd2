package io.argus.pipeline.dashboard.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing down: failed sign-ins are counted per user name and per client address; from the
 * {@value #FREE_FAILURES}th failure within {@link #WINDOW}, that name or address must wait before trying again — 30
 * seconds, doubling with each further failure, at most {@link #LONGEST_WAIT}. A success clears the name's count (not
 * the address's). Counts older than the window are forgotten, and at most {@value #MAXIMUM_KEYS} names and addresses
 * are tracked. Thread-safe.
 */
public final class SignInThrottle {

  static final int FREE_FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Duration FIRST_WAIT = Duration.ofSeconds(30);
  static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
  static final int MAXIMUM_KEYS = 10_000;

  private record Failures(int count, Instant first, Instant last) {
  }

  private final Clock clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  public SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  /** How long the name or the address must still wait, or empty when it may try now. */
  public Optional<Duration> wait(String user, String address) {
    Instant now = clock.instant();
    Duration longest = Duration.ZERO;
    for (String key : keys(user, address)) {
      Failures counted = current(key, now);
      if (counted != null && counted.count() >= FREE_FAILURES) {
        Duration wait = Duration.between(now, counted.last().plus(waitAfter(counted.count())));
        if (wait.compareTo(longest) > 0) {
          longest = wait;
        }
      }
    }
    return longest.isZero() || longest.isNegative() ? Optional.empty() : Optional.of(longest);
  }

  public void failed(String user, String address) {
    Instant now = clock.instant();
    if (failures.size() >= MAXIMUM_KEYS) {
      failures.entrySet().removeIf(entry -> now.isAfter(entry.getValue().last().plus(WINDOW)));
    }
    for (String key : keys(user, address)) {
      if (failures.size() < MAXIMUM_KEYS || failures.containsKey(key)) {
        failures.compute(key, (name, counted) -> counted == null || now.isAfter(counted.first().plus(WINDOW))
            ? new Failures(1, now, now) : new Failures(counted.count() + 1, counted.first(), now));
      }
    }
  }

  public void succeeded(String user) {
    failures.remove(userKey(user));
  }

  static Duration waitAfter(int failureCount) {
    int doublings = Math.min(10, failureCount - FREE_FAILURES);
    Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
    return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
  }

  private Failures current(String key, Instant now) {
    Failures counted = failures.get(key);
    if (counted != null && now.isAfter(counted.last().plus(WINDOW).plus(LONGEST_WAIT))) {
      failures.remove(key, counted);
      return null;
    }
    return counted;
  }

  private static String[] keys(String user, String address) {
    return new String[] {userKey(user), "address:" + address};
  }

  private static String userKey(String user) {
    return "user:" + (user == null ? "" : user.toLowerCase(Locale.ROOT));
  }
}
