package io.argus.scorer.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.argus.features.FraudV1;
import io.argus.model.ModelInput;
import io.argus.scorer.DecisionThresholds;
import io.argus.scorer.bench.SyntheticFeatures;
import io.argus.scorer.explain.ExplainerConfig;
import io.argus.scorer.fixtures.LinearModel;
import io.argus.scorer.fixtures.Releases;
import io.argus.scorer.metrics.ScorerMetrics;
import io.argus.scorer.model.ModelHolder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScoringHttpServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FEATURES = FraudV1.FEATURE_SET.staticNames();
  private static final int AMOUNT = FEATURES.indexOf("TX_AMOUNT");

  private final List<ModelInput> background = SyntheticFeatures.sample(20, 4);
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient client = HttpClient.newHttpClient();
  private LinearModel model;
  private ModelHolder holder;
  private ScoringHttpServer server;

  @BeforeEach
  void start() {
    double[] weights = new double[FEATURES.size()];
    weights[AMOUNT] = 0.02;
    model = LinearModel.logistic(FEATURES, weights, -4);
    ScorerMetrics metrics = new ScorerMetrics(registry);
    holder = new ModelHolder(release -> Releases.loaded(model, background), FraudV1.FEATURE_SET,
        ExplainerConfig.DEFAULTS, alert -> { }, metrics, Clock.systemUTC());
    server = ScoringHttpServer.start(0, 2, holder, FraudV1.FEATURE_SET, DecisionThresholds.DEFAULTS, 3, metrics,
        registry::scrape);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldScoreAndExplainATransactionPostedAsJson() throws Exception {
    holder.adopt(Releases.champion("logistic", "v1"));
    ModelInput risky = withAmount(background.get(0), 500);

    HttpResponse<String> response = post("/score", request("t-42", risky).toString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("transaction_id").asText()).isEqualTo("t-42");
    assertThat(body.get("score").asDouble()).isCloseTo(model.score(risky), within(1e-12));
    assertThat(body.get("decision").asText()).isEqualTo("DECLINE");
    assertThat(body.get("alert").asBoolean()).isTrue();
    assertThat(body.at("/model/version").asText()).isEqualTo("v1");
    JsonNode contributions = body.at("/explanation/contributions");
    assertThat(contributions).hasSize(3);
    assertThat(contributions.get(0).get("name").asText()).isEqualTo("amount");
    assertThat(body.at("/explanation/base_value").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void shouldNotExplainALowScore() throws Exception {
    holder.adopt(Releases.champion("logistic", "v1"));

    HttpResponse<String> response = post("/score", request("t-1", withAmount(background.get(0), 5)).toString());

    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("decision").asText()).isEqualTo("APPROVE");
    assertThat(body.get("explanation").isNull()).isTrue();
  }

  @Test
  void shouldAnswerBadJsonWithA400SayingSo() throws Exception {
    holder.adopt(Releases.champion("logistic", "v1"));

    HttpResponse<String> response = post("/score", "{\"features\": ");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(response.body()).startsWith("the body is not valid JSON");
  }

  @Test
  void shouldAnswerAMissingFeatureWithA400NamingIt() throws Exception {
    holder.adopt(Releases.champion("logistic", "v1"));
    ObjectNode request = request("t-1", background.get(0));
    ((ObjectNode) request.get("features")).remove("CARD_NB_TX_1HOUR_WINDOW");

    HttpResponse<String> response = post("/score", request.toString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("\"features\" is missing feature CARD_NB_TX_1HOUR_WINDOW");
  }

  @Test
  void shouldAnswerAValueThatIsNotANumberWithA400NamingIt() throws Exception {
    holder.adopt(Releases.champion("logistic", "v1"));
    ObjectNode request = request("t-1", background.get(0));
    ((ObjectNode) request.get("sequence").get(9)).put("SEQ_AMOUNT", "12.50");

    HttpResponse<String> response = post("/score", request.toString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"sequence[9]\" feature SEQ_AMOUNT must be a number", "\"12.50\"");
  }

  @Test
  void shouldAnswerAnUnknownFeatureWithA400NamingIt() throws Exception {
    holder.adopt(Releases.champion("logistic", "v1"));
    ObjectNode request = request("t-1", background.get(0));
    ((ObjectNode) request.get("features")).put("TX_AMOUNT_USD", 3.0);

    HttpResponse<String> response = post("/score", request.toString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("unknown feature TX_AMOUNT_USD");
  }

  @Test
  void shouldAnswer503UntilAModelIsServed() throws Exception {
    HttpResponse<String> response = post("/score", request("t-1", background.get(0)).toString());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("no model is served yet: waiting for a champion on model-releases");
    HttpResponse<String> waiting = get("/health");
    assertThat(waiting.statusCode()).isEqualTo(503);
    assertThat(waiting.body()).isEqualTo("{\"status\":\"WAITING_FOR_MODEL\"}");
    holder.adopt(Releases.champion("logistic", "v1"));
    HttpResponse<String> up = get("/health");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(up.body()).isEqualTo("{\"status\":\"UP\",\"model\":\"logistic\",\"version\":\"v1\"}");
  }

  @Test
  void shouldServeMetricsInThePrometheusTextFormat() throws Exception {
    holder.adopt(Releases.champion("logistic", "v1"));
    post("/score", request("t-1", withAmount(background.get(0), 500)).toString());

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body()).contains("argus_scorer_latency_seconds_bucket{stage=\"model\"",
        "argus_scorer_latency_seconds_count{stage=\"explain\"} 1", "argus_scorer_model_swaps_total 1.0");
  }

  @Test
  void shouldAnswerAWrongMethodWith405NamingTheAllowedOne() throws Exception {
    HttpResponse<String> scoreByGet = get("/score");
    HttpResponse<String> healthByPost = post("/health", "{}");

    assertThat(scoreByGet.statusCode()).isEqualTo(405);
    assertThat(scoreByGet.headers().firstValue("Allow")).hasValue("POST");
    assertThat(healthByPost.statusCode()).isEqualTo(405);
    assertThat(healthByPost.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void shouldAnswerABodyOverTheLimitWith413() throws Exception {
    holder.adopt(Releases.champion("logistic", "v1"));

    HttpResponse<String> response = post("/score", " ".repeat(ScoringHttpServer.MAX_BODY_BYTES + 1));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).isEqualTo("the request body is larger than 65536 bytes");
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static ObjectNode request(String transactionId, ModelInput input) {
    ObjectNode request = JSON.createObjectNode().put("transaction_id", transactionId);
    ObjectNode features = request.putObject("features");
    for (int i = 0; i < FEATURES.size(); i++) {
      features.put(FEATURES.get(i), input.values()[i]);
    }
    ArrayNode sequence = request.putArray("sequence");
    List<String> stepNames = FraudV1.FEATURE_SET.sequenceStepNames();
    for (double[] step : input.sequence()) {
      ObjectNode item = sequence.addObject();
      for (int i = 0; i < stepNames.size(); i++) {
        item.put(stepNames.get(i), step[i]);
      }
    }
    return request;
  }

  private static ModelInput withAmount(ModelInput input, double amount) {
    ModelInput copy = input.copy();
    copy.values()[AMOUNT] = amount;
    return copy;
  }
}
