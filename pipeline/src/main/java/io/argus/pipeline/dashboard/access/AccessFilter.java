package io.argus.pipeline.dashboard.access;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.argus.common.HttpErrorFormat;
import io.argus.common.HttpExchanges;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Stands before every dashboard endpoint. It sets the security headers of every answer (a content security policy
 * that allows only the dashboard's own scripts and no framing, {@code nosniff}, {@code X-Frame-Options: DENY}, no
 * referrer; {@code HttpExchanges} adds {@code Cache-Control: no-cache}), then asks the {@link Policy} what the request
 * needs:
 * <ul>
 *   <li>{@code PUBLIC} — the sign-in page and its assets, and signing in;
 *   <li>{@code SIGNED_IN} — a session cookie naming a live session; without one, a page is redirected to the sign-in
 *       page and the API answers 401;
 *   <li>{@code ANALYST} — a signed-in analyst; a viewer gets 403 from the server, whatever the page shows.
 * </ul>
 * Every state-changing request (POST, PUT, PATCH, DELETE) of a session must also carry the session's CSRF token in
 * the {@value #CSRF_HEADER} header (compared in constant time), and any request with an {@code Origin} header must come
 * from the dashboard's own origin; otherwise 403. With the cookie's {@code SameSite=Strict}, that is two independent
 * defences against cross-site requests.
 */
public final class AccessFilter extends Filter {

  public static final String COOKIE = "argus_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final String SIGN_IN_PAGE = "/login.html";
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
  private static final String SESSION_ATTRIBUTE = "io.argus.dashboard.session";
  private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

  /** What a request needs. */
  public enum Access { PUBLIC, SIGNED_IN, ANALYST }

  /** What each method and path needs. */
  public interface Policy {
    Access of(String method, String path);
  }

  private final Sessions sessions;
  private final Policy policy;

  public AccessFilter(Sessions sessions, Policy policy) {
    this.sessions = sessions;
    this.policy = policy;
  }

  /** The session the filter found for this request (present on every SIGNED_IN and ANALYST endpoint). */
  public static Optional<Session> session(HttpExchange exchange) {
    return Optional.ofNullable((Session) exchange.getAttribute(SESSION_ATTRIBUTE));
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    boolean stateChanging = STATE_CHANGING.contains(method);
    if (stateChanging && !sameOrigin(exchange)) {
      refuse(exchange, 403, "cross-origin request refused");
      return;
    }
    Access access = policy.of(method, path);
    if (access == Access.PUBLIC) {
      chain.doFilter(exchange);
      return;
    }
    Optional<Session> session = sessions.find(cookie(exchange));
    if (session.isEmpty()) {
      if ("GET".equals(method) && !path.startsWith("/api/") && !path.equals("/events")) {
        headers.set("Location", SIGN_IN_PAGE);
        exchange.sendResponseHeaders(303, -1);
        exchange.close();
      } else {
        refuse(exchange, 401, "sign in first");
      }
      return;
    }
    if (stateChanging && !csrfTokenMatches(exchange, session.get())) {
      refuse(exchange, 403, "missing or wrong " + CSRF_HEADER + " header: reload the page");
      return;
    }
    if (!session.get().role().allows(access == Access.ANALYST ? Role.ANALYST : Role.VIEWER)) {
      refuse(exchange, 403, session.get().user() + " is a viewer: only analysts decide cases and edit rules");
      return;
    }
    exchange.setAttribute(SESSION_ATTRIBUTE, session.get());
    chain.doFilter(exchange);
  }

  @Override
  public String description() {
    return "Argus dashboard sign-in, roles and CSRF checks";
  }

  /** The session cookie's value, or null. */
  static String cookie(HttpExchange exchange) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
      for (String pair : header.split(";")) {
        String trimmed = pair.strip();
        if (trimmed.startsWith(COOKIE + "=")) {
          return trimmed.substring(COOKIE.length() + 1);
        }
      }
    }
    return null;
  }

  /** True without an {@code Origin} header (not a browser's cross-site request), or when it names this host. */
  static boolean sameOrigin(HttpExchange exchange) {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin == null) {
      return true;
    }
    String host = exchange.getRequestHeaders().getFirst("Host");
    try {
      URI uri = URI.create(origin);
      String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return host != null && uri.getHost() != null && (originHost.equalsIgnoreCase(host)
          || uri.getHost().equalsIgnoreCase(host));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean csrfTokenMatches(HttpExchange exchange, Session session) {
    String sent = exchange.getRequestHeaders().getFirst(CSRF_HEADER);
    return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
        session.csrfToken().getBytes(StandardCharsets.UTF_8));
  }

  private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
    HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, status, message);
  }
}
