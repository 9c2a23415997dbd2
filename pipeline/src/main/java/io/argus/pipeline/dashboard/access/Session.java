package io.argus.pipeline.dashboard.access;

import java.time.Instant;

/**
 * A signed-in user's session: the random token in its cookie, who it is, the CSRF token every state-changing request
 * must echo, and when it started and was last used.
 */
public final class Session {

  private final String token;
  private final String user;
  private final Role role;
  private final String csrfToken;
  private final Instant started;
  private volatile Instant lastUsed;

  Session(String token, String user, Role role, String csrfToken, Instant started) {
    this.token = token;
    this.user = user;
    this.role = role;
    this.csrfToken = csrfToken;
    this.started = started;
    this.lastUsed = started;
  }

  String token() {
    return token;
  }

  public String user() {
    return user;
  }

  public Role role() {
    return role;
  }

  public String csrfToken() {
    return csrfToken;
  }

  Instant started() {
    return started;
  }

  Instant lastUsed() {
    return lastUsed;
  }

  void used(Instant now) {
    lastUsed = now;
  }
}
