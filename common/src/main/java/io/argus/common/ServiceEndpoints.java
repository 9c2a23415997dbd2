package io.argus.common;

import com.sun.net.httpserver.HttpServer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The two endpoints any Argus role can mount on its HTTP server, the same everywhere: {@code GET /health} ({@link
 * Health} as JSON, 200 when up and 503 otherwise, for load balancers and orchestrators) and {@code GET /metrics}
 * (the Prometheus text format, for example a Micrometer {@code PrometheusMeterRegistry::scrape}). Errors (a wrong
 * method) are plain text.
 */
public final class ServiceEndpoints {

  public static final String HEALTH_PATH = "/health";
  public static final String METRICS_PATH = "/metrics";

  private ServiceEndpoints() {
  }

  /**
   * Mounts {@code /health} and {@code /metrics} on {@code server}.
   *
   * @param health asked on every request
   * @param prometheusText the metrics page, asked on every request
   */
  public static void mount(HttpServer server, Supplier<Health> health, Supplier<String> prometheusText) {
    server.createContext(HEALTH_PATH, HttpExchanges.handler("GET", HttpErrorFormat.TEXT, exchange -> {
      Health current = health.get();
      return HttpReply.json(current.httpStatus(), current.json());
    }));
    server.createContext(METRICS_PATH, HttpExchanges.handler("GET", HttpErrorFormat.TEXT, exchange ->
        new HttpReply(200, HttpExchanges.PROMETHEUS_TEXT,
            prometheusText.get().getBytes(StandardCharsets.UTF_8))));
  }
}
