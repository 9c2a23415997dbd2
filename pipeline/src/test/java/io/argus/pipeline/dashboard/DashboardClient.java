package io.argus.pipeline.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.pipeline.dashboard.access.AccessFilter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A browser stand-in for the dashboard's HTTP tests: it signs in, keeps the session cookie and sends it back, and sends
 * the session's CSRF token with every state-changing request built through {@link #post} and {@link #delete}.
 */
final class DashboardClient {

  private final URI base;
  private final HttpClient client;
  private String csrfToken;
  private String sessionCookie;

  DashboardClient(URI base) {
    this.base = base;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Signs in and keeps the session; returns the answer. */
  HttpResponse<String> signIn(String user, String password) throws IOException, InterruptedException {
    HttpResponse<String> response = send(request("/api/login").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}")));
    if (response.statusCode() == 200) {
      csrfToken = json(response).get("csrf_token").asText();
    }
    return response;
  }

  /** Signs in as {@code user}, failing the test when that is refused. */
  DashboardClient signedInAs(String user, String password) throws IOException, InterruptedException {
    HttpResponse<String> response = signIn(user, password);
    if (response.statusCode() != 200) {
      throw new AssertionError("could not sign in as " + user + ": " + response.statusCode() + " " + response.body());
    }
    return this;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return send(withToken(request(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return send(withToken(request(path)).DELETE());
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpResponse<T> response = client.send(request.build(), handler);
    response.headers().firstValue("Set-Cookie").ifPresent(cookie -> {
      String pair = cookie.substring(0, cookie.indexOf(';'));
      sessionCookie = pair.endsWith("=") ? null : pair;
    });
    return response;
  }

  /** A request to {@code path} carrying the session cookie (when signed in). */
  HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(URI.create(path)))
        .timeout(Duration.ofSeconds(10));
    return sessionCookie == null ? request : request.header("Cookie", sessionCookie);
  }

  String csrfToken() {
    return csrfToken;
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return Json.read(response.body().getBytes(StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder withToken(HttpRequest.Builder request) {
    return csrfToken == null ? request : request.header(AccessFilter.CSRF_HEADER, csrfToken);
  }
}
