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

  private static final String FEATURES = "{\"transactionId\":\"t-1\",\"values\":{\"TX_AMOUNT\":950.0},\"sequence\":[]}";
  private static final String SCORED = "{\"score\":0.12,\"decision\":\"APPROVE\",\"baseValue\":0.03,"
      + "\"contributions\":[{\"name\":\"TX_AMOUNT\",\"value\":0.09,\"featureValue\":950.0}]}";

  private final FakeScorer scorer = new FakeScorer();

  @AfterEach
  void stopScorer() {
    scorer.close();
  }

  @Test
  void shouldForwardTheFeaturesToTheScorerAndReturnItsAnswer() {
    scorer.answer(200, SCORED);

    WhatIfProxy.Answer answer = proxy(scorer.url()).forward(bytes(FEATURES));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(text(answer)).isEqualTo(SCORED);
    assertThat(scorer.lastPath()).isEqualTo("/score");
    assertThat(scorer.lastRequest()).isEqualTo(FEATURES);
  }

  @Test
  void shouldCallScoreUnderTheGivenBaseUrlWithOrWithoutATrailingSlash() {
    scorer.answer(200, SCORED);

    proxy(URI.create(scorer.url() + "/")).forward(bytes(FEATURES));

    assertThat(scorer.lastPath()).isEqualTo("/score");
  }

  @Test
  void shouldSayHowToConfigureAScorerWhenThereIsNone() {
    WhatIfProxy.Answer answer = proxy(null).forward(bytes(FEATURES));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(text(answer)).contains("No scorer is configured").contains("--scorer-url");
  }

  @Test
  void shouldRejectABodyThatIsNotAJsonObjectWithoutCallingTheScorer() {
    WhatIfProxy.Answer notJson = proxy(scorer.url()).forward(bytes("{\"values\": "));
    WhatIfProxy.Answer notAnObject = proxy(scorer.url()).forward(bytes("[1, 2]"));

    assertThat(notJson.status()).isEqualTo(400);
    assertThat(text(notJson)).contains("not valid JSON");
    assertThat(notAnObject.status()).isEqualTo(400);
    assertThat(text(notAnObject)).contains("must be a JSON object");
    assertThat(scorer.lastRequest()).isNull();
  }

  @Test
  void shouldRefuseABodyOverTheLimit() {
    byte[] large = new byte[WhatIfProxy.MAX_BODY_BYTES + 1];

    WhatIfProxy.Answer answer = proxy(scorer.url()).forward(large);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(scorer.lastRequest()).isNull();
  }

  @Test
  void shouldPassOnTheScorersRejectionWithItsMessage() {
    scorer.answer(400, "{\"error\":\"missing feature TX_AMOUNT\"}");

    WhatIfProxy.Answer answer = proxy(scorer.url()).forward(bytes(FEATURES));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(text(answer)).contains("The scorer rejected these features (HTTP 400): missing feature TX_AMOUNT");
  }

  @Test
  void shouldReportAScorerFailureAsBadGateway() {
    scorer.answer(500, "model not loaded");

    WhatIfProxy.Answer answer = proxy(scorer.url()).forward(bytes(FEATURES));

    assertThat(answer.status()).isEqualTo(502);
    assertThat(text(answer)).contains("The scorer failed (HTTP 500): model not loaded");
  }

  @Test
  void shouldReportAnAnswerThatIsNotJson() {
    scorer.answer(200, "<html>proxy login</html>");

    WhatIfProxy.Answer answer = proxy(scorer.url()).forward(bytes(FEATURES));

    assertThat(answer.status()).isEqualTo(502);
    assertThat(text(answer)).contains("not a JSON object");
  }

  @Test
  void shouldReportAnUnreachableScorer() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    WhatIfProxy.Answer answer = proxy(URI.create("http://127.0.0.1:" + closedPort)).forward(bytes(FEATURES));

    assertThat(answer.status()).isEqualTo(502);
    assertThat(text(answer)).contains("is unreachable").contains(":" + closedPort + "/score");
  }

  @Test
  void shouldGiveUpOnAScorerThatIsTooSlow() {
    scorer.answer(200, SCORED).delay(Duration.ofSeconds(3));

    WhatIfProxy.Answer answer = new WhatIfProxy(scorer.url(), Duration.ofMillis(300)).forward(bytes(FEATURES));

    assertThat(answer.status()).isEqualTo(504);
    assertThat(text(answer)).contains("did not answer within 300 ms");
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
}
