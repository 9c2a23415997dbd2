package io.argus.pipeline.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.argus.avro.RiskRule;
import io.argus.avro.RuleAction;
import io.argus.common.HttpErrorFormat;
import io.argus.common.HttpExchanges;
import io.argus.common.HttpStatusException;
import io.argus.pipeline.dashboard.access.AccessFilter;
import io.argus.pipeline.dashboard.access.Session;
import io.argus.pipeline.rules.BacktestReport;
import io.argus.pipeline.rules.RuleDraft;
import io.argus.scorer.rules.CompiledRule;
import io.argus.scorer.rules.RuleCompiler;
import io.argus.scorer.rules.RuleRejectedException;
import io.argus.scorer.rules.RuleVariables;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule editor over HTTP: {@code GET /api/rules} (the rules in force with their hits, recent changes, the names a
 * rule may use, whether backtests are available) and, for analysts, {@code POST /api/rules/check} (compile only),
 * {@code POST /api/rules/backtest} ({@code from}, {@code days}: the same report as {@code argus rules backtest}),
 * {@code POST /api/rules} (publish as the id's next version, authored by the signed-in analyst) and
 * {@code DELETE /api/rules/{id}} (retire). A rule is checked by the scorer's own compiler before anything is published:
 * one that does not compile or names an unknown feature is answered 400 with the compiler's message and never reaches
 * the topic.
 */
final class RuleEndpoints {

  private static final Logger LOG = LoggerFactory.getLogger(RuleEndpoints.class);
  private static final String PATH = "/api/rules";
  private static final int MAX_BODY_BYTES = 16_384;
  private static final int DEFAULT_BACKTEST_DAYS = 14;

  private final RuleBook book;
  private final RuleCompiler compiler;
  private final DashboardWrites writes;
  private final Backtests backtests;
  private final Clock clock;

  RuleEndpoints(RuleBook book, RuleCompiler compiler, DashboardWrites writes, Backtests backtests, Clock clock) {
    this.book = book;
    this.compiler = compiler;
    this.writes = writes;
    this.backtests = backtests;
    this.clock = clock;
  }

  void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    try {
      if (path.equals(PATH) && "GET".equals(method)) {
        HttpExchanges.send(exchange, 200, HttpExchanges.JSON, Json.write(overview()));
      } else if (path.equals(PATH) && "POST".equals(method)) {
        publish(exchange, body(exchange));
      } else if (path.equals(PATH + "/check") && "POST".equals(method)) {
        check(exchange, body(exchange));
      } else if (path.equals(PATH + "/backtest") && "POST".equals(method)) {
        backtest(exchange, body(exchange));
      } else if (path.startsWith(PATH + "/") && "DELETE".equals(method)) {
        retire(exchange, URLDecoder.decode(path.substring(PATH.length() + 1), StandardCharsets.UTF_8));
      } else if (path.equals(PATH) || path.equals(PATH + "/check") || path.equals(PATH + "/backtest")) {
        exchange.getResponseHeaders().set("Allow", path.equals(PATH) ? "GET, POST" : "POST");
        HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 405, method + " is not allowed on " + path);
      } else {
        HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 404, "no such endpoint: " + method + " " + path);
      }
    } catch (HttpStatusException e) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, e.status(), e.getMessage());
    }
  }

  private Map<String, Object> overview() {
    RuleBook.View view = book.view();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("rules", view.rules());
    answer.put("changes", view.changes());
    List<Map<String, String>> variables = new ArrayList<>();
    for (RuleVariables.Variable variable : compiler.variables().all()) {
      Map<String, String> described = new LinkedHashMap<>();
      described.put("name", variable.name());
      described.put("type", variable.type().name());
      described.put("description", variable.description());
      variables.add(described);
    }
    answer.put("variables", variables);
    Map<String, Object> backtest = new LinkedHashMap<>();
    backtest.put("available", backtests.available());
    backtest.put("model", backtests.registry() == null ? null : backtests.modelName());
    backtest.put("alert_threshold", backtests.alertThreshold());
    Optional<List<LocalDate>> days = backtests.storedDays();
    backtest.put("first_day", days.map(range -> range.get(0).toString()).orElse(null));
    backtest.put("last_day", days.map(range -> range.get(1).toString()).orElse(null));
    answer.put("backtest", backtest);
    return answer;
  }

  private void check(HttpExchange exchange, JsonNode body) throws IOException {
    try {
      RuleCompiler.Checked checked = compiler.check(body.path("expression").asText(""));
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("ok", true);
      answer.put("names", checked.names());
      HttpExchanges.send(exchange, 200, HttpExchanges.JSON, Json.write(answer));
    } catch (RuleRejectedException e) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 400, e.getMessage());
    }
  }

  private void backtest(HttpExchange exchange, JsonNode body) throws IOException {
    CompiledRule rule;
    LocalDate from;
    int days = body.path("days").asInt(DEFAULT_BACKTEST_DAYS);
    try {
      rule = compiler.compile(RiskRule.newBuilder().setId("backtest").setExpression(body.path("expression").asText(""))
          .setAction(action(body)).setAuthor(session(exchange).user()).setVersion(1).setPublishedAt(clock.instant())
          .build());
      from = LocalDate.parse(body.path("from").asText(""));
    } catch (RuleRejectedException e) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 400, e.getMessage().replaceFirst("^rule 'backtest': ",
          ""));
      return;
    } catch (DateTimeParseException e) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 400, "from is a day such as 2018-08-01, got '"
          + body.path("from").asText("") + "'");
      return;
    } catch (IllegalArgumentException e) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 400, e.getMessage());
      return;
    }
    Optional<BacktestReport> report;
    try {
      report = backtests.run(rule, compiler.variables(), from, days);
    } catch (IllegalArgumentException e) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, backtests.available() ? 400 : 503, e.getMessage());
      return;
    }
    if (report.isEmpty()) {
      exchange.getResponseHeaders().set("Retry-After", "5");
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 429, "another backtest is running: try again when it "
          + "ends");
      return;
    }
    HttpExchanges.send(exchange, 200, HttpExchanges.JSON, report.get().json());
  }

  private void publish(HttpExchange exchange, JsonNode body) throws IOException {
    Session analyst = session(exchange);
    String id = body.path("id").asText("");
    RiskRule rule;
    try {
      RuleCompiler.checkId(id);
      rule = new RuleDraft(id, body.path("expression").asText(""), action(body), body.path("description").asText(""))
          .toRule(compiler, analyst.user(), book.lastVersion(id), clock.instant());
    } catch (RuleRejectedException e) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 400, "refused, nothing published: " + e.getMessage());
      return;
    } catch (IllegalArgumentException e) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 400, e.getMessage());
      return;
    }
    try {
      writes.publish(rule);
    } catch (IllegalStateException e) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 502, "the rule was not published: " + e.getMessage());
      return;
    }
    book.onRule(rule);
    LOG.info("{} published rule {} v{} ({}: {})", analyst.user(), rule.getId(), rule.getVersion(), rule.getAction(),
        rule.getExpression());
    HttpExchanges.send(exchange, 200, HttpExchanges.JSON, Json.write(entry(rule)));
  }

  private void retire(HttpExchange exchange, String id) throws IOException {
    Session analyst = session(exchange);
    if (book.inForce(id).isEmpty()) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 404, "no rule '" + id + "' is in force");
      return;
    }
    try {
      writes.retire(id, analyst.user());
    } catch (IllegalStateException e) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 502, "the rule was not retired: " + e.getMessage());
      return;
    }
    book.onRetired(id, analyst.user(), clock.millis());
    LOG.info("{} retired rule {}", analyst.user(), id);
    HttpExchanges.send(exchange, 200, HttpExchanges.JSON, Json.write(Map.of("retired", id)));
  }

  private static Map<String, Object> entry(RiskRule rule) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", rule.getId());
    entry.put("version", rule.getVersion());
    entry.put("action", rule.getAction().name());
    entry.put("expression", rule.getExpression());
    entry.put("description", rule.getDescription());
    entry.put("author", rule.getAuthor());
    entry.put("published_at", rule.getPublishedAt().toEpochMilli());
    return entry;
  }

  private static RuleAction action(JsonNode body) {
    String text = body.path("action").asText("REVIEW");
    try {
      return RuleAction.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("an action is REVIEW, DECLINE or ALLOW, got '" + text + "'");
    }
  }

  private static Session session(HttpExchange exchange) {
    return AccessFilter.session(exchange).orElseThrow();
  }

  private static JsonNode body(HttpExchange exchange) {
    try {
      JsonNode body = Json.read(HttpExchanges.readBody(exchange, MAX_BODY_BYTES));
      if (body == null || !body.isObject()) {
        throw new HttpStatusException(400, "the body must be a JSON object");
      }
      return body;
    } catch (IOException e) {
      throw new HttpStatusException(400, "the body is not JSON: " + e.getMessage());
    }
  }
}
