package io.argus.pipeline.dashboard;

import static io.argus.pipeline.dashboard.Fixtures.T0;
import static io.argus.pipeline.dashboard.Fixtures.caseAlert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.CaseDecision;
import io.argus.avro.Severity;
import io.argus.avro.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaseQueueTest {

  private static final Instant ONE_MINUTE_LATER = T0.plus(Duration.ofMinutes(1));
  private final CaseQueue queue = new CaseQueue();

  @Test
  void shouldOpenACaseForEachFraudAlertOldestFirst() {
    queue.onAlert(caseAlert("t-2", ONE_MINUTE_LATER, 0.7, true));
    queue.onAlert(caseAlert("t-1", T0, 0.9, true));
    queue.onAlert(Fixtures.alert("drift-1", AlertKind.DRIFT, Severity.WARNING, "drift", T0));

    assertThat(queue.list(CaseQueue.Status.OPEN, 10)).extracting(CaseQueue.CaseItem::transactionId)
        .containsExactly("t-1", "t-2");
    CaseQueue.Summary summary = queue.summary(T0.plus(Duration.ofMinutes(10)).toEpochMilli());
    assertThat(summary.open()).isEqualTo(2);
    assertThat(summary.oldestOpenAgeSeconds()).isEqualTo(600);
  }

  @Test
  void shouldTakeADecidedCaseOutOfTheQueueAndListItByVerdict() {
    Alert alert = caseAlert("t-1", T0, 0.9, true);
    queue.onAlert(alert);
    queue.onAlert(caseAlert("t-2", ONE_MINUTE_LATER, 0.7, false, "night-online"));

    assertThat(queue.onDecision(decision(alert, Verdict.FRAUD, "ana"))).isTrue();

    assertThat(queue.openCase("fraud-t-1")).isEmpty();
    assertThat(queue.list(CaseQueue.Status.OPEN, 10)).extracting(CaseQueue.CaseItem::alertId)
        .containsExactly("fraud-t-2");
    assertThat(queue.list(CaseQueue.Status.FRAUD, 10)).singleElement().satisfies(item -> {
      assertThat(item.analyst()).isEqualTo("ana");
      assertThat(item.status()).isEqualTo("FRAUD");
      assertThat(item.score()).isEqualTo(0.9);
    });
    assertThat(queue.list(CaseQueue.Status.LEGITIMATE, 10)).isEmpty();
  }

  @Test
  void shouldRebuildTheSameQueueWhateverOrderAlertsAndDecisionsAreReadIn() {
    Alert first = caseAlert("t-1", T0, 0.9, true);
    Alert second = caseAlert("t-2", ONE_MINUTE_LATER, 0.7, true);
    CaseDecision decided = decision(first, Verdict.LEGITIMATE, "bo");

    queue.onDecision(decided);
    queue.onAlert(first);
    queue.onAlert(second);

    assertThat(queue.list(CaseQueue.Status.OPEN, 10)).extracting(CaseQueue.CaseItem::alertId)
        .containsExactly("fraud-t-2");
    assertThat(queue.list(CaseQueue.Status.LEGITIMATE, 10)).singleElement()
        .satisfies(item -> assertThat(item.message()).contains("t-1"));
  }

  @Test
  void shouldCountOnlyTheFirstVerdictOnAnAlert() {
    Alert alert = caseAlert("t-1", T0, 0.9, true);
    queue.onAlert(alert);

    assertThat(queue.onDecision(decision(alert, Verdict.FRAUD, "ana"))).isTrue();
    assertThat(queue.onDecision(decision(alert, Verdict.LEGITIMATE, "bo"))).isFalse();

    assertThat(queue.summary(T0.toEpochMilli()).confirmedFraud()).isEqualTo(1);
    assertThat(queue.summary(T0.toEpochMilli()).legitimate()).isZero();
    assertThat(queue.decision("fraud-t-1").orElseThrow().getAnalyst()).isEqualTo("ana");
  }

  @Test
  void shouldMeasureThePrecisionOfAlertsPerModelVersionAndPerRule() {
    Alert modelOnly = caseAlert("t-1", T0, 0.9, true);
    Alert modelAndRule = caseAlert("t-2", T0, 0.8, true, "big-amount");
    Alert ruleOnly = caseAlert("t-3", T0, 0.1, false, "big-amount", "night-online");
    Alert ruleOnlyToo = caseAlert("t-4", T0, 0.2, false, "night-online");
    for (Alert alert : new Alert[] {modelOnly, modelAndRule, ruleOnly, ruleOnlyToo}) {
      queue.onAlert(alert);
    }

    queue.onDecision(decision(modelOnly, Verdict.FRAUD, "ana"));
    queue.onDecision(decision(modelAndRule, Verdict.LEGITIMATE, "ana"));
    queue.onDecision(decision(ruleOnly, Verdict.FRAUD, "ana"));
    queue.onDecision(decision(ruleOnlyToo, Verdict.LEGITIMATE, "ana"));

    CaseQueue.Summary summary = queue.summary(T0.toEpochMilli());
    assertThat(summary.byModel()).singleElement().satisfies(model -> {
      assertThat(model.name()).isEqualTo("lstm v2");
      assertThat(model.confirmed()).isEqualTo(1);
      assertThat(model.legitimate()).isEqualTo(1);
      assertThat(model.precision()).isCloseTo(0.5, within(1e-12));
    });
    assertThat(summary.byRule()).extracting(CaseQueue.Precision::name)
        .containsExactly("big-amount", "night-online");
    assertThat(summary.byRule().get(0).precision()).isCloseTo(0.5, within(1e-12));
    assertThat(summary.byRule().get(1).confirmed()).isEqualTo(1);
    assertThat(summary.byRule().get(1).legitimate()).isEqualTo(1);
  }

  @Test
  void shouldShowTheExplanationTheFeaturesAndTheCardsRecentTransactionsWithTheirTimes() {
    queue.onAlert(caseAlert("t-1", T0, 0.9, true));

    CaseQueue.CaseDetail detail = queue.detail("fraud-t-1").orElseThrow();

    assertThat(detail.contributions()).extracting(Snapshot.ContributionItem::name).containsExactly("TX_AMOUNT");
    assertThat(detail.features()).containsEntry("TX_AMOUNT", 950.0);
    assertThat(detail.features().keySet().iterator().next()).isEqualTo("TX_AMOUNT");
    assertThat(detail.recentTransactions()).extracting(CaseQueue.RecentTransaction::amount)
        .containsExactly(12.5, 40.0, 950.0);
    long eventTime = T0.minusSeconds(2).toEpochMilli();
    assertThat(detail.recentTransactions()).extracting(CaseQueue.RecentTransaction::time)
        .containsExactly(eventTime - 7_200_000, eventTime - 3_600_000, eventTime);
    assertThat(detail.recentTransactions().get(2).stepsBack()).isZero();
  }

  @Test
  void shouldDropTheOldestOpenCasesBeyondTheLimitAndCountThem() {
    for (int i = 0; i <= CaseQueue.OPEN_LIMIT; i++) {
      queue.onAlert(caseAlert("t-" + i, T0.plusSeconds(i), 0.9, true));
    }

    CaseQueue.Summary summary = queue.summary(T0.toEpochMilli());
    assertThat(summary.open()).isEqualTo(CaseQueue.OPEN_LIMIT);
    assertThat(summary.dropped()).isEqualTo(1);
    assertThat(queue.openCase("fraud-t-0")).isEmpty();
  }

  private static CaseDecision decision(Alert alert, Verdict verdict, String analyst) {
    return CaseEndpoints.decision(alert, verdict, "checked with the cardholder", analyst, ONE_MINUTE_LATER);
  }
}
