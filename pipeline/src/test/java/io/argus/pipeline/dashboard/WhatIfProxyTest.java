package io.argus.pipeline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WhatIfProxyTest {

  private static final String FEATURES = "{\"transaction_id\":\"t-1\",\"features\":{\"TX_AMOUNT\":950.0},\"sequence\":[]}";
  private static final String SCORED = "{\"transaction_id\":\"t-1\",\"score\":0.12,\"decision\":\"APPROVE\","
      + "\"explanation\":{\"base_value\":0.03,\"contributions\":[{\"name\":\"TX_AMOUNT\",\"value\":0.09,"
      + "\"feature_value\":950.0}]}}";

  private final FakeScorer scorer = new FakeScorer();

  @AfterEach
  void stopScorer() {
    scorer.close();
  }

  @Test
  void shouldForwardTheFeaturesToTheScorerAndReturnItsAnswer() throws IOException {
    scorer.answer(200, SCORED);

    WhatIfProxy.Answer answer = proxy(scorer.url()).forward(bytes(FEATURES));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(text(answer)).isEqualTo(SCORED);
    assertThat(scorer.lastPath()).isEqualTo("/score");
    assertThat(scorer.lastRequest()).isEqualTo(FEATURES);
  }

  @Test
  void shouldCallScoreUnderTheGivenBaseUrlWithOrWithoutATrailingSlash() throws IOException {
    scorer.answer(200, SCORED);

    proxy(URI.create(scorer.url() + "/")).forward(bytes(FEATURES));

    assertThat(scorer.lastPath()).isEqualTo("/score");
  }

  @Test
  void shouldSayHowToConfigureAScorerWhenThereIsNone() throws IOException {
    WhatIfProxy.Answer answer = proxy(null).forward(bytes(FEATURES));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(error(answer)).contains("No scorer is configured").contains("--scorer-url");
  }

  @Test
  void shouldRejectABodyThatIsNotAJsonObjectWithoutCallingTheScorer() throws IOException {
    WhatIfProxy.Answer notJson = proxy(scorer.url()).forward(bytes("{\"values\": "));
    WhatIfProxy.Answer notAnObject = proxy(scorer.url()).forward(bytes("[1, 2]"));

    assertThat(notJson.status()).isEqualTo(400);
    assertThat(error(notJson)).contains("not valid JSON");
    assertThat(notAnObject.status()).isEqualTo(400);
    assertThat(error(notAnObject)).contains("must be a JSON object");
    assertThat(scorer.lastRequest()).isNull();
  }

  @Test
  void shouldPassOnTheScorersRejectionWithItsMessage() throws IOException {
    scorer.answer(400, "\"features\" is missing feature TX_AMOUNT");

    WhatIfProxy.Answer answer = proxy(scorer.url()).forward(bytes(FEATURES));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(error(answer))
        .isEqualTo("The scorer rejected these features (HTTP 400): \"features\" is missing feature TX_AMOUNT");
  }

  @Test
  void shouldReportAScorerFailureAsBadGateway() throws IOException {
    scorer.answer(500, "model not loaded");

    WhatIfProxy.Answer answer = proxy(scorer.url()).forward(bytes(FEATURES));

    assertThat(answer.status()).isEqualTo(502);
    assertThat(error(answer)).contains("The scorer failed (HTTP 500): model not loaded");
  }

  @Test
  void shouldReportAnAnswerThatIsNotJson() throws IOException {
    scorer.answer(200, "<html>proxy login</html>");

    WhatIfProxy.Answer answer = proxy(scorer.url()).forward(bytes(FEATURES));

    assertThat(answer.status()).isEqualTo(502);
    assertThat(error(answer)).contains("not a JSON object");
  }

  @Test
  void shouldReportAnUnreachableScorer() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    WhatIfProxy.Answer answer = proxy(URI.create("http://127.0.0.1:" + closedPort)).forward(bytes(FEATURES));

    assertThat(answer.status()).isEqualTo(502);
    assertThat(error(answer)).contains("is unreachable").contains(":" + closedPort + "/score");
  }

  @Test
  void shouldGiveUpOnAScorerThatIsTooSlow() throws IOException {
    scorer.answer(200, SCORED).delay(Duration.ofSeconds(3));

    WhatIfProxy.Answer answer = new WhatIfProxy(scorer.url(), Duration.ofMillis(300)).forward(bytes(FEATURES));

    assertThat(answer.status()).isEqualTo(504);
    assertThat(error(answer)).contains("did not answer within 300 ms");
  }

  private static WhatIfProxy proxy(URI scorerUrl) {
    return new WhatIfProxy(scorerUrl, Duration.ofSeconds(5));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(WhatIfProxy.Answer answer) {
    return new String(answer.json(), StandardCharsets.UTF_8);
  }

  /** The message of an error answer, {@code {"error": message}}. */
  private static String error(WhatIfProxy.Answer answer) throws IOException {
    return Json.read(answer.json()).get("error").asText();
  }
}
