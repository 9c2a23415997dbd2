package io.argus.pipeline.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.argus.avro.Alert;
import io.argus.avro.CaseDecision;
import io.argus.avro.FraudLabel;
import io.argus.avro.Verdict;
import io.argus.common.HttpErrorFormat;
import io.argus.common.HttpExchanges;
import io.argus.common.HttpStatusException;
import io.argus.pipeline.dashboard.access.AccessFilter;
import io.argus.pipeline.dashboard.access.Session;
import io.argus.scorer.rules.RuleOutcome;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Case review over HTTP: {@code GET /api/cases?status=open|fraud|legitimate} (open cases oldest first, decided ones
 * most recent first, at most {@value #LIST_LIMIT}), {@code GET /api/cases/{alertId}} (the case with its explanation,
 * the transaction's features and the card's recent transactions) and, for analysts,
 * {@code POST /api/cases/{alertId}/verdict} with {@code {"verdict": "FRAUD" | "LEGITIMATE", "reason": "..."}}: the
 * verdict becomes a {@code FraudLabel} reported now and a {@code CaseDecision} naming the signed-in analyst, written
 * together; the case leaves the queue. A case already decided answers 409 naming who decided it; an unknown one 404.
 */
final class CaseEndpoints {

  static final int LIST_LIMIT = 200;
  static final int MAX_REASON_LENGTH = 500;
  private static final Logger LOG = LoggerFactory.getLogger(CaseEndpoints.class);
  private static final String PATH = "/api/cases";
  private static final int MAX_BODY_BYTES = 8_192;

  private final CaseQueue queue;
  private final DashboardWrites writes;
  private final Clock clock;
  private final Object deciding = new Object();

  CaseEndpoints(CaseQueue queue, DashboardWrites writes, Clock clock) {
    this.queue = queue;
    this.writes = writes;
    this.clock = clock;
  }

  void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    List<String> parts = path.length() <= PATH.length() ? List.of()
        : Arrays.asList(path.substring(PATH.length() + 1).split("/", -1));
    if (parts.isEmpty() || parts.size() == 1 && parts.get(0).isEmpty()) {
      if (HttpExchanges.requireMethod(exchange, HttpErrorFormat.JSON, "GET")) {
        list(exchange);
      }
    } else if (parts.size() == 1) {
      if (HttpExchanges.requireMethod(exchange, HttpErrorFormat.JSON, "GET")) {
        detail(exchange, decode(parts.get(0)));
      }
    } else if (parts.size() == 2 && "verdict".equals(parts.get(1))) {
      if (HttpExchanges.requireMethod(exchange, HttpErrorFormat.JSON, "POST")) {
        verdict(exchange, decode(parts.get(0)));
      }
    } else {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 404, "no such endpoint: " + path);
    }
  }

  private void list(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    String status = "open";
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("status=")) {
          status = decode(pair.substring("status=".length()));
        }
      }
    }
    CaseQueue.Status wanted;
    try {
      wanted = CaseQueue.Status.parse(status);
    } catch (IllegalArgumentException e) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 400, e.getMessage());
      return;
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", wanted.name());
    answer.put("cases", queue.list(wanted, LIST_LIMIT));
    answer.put("summary", queue.summary(clock.millis()));
    HttpExchanges.send(exchange, 200, HttpExchanges.JSON, Json.write(answer));
  }

  private void detail(HttpExchange exchange, String alertId) throws IOException {
    Optional<CaseQueue.CaseDetail> detail = queue.detail(alertId);
    if (detail.isEmpty()) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 404, "no case for alert '" + alertId + "'");
      return;
    }
    HttpExchanges.send(exchange, 200, HttpExchanges.JSON, Json.write(detail.get()));
  }

  private void verdict(HttpExchange exchange, String alertId) throws IOException {
    Session analyst = AccessFilter.session(exchange).orElseThrow();
    Verdict verdict;
    String reason;
    try {
      JsonNode body = Json.read(HttpExchanges.readBody(exchange, MAX_BODY_BYTES));
      verdict = verdict(body == null ? "" : body.path("verdict").asText(""));
      reason = body.path("reason").asText("").strip();
      if (reason.isEmpty() || reason.length() > MAX_REASON_LENGTH) {
        throw new IllegalArgumentException("give a reason of 1 to " + MAX_REASON_LENGTH + " characters: it goes into "
            + "the audit trail");
      }
    } catch (HttpStatusException e) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, e.status(), e.getMessage());
      return;
    } catch (IOException | IllegalArgumentException e) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 400, e instanceof IOException
          ? "the body is not JSON" : e.getMessage());
      return;
    }
    CaseDecision decision;
    synchronized (deciding) {
      Optional<Alert> open = queue.openCase(alertId);
      if (open.isEmpty()) {
        Optional<CaseDecision> earlier = queue.decision(alertId);
        if (earlier.isPresent()) {
          HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 409, "alert '" + alertId + "' was already decided: "
              + earlier.get().getVerdict() + " by " + earlier.get().getAnalyst() + " at "
              + earlier.get().getDecidedAt());
        } else {
          HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 404, "no open case for alert '" + alertId + "'");
        }
        return;
      }
      Instant now = clock.instant();
      decision = decision(open.get(), verdict, reason, analyst.user(), now);
      try {
        writes.decide(label(open.get(), verdict, now), decision);
      } catch (IllegalStateException e) {
        LOG.error("Could not write {}'s verdict on {}: {}", analyst.user(), alertId, e.getMessage());
        HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 502, "the verdict was not recorded: "
            + e.getMessage());
        return;
      }
      queue.onDecision(decision);
    }
    LOG.info("{} decided {} on {} (transaction {})", analyst.user(), verdict, alertId, decision.getTransactionId());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("alert_id", alertId);
    answer.put("transaction_id", decision.getTransactionId());
    answer.put("verdict", verdict.name());
    answer.put("analyst", decision.getAnalyst());
    answer.put("decided_at", decision.getDecidedAt().toEpochMilli());
    HttpExchanges.send(exchange, 200, HttpExchanges.JSON, Json.write(answer));
  }

  private static Verdict verdict(String text) {
    switch (text.strip().toUpperCase(Locale.ROOT)) {
      case "FRAUD":
        return Verdict.FRAUD;
      case "LEGITIMATE":
        return Verdict.LEGITIMATE;
      default:
        throw new IllegalArgumentException("a verdict is FRAUD or LEGITIMATE, got '" + text + "'");
    }
  }

  /** The label the verdict stands for: reported now, like any delayed label. */
  static FraudLabel label(Alert alert, Verdict verdict, Instant now) {
    Map<String, String> references = alert.getReferences();
    return FraudLabel.newBuilder()
        .setTransactionId(transactionId(alert))
        .setCardToken(references.getOrDefault("cardToken", ""))
        .setCustomerId(references.getOrDefault("customerId", ""))
        .setTerminalId(references.getOrDefault("terminalId", ""))
        .setTransactionTime(CaseQueue.eventTime(alert))
        .setFraud(verdict == Verdict.FRAUD)
        .setScenario(0)
        .setReportedAt(now)
        .build();
  }

  /** The audit record: who decided what about which alert, when and why, and what raised the alert. */
  static CaseDecision decision(Alert alert, Verdict verdict, String reason, String analyst, Instant now) {
    Map<String, String> references = alert.getReferences();
    String rules = references.get(RuleOutcome.RULES_REFERENCE);
    return CaseDecision.newBuilder()
        .setDecisionId(UUID.randomUUID().toString())
        .setAlertId(alert.getAlertId())
        .setTransactionId(transactionId(alert))
        .setCardToken(references.getOrDefault("cardToken", ""))
        .setVerdict(verdict)
        .setReason(reason)
        .setAnalyst(analyst)
        .setDecidedAt(now)
        .setAlertCreatedAt(alert.getCreatedAt())
        .setScore(alert.getScore())
        .setModelName(references.getOrDefault("modelName", ""))
        .setModelVersion(references.getOrDefault("modelVersion", ""))
        .setModelAlerted(!"false".equals(references.get(RuleOutcome.MODEL_ALERT_REFERENCE)))
        .setRules(rules == null || rules.isBlank() ? List.of() : Arrays.asList(rules.split(",")))
        .build();
  }

  private static String transactionId(Alert alert) {
    String id = alert.getReferences().get(AlertFeed.TRANSACTION_REFERENCE);
    return id != null ? id : alert.getAlertId().replaceFirst("^fraud-", "");
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
