package io.argus.pipeline.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.common.Health;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RoleOperationsTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldAnswerHealthAndMetricsAndPrintTheReadyLineOnceWhenFirstUp() throws Exception {
    AtomicReference<Health> health = new AtomicReference<>(Health.notUp("REBALANCING", "not yet"));
    StringWriter out = new StringWriter();
    try (RoleMetrics metrics = RoleMetrics.create();
        RoleOperations surface = RoleOperations.start("validate", "127.0.0.1", 0, health::get, metrics::scrape,
            new PrintWriter(out))) {
      URI url = surface.url();
      assertThat(url.toString()).matches("http://127\\.0\\.0\\.1:\\d+");

      HttpResponse<String> waiting = get(url.resolve("/health"));
      assertThat(waiting.statusCode()).isEqualTo(503);
      assertThat(waiting.body()).isEqualTo("{\"status\":\"REBALANCING\",\"reason\":\"not yet\"}");
      assertThat(surface.ready().await(Duration.ofMillis(600))).isFalse();
      assertThat(out.toString()).isEmpty();

      health.set(Health.up(Map.of("streams", "RUNNING")));
      assertThat(surface.ready().await(Duration.ofSeconds(10))).isTrue();
      health.set(Health.notUp("REBALANCING"));
      Thread.sleep(500);
      health.set(Health.up(Map.of()));
      Thread.sleep(500);

      assertThat(out.toString()).isEqualTo(ReadyLine.text("validate", url) + System.lineSeparator());
      assertThat(ReadyLine.text("validate", url)).isEqualTo("argus validate ready ops=" + url);
      assertThat(get(url.resolve("/health")).statusCode()).isEqualTo(200);
      HttpResponse<String> page = get(url.resolve("/metrics"));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(page.body()).contains("jvm_memory_used_bytes", "process_uptime_seconds");
    }
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
