package io.argus.pipeline.dashboard;

import static io.argus.pipeline.dashboard.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.pipeline.dashboard.access.AccessFilter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may do what on the dashboard, over HTTP: sign-in, sessions, CSRF, origins, roles, throttling. */
class DashboardAccessTest {

  private TestServer test;

  @BeforeEach
  void startServer() {
    test = new TestServer(Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void stopServer() {
    test.close();
  }

  @Test
  void shouldSendAnAnonymousBrowserToTheSignInPageAndRefuseTheApi() throws Exception {
    DashboardClient anonymous = test.client();

    HttpResponse<String> page = anonymous.get("/");
    HttpResponse<String> snapshot = anonymous.get("/api/snapshot");
    HttpResponse<String> events = anonymous.get("/events");
    HttpResponse<String> signInPage = anonymous.get(AccessFilter.SIGN_IN_PAGE);

    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location")).hasValue("/login.html");
    assertThat(snapshot.statusCode()).isEqualTo(401);
    assertThat(snapshot.body()).contains("sign in first");
    assertThat(events.statusCode()).isEqualTo(401);
    assertThat(signInPage.statusCode()).isEqualTo(200);
    assertThat(signInPage.body()).contains("id=\"signin-form\"");
    assertThat(anonymous.get("/login.js").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/app.js").statusCode()).isEqualTo(303);
  }

  @Test
  void shouldSetAnHttpOnlyStrictSessionCookieAndGiveTheCsrfTokenOnSignIn() throws Exception {
    HttpResponse<String> signedIn = test.client().signIn(TestUsers.ANALYST, TestUsers.ANALYST_PASSWORD);

    assertThat(signedIn.statusCode()).isEqualTo(200);
    String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith(AccessFilter.COOKIE + "=").contains("; HttpOnly", "; SameSite=Strict", "; Path=/")
        .doesNotContain("Secure");
    assertThat(DashboardClient.json(signedIn).get("role").asText()).isEqualTo("analyst");
    assertThat(DashboardClient.json(signedIn).get("csrf_token").asText()).hasSize(43);
    assertThat(signedIn.body()).doesNotContain(cookie.substring(AccessFilter.COOKIE.length() + 1, cookie.indexOf(';')));
  }

  @Test
  void shouldAnswerAWrongPasswordAndAnUnknownUserAlike() throws Exception {
    HttpResponse<String> wrongPassword = test.client().signIn(TestUsers.ANALYST, "not the password");
    HttpResponse<String> unknownUser = test.client().signIn("mallory", TestUsers.ANALYST_PASSWORD);

    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(unknownUser.statusCode()).isEqualTo(401);
    assertThat(wrongPassword.body()).isEqualTo(unknownUser.body()).contains("wrong user name or password");
    assertThat(wrongPassword.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void shouldThrottleRepeatedFailedSignInsEvenWithTheRightPasswordAfterwards() throws Exception {
    DashboardClient guesser = test.client();
    for (int i = 0; i < 5; i++) {
      assertThat(guesser.signIn(TestUsers.ANALYST, "guess " + i).statusCode()).isEqualTo(401);
    }

    HttpResponse<String> throttled = guesser.signIn(TestUsers.ANALYST, TestUsers.ANALYST_PASSWORD);

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("30");
    assertThat(throttled.body()).contains("too many failed sign-ins");
  }

  @Test
  void shouldRefuseASignInThatIsNotJson() throws Exception {
    HttpResponse<String> form = test.client().send(test.client().request("/api/login")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("user=ana&password=x")));

    assertThat(form.statusCode()).isEqualTo(415);
  }

  @Test
  void shouldRefuseAStateChangingRequestWithoutTheSessionsCsrfToken() throws Exception {
    DashboardClient analyst = test.client().signedInAs(TestUsers.ANALYST, TestUsers.ANALYST_PASSWORD);

    HttpResponse<String> missing = analyst.send(analyst.request("/api/rules/check")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"expression\":\"TX_AMOUNT > 1.0\"}")));
    HttpResponse<String> wrong = analyst.send(analyst.request("/api/rules/check")
        .header("Content-Type", "application/json").header(AccessFilter.CSRF_HEADER, "forged")
        .POST(HttpRequest.BodyPublishers.ofString("{\"expression\":\"TX_AMOUNT > 1.0\"}")));
    HttpResponse<String> right = analyst.post("/api/rules/check", "{\"expression\":\"TX_AMOUNT > 1.0\"}");

    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(missing.body()).contains(AccessFilter.CSRF_HEADER);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(right.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldRefuseARequestFromAnotherOrigin() throws Exception {
    DashboardClient analyst = test.client().signedInAs(TestUsers.ANALYST, TestUsers.ANALYST_PASSWORD);

    HttpResponse<String> crossSite = analyst.send(analyst.request("/api/rules/check")
        .header("Content-Type", "application/json").header(AccessFilter.CSRF_HEADER, analyst.csrfToken())
        .header("Origin", "https://evil.example")
        .POST(HttpRequest.BodyPublishers.ofString("{\"expression\":\"TX_AMOUNT > 1.0\"}")));
    HttpResponse<String> crossSiteSignIn = test.client().send(test.client().request("/api/login")
        .header("Content-Type", "application/json").header("Origin", "https://evil.example")
        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"ana\",\"password\":\"x\"}")));

    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(crossSite.body()).contains("cross-origin");
    assertThat(crossSiteSignIn.statusCode()).isEqualTo(403);
  }

  @Test
  void shouldLetAViewerSeeButAnswer403WhenItTriesToDecideOrChangeARule() throws Exception {
    DashboardClient viewer = test.client().signedInAs(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);

    HttpResponse<String> verdict = viewer.post("/api/cases/fraud-t-1/verdict",
        "{\"verdict\":\"FRAUD\",\"reason\":\"looks stolen\"}");
    HttpResponse<String> publish = viewer.post("/api/rules",
        "{\"id\":\"big\",\"expression\":\"TX_AMOUNT > 220.0\",\"action\":\"DECLINE\"}");
    HttpResponse<String> backtest = viewer.post("/api/rules/backtest",
        "{\"expression\":\"TX_AMOUNT > 220.0\",\"from\":\"2018-08-01\"}");
    HttpResponse<String> retire = viewer.delete("/api/rules/big");

    assertThat(viewer.get("/api/snapshot").statusCode()).isEqualTo(200);
    assertThat(viewer.get("/api/cases").statusCode()).isEqualTo(200);
    assertThat(viewer.get("/api/rules").statusCode()).isEqualTo(200);
    for (HttpResponse<String> refused : java.util.List.of(verdict, publish, backtest, retire)) {
      assertThat(refused.statusCode()).as(refused.uri().toString()).isEqualTo(403);
      assertThat(refused.body()).contains("vic is a viewer");
    }
    assertThat(test.writes.published).isEmpty();
    assertThat(test.writes.decisions).isEmpty();
  }

  @Test
  void shouldEndTheSessionOnSignOut() throws Exception {
    DashboardClient analyst = test.client().signedInAs(TestUsers.ANALYST, TestUsers.ANALYST_PASSWORD);

    HttpResponse<String> signedOut = analyst.post("/api/logout", "");

    assertThat(signedOut.statusCode()).isEqualTo(200);
    assertThat(signedOut.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie ->
        assertThat(cookie).contains("Max-Age=0"));
    assertThat(analyst.get("/api/snapshot").statusCode()).isEqualTo(401);
  }

  @Test
  void shouldTellThePageWhoIsSignedIn() throws Exception {
    DashboardClient viewer = test.client().signedInAs(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);

    HttpResponse<String> session = viewer.get("/api/session");

    assertThat(DashboardClient.json(session).get("user").asText()).isEqualTo(TestUsers.VIEWER);
    assertThat(DashboardClient.json(session).get("role").asText()).isEqualTo("viewer");
    assertThat(DashboardClient.json(session).get("csrf_token").asText()).isEqualTo(viewer.csrfToken());
  }

  @Test
  void shouldSetSecurityHeadersOnEveryAnswer() throws Exception {
    HttpResponse<String> refused = test.client().get("/api/snapshot");

    assertThat(refused.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
        assertThat(policy).startsWith("default-src 'self'").contains("frame-ancestors 'none'"));
    assertThat(refused.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(refused.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
  }
}
