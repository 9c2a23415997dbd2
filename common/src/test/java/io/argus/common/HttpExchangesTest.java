package io.argus.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpExchangesTest {

  private static final int MAX_BODY_BYTES = 1024;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicReference<Health> health = new AtomicReference<>(Health.notUp("WAITING_FOR_MODEL"));
  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/echo", HttpExchanges.handler("POST", HttpErrorFormat.JSON,
        exchange -> HttpReply.text(200, new String(HttpExchanges.readBody(exchange, MAX_BODY_BYTES),
            StandardCharsets.UTF_8))));
    server.createContext("/refuse", HttpExchanges.handler("GET", HttpErrorFormat.TEXT, exchange -> {
      throw new HttpStatusException(409, "already \"done\"");
    }));
    server.createContext("/fail", HttpExchanges.handler("GET", HttpErrorFormat.JSON, exchange -> {
      throw new IllegalStateException("broken");
    }));
    server.createContext("/empty", HttpExchanges.handler("GET", HttpErrorFormat.JSON,
        exchange -> new HttpReply(204, HttpExchanges.TEXT, new byte[0])));
    ServiceEndpoints.mount(server, health::get, () -> "# TYPE argus_up gauge\nargus_up 1.0\n");
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void shouldSendTheBodyWithItsTypeAndTheSafeHeaders() throws Exception {
    HttpResponse<String> response = post("/echo", "héllo");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("héllo");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void shouldAnswerAWrongMethodWith405AndTheAllowedOne() throws Exception {
    HttpResponse<String> jsonEndpoint = get("/echo");
    HttpResponse<String> textEndpoint = post("/refuse", "{}");

    assertThat(jsonEndpoint.statusCode()).isEqualTo(405);
    assertThat(jsonEndpoint.headers().firstValue("Allow")).hasValue("POST");
    assertThat(jsonEndpoint.headers().firstValue("Content-Type")).hasValue(HttpExchanges.JSON);
    assertThat(jsonEndpoint.body()).isEqualTo("{\"error\":\"GET is not supported on /echo; use POST\"}");
    assertThat(textEndpoint.statusCode()).isEqualTo(405);
    assertThat(textEndpoint.headers().firstValue("Allow")).hasValue("GET");
    assertThat(textEndpoint.headers().firstValue("Content-Type")).hasValue(HttpExchanges.TEXT);
    assertThat(textEndpoint.body()).isEqualTo("POST is not supported on /refuse; use GET");
  }

  @Test
  void shouldAnswerABodyOverTheLimitWith413() throws Exception {
    HttpResponse<String> atTheLimit = post("/echo", "x".repeat(MAX_BODY_BYTES));
    HttpResponse<String> overTheLimit = post("/echo", "x".repeat(MAX_BODY_BYTES + 1));

    assertThat(atTheLimit.statusCode()).isEqualTo(200);
    assertThat(atTheLimit.body()).hasSize(MAX_BODY_BYTES);
    assertThat(overTheLimit.statusCode()).isEqualTo(413);
    assertThat(overTheLimit.headers().firstValue("Content-Type")).hasValue(HttpExchanges.JSON);
    assertThat(overTheLimit.body()).isEqualTo("{\"error\":\"the request body is larger than 1024 bytes\"}");
  }

  @Test
  void shouldLetAClientStillSendingAFarLargerBodyReadThe413() throws Exception {
    HttpResponse<String> response = post("/echo", "x".repeat(HttpExchanges.DISCARDED_BYTES / 2));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("larger than 1024 bytes");
  }

  @Test
  void shouldAnswerAStatusExceptionWithItsStatusAndMessage() throws Exception {
    HttpResponse<String> response = get("/refuse");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(HttpExchanges.TEXT);
    assertThat(response.body()).isEqualTo("already \"done\"");
  }

  @Test
  void shouldAnswerAnyOtherFailureWith500() throws Exception {
    HttpResponse<String> response = get("/fail");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).isEqualTo("{\"error\":\"internal error: java.lang.IllegalStateException: broken\"}");
  }

  @Test
  void shouldSendAnEmptyBodyAsNone() throws Exception {
    HttpResponse<String> response = get("/empty");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void shouldAnswerHealthWith503UntilUpAndThen200WithTheDetails() throws Exception {
    HttpResponse<String> waiting = get("/health");
    health.set(Health.up(Map.of("model", "lstm")));
    HttpResponse<String> up = get("/health");

    assertThat(waiting.statusCode()).isEqualTo(503);
    assertThat(waiting.headers().firstValue("Content-Type")).hasValue(HttpExchanges.JSON);
    assertThat(waiting.body()).isEqualTo("{\"status\":\"WAITING_FOR_MODEL\"}");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.body()).isEqualTo("{\"status\":\"UP\",\"model\":\"lstm\"}");
  }

  @Test
  void shouldServeMetricsInThePrometheusTextFormat() throws Exception {
    HttpResponse<String> response = get("/metrics");
    HttpResponse<String> posted = post("/metrics", "");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body()).contains("argus_up 1.0");
    assertThat(posted.statusCode()).isEqualTo(405);
    assertThat(posted.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void shouldEscapeErrorMessagesAsJsonStrings() {
    String body = new String(HttpErrorFormat.JSON.body("a \"quote\", a \\ and\na line\u0001"), StandardCharsets.UTF_8);

    assertThat(body).isEqualTo("{\"error\":\"a \\\"quote\\\", a \\\\ and\\na line\\u0001\"}");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return client.send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
        .timeout(Duration.ofSeconds(10));
  }
}
