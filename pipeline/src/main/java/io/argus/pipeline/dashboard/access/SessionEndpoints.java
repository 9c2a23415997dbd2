package io.argus.pipeline.dashboard.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.argus.common.HttpErrorFormat;
import io.argus.common.HttpExchanges;
import io.argus.common.HttpStatusException;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in and out: {@code POST /api/login} ({@code {"user": ..., "password": ...}} as JSON; the session cookie
 * {@code HttpOnly; SameSite=Strict}, plus {@code Secure} behind TLS, and the session's CSRF token in the answer),
 * {@code POST /api/logout}, and {@code GET /api/session} (who is signed in, with the CSRF token, for the page). A wrong
 * name and a wrong password get the same answer; repeated failures are throttled ({@link SignInThrottle}, 429 with
 * {@code Retry-After}); at most two password checks run at once, so sign-in attempts cannot take every core.
 * Sign-ins and failures are logged with the name and address, never with the password.
 */
public final class SessionEndpoints {

  private static final Logger LOG = LoggerFactory.getLogger(SessionEndpoints.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_BYTES = 4_096;
  private static final int CONCURRENT_CHECKS = 2;

  private final Users users;
  private final Sessions sessions;
  private final SignInThrottle throttle;
  private final boolean secureCookie;
  private final Semaphore checks = new Semaphore(CONCURRENT_CHECKS);

  /** @param secureCookie mark the cookie {@code Secure} (the dashboard is served over TLS by a proxy) */
  public SessionEndpoints(Users users, Sessions sessions, SignInThrottle throttle, boolean secureCookie) {
    this.users = users;
    this.sessions = sessions;
    this.throttle = throttle;
    this.secureCookie = secureCookie;
  }

  public void signIn(HttpExchange exchange) throws IOException {
    if (!HttpExchanges.requireMethod(exchange, HttpErrorFormat.JSON, "POST")) {
      return;
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 415, "sign in with a JSON body");
      return;
    }
    String user;
    char[] password;
    try {
      JsonNode body = JSON.readTree(HttpExchanges.readBody(exchange, MAX_BODY_BYTES));
      user = body == null ? null : body.path("user").asText(null);
      password = body == null || !body.path("password").isTextual() ? null
          : body.get("password").asText().toCharArray();
    } catch (HttpStatusException e) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, e.status(), e.getMessage());
      return;
    } catch (IOException e) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 400, "the body is not JSON");
      return;
    }
    if (user == null || password == null) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 400, "give a user and a password");
      return;
    }
    try {
      signIn(exchange, user, password);
    } finally {
      PasswordHasher.clear(password);
    }
  }

  private void signIn(HttpExchange exchange, String user, char[] password) throws IOException {
    String address = clientAddress(exchange);
    Optional<Duration> wait = throttle.wait(user, address);
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 429, "too many failed sign-ins: try again in "
          + seconds + " s");
      return;
    }
    Optional<User> signedIn;
    try {
      if (!checks.tryAcquire(10, TimeUnit.SECONDS)) {
        HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 503, "too many sign-ins at once: try again");
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 503, "the dashboard is stopping");
      return;
    }
    try {
      signedIn = users.authenticate(user, password);
    } finally {
      checks.release();
    }
    if (signedIn.isEmpty()) {
      throttle.failed(user, address);
      LOG.warn("Failed sign-in as '{}' from {}", printable(user), address);
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 401, "wrong user name or password");
      return;
    }
    throttle.succeeded(user);
    Session session = sessions.start(signedIn.get());
    LOG.info("{} ({}) signed in from {}", session.user(), session.role().label(), address);
    exchange.getResponseHeaders().add("Set-Cookie", cookie(session.token(), Sessions.LIFETIME.toSeconds()));
    HttpExchanges.send(exchange, 200, HttpExchanges.JSON, JSON.writeValueAsBytes(describe(session)));
  }

  public void signOut(HttpExchange exchange) throws IOException {
    if (!HttpExchanges.requireMethod(exchange, HttpErrorFormat.JSON, "POST")) {
      return;
    }
    AccessFilter.session(exchange).ifPresent(session -> {
      sessions.end(session);
      LOG.info("{} signed out", session.user());
    });
    exchange.getResponseHeaders().add("Set-Cookie", cookie("", 0));
    HttpExchanges.send(exchange, 200, HttpExchanges.JSON, "{\"signed_out\":true}");
  }

  public void session(HttpExchange exchange) throws IOException {
    if (HttpExchanges.requireMethod(exchange, HttpErrorFormat.JSON, "GET")) {
      Session session = AccessFilter.session(exchange).orElseThrow();
      HttpExchanges.send(exchange, 200, HttpExchanges.JSON, JSON.writeValueAsBytes(describe(session)));
    }
  }

  private static Map<String, String> describe(Session session) {
    Map<String, String> described = new LinkedHashMap<>();
    described.put("user", session.user());
    described.put("role", session.role().label());
    described.put("csrf_token", session.csrfToken());
    return described;
  }

  private String cookie(String value, long maxAgeSeconds) {
    return AccessFilter.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
        + (secureCookie ? "; Secure" : "");
  }

  /**
   * The client's address; behind a reverse proxy on this machine (a loopback peer), the first address of its
   * {@code X-Forwarded-For}, so the throttle counts clients rather than the proxy.
   */
  static String clientAddress(HttpExchange exchange) {
    String peer = exchange.getRemoteAddress().getAddress().getHostAddress();
    String forwarded = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
    if (forwarded != null && exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
      String first = forwarded.split(",")[0].strip();
      if (!first.isEmpty()) {
        return first;
      }
    }
    return peer;
  }

  private static String printable(String user) {
    String cut = user.length() > 64 ? user.substring(0, 64) : user;
    return cut.replaceAll("[^A-Za-z0-9._@-]", "?");
  }
}
