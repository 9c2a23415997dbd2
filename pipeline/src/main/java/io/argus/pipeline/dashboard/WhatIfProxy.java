package io.argus.pipeline.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.common.HttpErrorFormat;
import io.argus.common.HttpExchanges;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code POST /api/whatif}: forwards the what-if panel's features to the scorer's synchronous API
 * ({@code POST {scorerUrl}/score}) so the browser talks to one origin, and turns every way that can fail into a
 * JSON error the panel shows: no scorer configured (503), a body that is not a JSON object (400), a scorer that is
 * unreachable (502) or too slow (504), a scorer that rejects the input (its 4xx and message) or fails (502).
 */
final class WhatIfProxy {

  /**
   * The largest request body accepted (the dashboard answers 413 beyond it): a fraud_v1 vector with its sequence is
   * a few kilobytes.
   */
  static final int MAX_BODY_BYTES = 64 * 1024;
  private static final int MAX_MESSAGE_CHARS = 300;

  /** What the dashboard answers the browser. */
  record Answer(int status, byte[] json) {
    static Answer error(int status, String message) {
      return new Answer(status, HttpErrorFormat.JSON.body(message));
    }
  }

  private final URI scoreEndpoint;
  private final Duration timeout;
  private final HttpClient client;

  /** {@code scorerUrl} may be {@code null}: every request then answers that no scorer is configured. */
  WhatIfProxy(URI scorerUrl, Duration timeout) {
    this.scoreEndpoint = scorerUrl == null ? null
        : URI.create(scorerUrl.toString().replaceAll("/+$", "") + "/score");
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
  }

  Answer forward(byte[] body) {
    if (scoreEndpoint == null) {
      return Answer.error(503, "No scorer is configured: start the dashboard with --scorer-url http://HOST:PORT "
          + "(the HTTP port of argus score) to rescore transactions here.");
    }
    String problem = notAJsonObject(body);
    if (problem != null) {
      return Answer.error(400, problem);
    }
    HttpRequest request = HttpRequest.newBuilder(scoreEndpoint)
        .timeout(timeout)
        .header("Content-Type", HttpExchanges.JSON)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    try {
      return answer(client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
    } catch (HttpTimeoutException e) {
      return Answer.error(504, "The scorer at " + scoreEndpoint + " did not answer within " + timeout.toMillis()
          + " ms.");
    } catch (ConnectException e) {
      return Answer.error(502, "The scorer at " + scoreEndpoint + " is unreachable (" + describe(e)
          + "): is argus score running there?");
    } catch (IOException e) {
      return Answer.error(502, "The call to the scorer at " + scoreEndpoint + " failed: " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.error(503, "The dashboard is shutting down.");
    }
  }

  private Answer answer(HttpResponse<byte[]> response) {
    int status = response.statusCode();
    String text = new String(response.body(), StandardCharsets.UTF_8);
    if (status >= 200 && status < 300) {
      return notAJsonObject(response.body()) == null ? new Answer(200, response.body())
          : Answer.error(502, "The scorer answered something that is not a JSON object: " + shorten(text));
    }
    String message = messageOf(response.body(), text);
    if (status >= 400 && status < 500) {
      return Answer.error(status, "The scorer rejected these features (HTTP " + status + "): " + message);
    }
    return Answer.error(502, "The scorer failed (HTTP " + status + "): " + message);
  }

  /** The {@code error} or {@code message} field of a JSON error body, else the body (plain text) itself, shortened. */
  private static String messageOf(byte[] body, String text) {
    try {
      JsonNode json = Json.read(body);
      for (String field : new String[] {"error", "message"}) {
        if (json.hasNonNull(field)) {
          return shorten(json.get(field).asText());
        }
      }
    } catch (IOException e) {
      // Not JSON: the text itself is the message.
    }
    return text.isBlank() ? "no message" : shorten(text);
  }

  /** {@code null} when {@code body} is a JSON object, else what is wrong with it. */
  private static String notAJsonObject(byte[] body) {
    try {
      JsonNode json = Json.read(body);
      return json != null && json.isObject() ? null : "the request body must be a JSON object of features";
    } catch (IOException e) {
      return "the request body is not valid JSON: " + shorten(e.getMessage());
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String shorten(String text) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_MESSAGE_CHARS ? oneLine : oneLine.substring(0, MAX_MESSAGE_CHARS) + "...";
  }
}
