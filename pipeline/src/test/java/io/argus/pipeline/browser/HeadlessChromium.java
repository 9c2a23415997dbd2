package io.argus.pipeline.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Headless Chromium driven through the Chrome DevTools Protocol over a WebSocket, with the JDK's own HTTP client: open a
 * page, evaluate JavaScript, take a screenshot. No WebDriver is needed, only Debian's {@code chromium}.
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final List<String> CANDIDATES = List.of("chromium", "chromium-browser", "google-chrome");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger nextId = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private HeadlessChromium(Process process, WebSocket socket) {
    this.process = process;
    this.socket = socket;
  }

  /**
   * Chromium with a fresh profile in {@code profile} and a {@code width x height} window. Where Chromium is not
   * installed or cannot start, the calling test is skipped with a message, or failed where the environment requires a
   * browser ({@link BrowserRequirement}: CI that installed Chromium).
   */
  public static HeadlessChromium startOrSkip(Path profile, int width, int height) throws Exception {
    return startOrSkip(find(), profile, width, height, BrowserRequirement.fromEnvironment(System.getenv()));
  }

  /** {@link #startOrSkip(Path, int, int)} with the executable found (or not) and the requirement given. */
  static HeadlessChromium startOrSkip(Optional<Path> chromium, Path profile, int width, int height,
      BrowserRequirement requirement) throws Exception {
    if (chromium.isEmpty()) {
      return requirement.unavailable("Chromium is not installed (apt-get install chromium)", null);
    }
    try {
      return start(chromium.get(), profile, width, height);
    } catch (IllegalStateException | IOException e) {
      return requirement.unavailable("Chromium at " + chromium.get() + " cannot start (" + e.getMessage() + ")", e);
    }
  }

  /** The Chromium executable on the PATH, if any. */
  public static Optional<Path> find() {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      for (String name : CANDIDATES) {
        Path candidate = Path.of(directory, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Starts the browser with a fresh profile in {@code profile} and a {@code width x height} window, and connects to
   * its page.
   */
  public static HeadlessChromium start(Path executable, Path profile, int width, int height) throws Exception {
    Process process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0",
        "--window-size=" + width + "," + height, "about:blank")
        .redirectErrorStream(true)
        .redirectOutput(profile.resolveSibling("chromium.log").toFile())
        .start();
    try {
      int port = devToolsPort(process, profile.resolve("DevToolsActivePort"));
      HttpClient client = HttpClient.newHttpClient();
      JsonNode targets = MAPPER.readTree(client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      String pageSocket = null;
      for (JsonNode target : targets) {
        if ("page".equals(target.path("type").asText())) {
          pageSocket = target.get("webSocketDebuggerUrl").asText();
        }
      }
      if (pageSocket == null) {
        throw new IllegalStateException("Chromium opened no page: " + targets);
      }
      Listener listener = new Listener();
      WebSocket socket = client.newWebSocketBuilder().buildAsync(URI.create(pageSocket), listener)
          .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      HeadlessChromium browser = new HeadlessChromium(process, socket);
      listener.browser = browser;
      return browser;
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Opens {@code url} and waits until the document has loaded. */
  public void open(URI url) throws Exception {
    call("Page.navigate", Map.of("url", url.toString()));
    await("the page to load", "document.readyState === 'complete'", JsonNode::asBoolean, Duration.ofSeconds(30));
  }

  /** The value of a JavaScript expression (promises awaited), as JSON. */
  public JsonNode evaluate(String expression) throws Exception {
    JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
        "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("JavaScript failed: " + expression + " -> " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /**
   * Evaluates {@code expression} until {@code condition} holds on its value, and returns that value. An evaluation cut
   * short because the page navigated (a sign-in moving to the dashboard while it is polled) counts as not yet.
   */
  public JsonNode await(String what, String expression, Predicate<JsonNode> condition, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode value = evaluateUnlessNavigating(expression);
    while (value == null || !condition.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; last value: "
            + (value == null ? "none, the page was navigating" : value));
      }
      Thread.sleep(200);
      value = evaluateUnlessNavigating(expression);
    }
    return value;
  }

  /** The value of {@code expression}, or {@code null} if the page navigated while it was evaluated. */
  private JsonNode evaluateUnlessNavigating(String expression) throws Exception {
    try {
      return evaluate(expression);
    } catch (IllegalStateException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("Inspected target navigated or closed")
          || message.contains("Execution context was destroyed")) {
        return null;
      }
      throw e;
    }
  }

  /** Saves a PNG of the whole page (not only the window) to {@code file}. */
  public void screenshot(Path file) throws Exception {
    JsonNode metrics = call("Page.getLayoutMetrics", Map.of());
    JsonNode size = metrics.path("cssContentSize");
    Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get("width").asDouble(),
        "height", size.get("height").asDouble(), "scale", 1);
    JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
        "clip", clip));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
  }

  @Override
  public void close() throws InterruptedException {
    socket.abort();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private JsonNode call(String method, Map<String, Object> params) throws Exception {
    int id = nextId.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = MAPPER.createObjectNode().put("id", id).put("method", method);
    message.set("params", MAPPER.valueToTree(params));
    socket.sendText(MAPPER.writeValueAsString(message), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    JsonNode reply = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  private static int devToolsPort(Process process, Path portFile) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(portFile)) {
        List<String> lines = Files.readAllLines(portFile);
        if (!lines.isEmpty() && !lines.get(0).isBlank()) {
          return Integer.parseInt(lines.get(0).strip());
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("Chromium exited with status " + process.exitValue() + " before it listened");
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("Chromium did not open its DevTools port in " + START_TIMEOUT.toSeconds() + " s");
  }

  /** Collects each message's text frames and completes the call with the same id; events are ignored. */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    private volatile HeadlessChromium browser;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode message = MAPPER.readTree(text.toString());
          CompletableFuture<JsonNode> answer = message.has("id") && browser != null
              ? browser.pending.remove(message.get("id").asInt()) : null;
          if (answer != null) {
            answer.complete(message);
          }
        } catch (IOException e) {
          throw new IllegalStateException("unreadable DevTools message", e);
        } finally {
          text.setLength(0);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
