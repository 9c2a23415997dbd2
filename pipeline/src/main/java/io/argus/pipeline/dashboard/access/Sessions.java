package io.argus.pipeline.dashboard.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's sessions, in memory: 256-bit random tokens, ended after {@link #IDLE} without use or
 * {@link #LIFETIME} after sign-in, at most {@link #MAXIMUM} at once (the least recently used goes first). A restarted
 * dashboard asks everyone to sign in again. Thread-safe.
 */
public final class Sessions {

  public static final Duration IDLE = Duration.ofMinutes(30);
  public static final Duration LIFETIME = Duration.ofHours(12);
  static final int MAXIMUM = 10_000;

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byToken = new ConcurrentHashMap<>();

  public Sessions(Clock clock) {
    this.clock = clock;
  }

  public Session start(User user) {
    Session session = new Session(token(), user.name(), user.role(), token(), clock.instant());
    if (byToken.size() >= MAXIMUM) {
      byToken.values().stream().min(Comparator.comparing(Session::lastUsed))
          .ifPresent(oldest -> byToken.remove(oldest.token()));
    }
    byToken.put(session.token(), session);
    return session;
  }

  /** The live session of {@code token}, marked as used now; empty when unknown or expired. */
  public Optional<Session> find(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Session session = byToken.get(token);
    if (session == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (now.isAfter(session.lastUsed().plus(IDLE)) || now.isAfter(session.started().plus(LIFETIME))) {
      byToken.remove(token);
      return Optional.empty();
    }
    session.used(now);
    return Optional.of(session);
  }

  public void end(Session session) {
    byToken.remove(session.token());
  }

  int size() {
    return byToken.size();
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
