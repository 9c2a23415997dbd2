package io.argus.pipeline.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.argus.common.HttpErrorFormat;
import io.argus.common.HttpExchanges;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The page's files, read once from the classpath: the dashboard's own HTML, JavaScript and CSS, and the ECharts
 * library from its WebJar (found through the WebJar's Maven properties, so a version upgrade needs no code change).
 * Only the listed paths are served; nothing is fetched from the internet. (The content security policy and the other
 * security headers are set by the access filter, for every answer.)
 */
final class StaticAssets implements HttpHandler {

  private static final String ECHARTS_PROPERTIES = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

  private record Asset(String contentType, byte[] content) {
  }

  private final Map<String, Asset> assets;

  StaticAssets() {
    assets = Map.of(
        "/", new Asset("text/html; charset=utf-8", read("dashboard/index.html")),
        "/login.html", new Asset("text/html; charset=utf-8", read("dashboard/login.html")),
        "/login.js", new Asset("text/javascript; charset=utf-8", read("dashboard/login.js")),
        "/app.js", new Asset("text/javascript; charset=utf-8", read("dashboard/app.js")),
        "/style.css", new Asset("text/css; charset=utf-8", read("dashboard/style.css")),
        "/vendor/echarts.min.js", new Asset("text/javascript; charset=utf-8", read(echartsPath())));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Asset asset = assets.get(exchange.getRequestURI().getPath());
    if (asset == null) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 404, "no such page: "
          + exchange.getRequestURI().getPath());
      return;
    }
    if (HttpExchanges.requireMethod(exchange, HttpErrorFormat.JSON, "GET")) {
      HttpExchanges.send(exchange, 200, asset.contentType(), asset.content());
    }
  }

  private static String echartsPath() {
    Properties properties = new Properties();
    try (InputStream input = resource(ECHARTS_PROPERTIES)) {
      properties.load(input);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ECHARTS_PROPERTIES, e);
    }
    return "META-INF/resources/webjars/echarts/" + properties.getProperty("version") + "/dist/echarts.min.js";
  }

  private static byte[] read(String path) {
    try (InputStream input = resource(path)) {
      return input.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard resource " + path, e);
    }
  }

  private static InputStream resource(String path) {
    InputStream input = StaticAssets.class.getClassLoader().getResourceAsStream(path);
    if (input == null) {
      throw new IllegalStateException("the dashboard resource " + path + " is not on the classpath");
    }
    return input;
  }
}
