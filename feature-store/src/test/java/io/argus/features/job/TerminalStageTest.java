package io.argus.features.job;

import static io.argus.features.Fixtures.T0;
import static io.argus.features.Fixtures.fraud;
import static io.argus.features.Fixtures.label;
import static io.argus.features.Fixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FraudLabel;
import io.argus.avro.Transaction;
import io.argus.features.FraudV1;
import io.argus.features.compute.TerminalFeatures;
import io.argus.features.compute.TerminalVisit;
import io.argus.features.compute.TransactionEvent;
import io.argus.features.job.TerminalResult.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TerminalStageTest {

  private static final Duration LATENESS = Duration.ofMinutes(1);
  /** A transaction old enough to fall into the terminal windows of a transaction at {@code T0}. */
  private static final Transaction EIGHT_DAYS_AGO = tx("1", "c1", "term-1", 10,
      T0.minus(Duration.ofDays(8)).plusSeconds(3600));

  private TerminalStage stage;
  private KeyedTwoInputStreamOperatorTestHarness<String, AdmittedTransaction, FraudLabel, TerminalResult> harness;

  private void open(boolean online) throws Exception {
    open(online, null);
  }

  private void open(boolean online, OperatorSubtaskState restored) throws Exception {
    stage = new TerminalStage(LATENESS, online);
    harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(stage),
        admitted -> admitted.event().terminalId(), label -> label.getTerminalId().toString(), Types.STRING);
    if (restored != null) {
      harness.initializeState(restored);
    }
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private static TransactionEvent event(String id, Instant at) {
    return TransactionEvent.of(tx(id, "c" + id, "term-1", 10, at));
  }

  private void send(TransactionEvent event) throws Exception {
    harness.processElement1(new StreamRecord<>(new AdmittedTransaction(event, false), event.eventTime()));
  }

  private void sendTooLate(TransactionEvent event) throws Exception {
    harness.processElement1(new StreamRecord<>(new AdmittedTransaction(event, true), event.eventTime()));
  }

  private void send(FraudLabel label) throws Exception {
    harness.processElement2(new StreamRecord<>(label, label.getReportedAt().toEpochMilli()));
  }

  private void watermark(Instant at) throws Exception {
    harness.processBothWatermarks(new Watermark(at.toEpochMilli()));
  }

  private List<TerminalResult> output() {
    return harness.extractOutputValues();
  }

  private long terminalCorrections() {
    return stage.getRuntimeContext().<Long, Long>getAccumulator(ServingCount.TERMINAL_CORRECTIONS.metricName())
        .getLocalValue();
  }

  /** The one old transaction of the terminal, applied: the watermark is two hours before {@code T0}. */
  private void oldTransactionApplied() throws Exception {
    send(TransactionEvent.of(EIGHT_DAYS_AGO));
    watermark(T0.minus(Duration.ofHours(2)));
    assertThat(output()).extracting(TerminalResult::kind).as("served on arrival, no correction")
        .containsExactly(Kind.ONLINE);
    harness.getOutput().clear();
  }

  private long copiesDropped() {
    return stage.getRuntimeContext().<Long, Long>getAccumulator(ServingCount.COPIES_DROPPED.metricName())
        .getLocalValue();
  }

  @Test
  void shouldDropACopyOfATransactionWhileItWaitsAfterItIsAppliedAndWhenItComesTooLate() throws Exception {
    open(true);
    TransactionEvent first = event("1", T0);
    send(first);
    send(first);                             // a copy while the first waits for the watermark
    watermark(T0);
    send(first);                             // a copy after the first was applied
    sendTooLate(first);                      // a copy later than the allowed lateness
    send(event("2", T0.plusSeconds(1)));

    assertThat(output()).extracting(result -> result.transaction().transactionId() + " " + result.kind())
        .containsExactly("1 ONLINE", "2 ONLINE");
    assertThat(copiesDropped()).isEqualTo(3);
    watermark(T0.plusSeconds(1));
    assertThat(output()).extracting(result -> result.transaction().transactionId())
        .as("the second counts the first once").containsExactly("1", "2");
    assertThat(terminalCorrections()).isZero();
  }

  @Test
  void shouldKeepATransactionWhoseIdOnlySharesItsHashWithOneTheTerminalHolds() throws Exception {
    open(true);
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    send(event("Aa", T0));
    send(event("BB", T0.plusSeconds(1)));    // while "Aa" waits
    watermark(T0.plusSeconds(1));
    send(event("C#", T0.plusSeconds(2)));    // the hash of "Aa" and "BB", both applied
    send(event("Ab", T0.plusSeconds(3)));
    send(event("BC", T0.plusSeconds(4)));    // the hash of "Ab", waiting

    assertThat(output()).extracting(result -> result.transaction().transactionId() + " " + result.kind())
        .containsExactly("Aa ONLINE", "BB ONLINE", "C# ONLINE", "Ab ONLINE", "BC ONLINE");
    assertThat(copiesDropped()).isZero();
  }

  @Test
  void shouldDropACopyOfATransactionTheExactPathHasApplied() throws Exception {
    open(false);
    TransactionEvent first = event("1", T0);
    send(first);
    watermark(T0);
    send(first);
    Instant aWeekLater = T0.plus(Duration.ofDays(7)).plusSeconds(3600);
    send(event("2", aWeekLater));
    watermark(aWeekLater);

    assertThat(output()).extracting(result -> result.transaction().transactionId() + " " + result.kind())
        .containsExactly("1 EXACT", "2 EXACT");
    assertThat(output().get(1).terminal().count(1)).as("the terminal's transactions of the day a week before")
        .isEqualTo(1);
    assertThat(copiesDropped()).isEqualTo(1);
  }

  @Test
  void shouldApplyOutOfOrderEventsInTimeOrderOnceTheWatermarkPasses() throws Exception {
    open(false);
    TransactionEvent old = TransactionEvent.of(EIGHT_DAYS_AGO);
    FraudLabel oldIsFraud = label(EIGHT_DAYS_AGO, true, T0);
    send(event("3", T0.plusSeconds(1)));
    send(oldIsFraud);                       // reported at T0: known to a transaction at T0 and later
    send(event("2", T0));
    send(old);                              // arrives last, happened first
    assertThat(output()).isEmpty();

    watermark(T0.plusSeconds(1));

    assertThat(output()).extracting(result -> result.transaction().transactionId()).containsExactly("1", "2", "3");
    assertThat(output()).extracting(TerminalResult::kind).containsOnly(Kind.EXACT);
    assertThat(output().get(1).terminal().count(1)).isEqualTo(1);
    assertThat(output().get(1).terminal().risk(1)).isEqualTo(1.0);
    assertThat(output().get(0).terminal().count(30)).isZero();
    assertThat(harness.getSideOutput(TerminalStage.LABELS)).extracting(record -> record.getValue())
        .containsExactly(oldIsFraud);
  }

  @Test
  void shouldApplyAnEventBehindTheWatermarkAtOnceAsOfItsOwnTime() throws Exception {
    open(true);
    watermark(T0);
    send(event("1", T0.minusSeconds(30)));

    assertThat(output()).extracting(TerminalResult::kind).containsExactly(Kind.EXACT);
  }

  @Test
  void shouldSendATransactionAtOnceWithTheFraudsKnownOnItsArrivalWaitingOnesIncluded() throws Exception {
    open(true);
    oldTransactionApplied();
    send(label(EIGHT_DAYS_AGO, true, T0.minus(Duration.ofHours(1))));  // waits: ahead of the watermark

    send(event("2", T0));

    assertThat(output()).singleElement().satisfies(result -> {
      assertThat(result.kind()).isEqualTo(Kind.ONLINE);
      assertThat(result.transaction().transactionId()).isEqualTo("2");
      assertThat(result.terminal().count(1)).isEqualTo(1);
      assertThat(result.terminal().risk(1)).isEqualTo(1.0);
      assertThat(result.terminal().fraudStreak()).isEqualTo(1);
    });

    watermark(T0);

    assertThat(output()).as("the exact features are the same: no correction").hasSize(1);
    assertThat(terminalCorrections()).isZero();
    assertThat(harness.numEventTimeTimers()).as("only the retention timer").isEqualTo(1);
  }

  @Test
  void shouldCorrectATransactionWhenAFraudReportedBeforeItArrivesAfterIt() throws Exception {
    open(true);
    oldTransactionApplied();
    send(event("2", T0));
    send(label(EIGHT_DAYS_AGO, true, T0.minusSeconds(1)));   // reported before the transaction, arrives after it
    send(label(EIGHT_DAYS_AGO, true, T0.plusSeconds(1)));    // reported after it: changes nothing at T0

    assertThat(output()).singleElement().satisfies(result -> {
      assertThat(result.kind()).isEqualTo(Kind.ONLINE);
      assertThat(result.terminal().risk(1)).isZero();
    });

    watermark(T0);

    assertThat(output()).hasSize(2);
    assertThat(output().get(1)).satisfies(correction -> {
      assertThat(correction.kind()).isEqualTo(Kind.CORRECTION);
      assertThat(correction.transaction().transactionId()).isEqualTo("2");
      assertThat(correction.terminal().count(1)).isEqualTo(1);
      assertThat(correction.terminal().risk(1)).isEqualTo(1.0);
    });
    assertThat(terminalCorrections()).isEqualTo(1);
  }

  @Test
  void shouldServeATooLateTransactionAsOfItsTimeWithoutApplyingIt() throws Exception {
    open(true);
    oldTransactionApplied();
    send(fraud(EIGHT_DAYS_AGO));            // reported at T0 - 1 day + 1 hour, behind the watermark: applied at once
    watermark(T0.plus(Duration.ofDays(1)));
    int stateEntries = harness.numKeyedStateEntries();
    int timers = harness.numEventTimeTimers();

    sendTooLate(event("2", T0));

    assertThat(output()).singleElement().satisfies(result -> {
      assertThat(result.kind()).isEqualTo(Kind.TOO_LATE);
      assertThat(result.terminal().count(1)).isEqualTo(1);
      assertThat(result.terminal().risk(1)).isEqualTo(1.0);
    });
    assertThat(harness.numKeyedStateEntries()).as("nothing applied").isEqualTo(stateEntries);
    assertThat(harness.numEventTimeTimers()).isEqualTo(timers);

    send(event("3", T0.plus(Duration.ofDays(1)).plusSeconds(10)));
    assertThat(output().get(1).terminal().count(7)).as("the too-late visit is not in the history").isEqualTo(1);
  }

  @Test
  void shouldSendATransactionRestoredWaitingFromAStateThatSentNothingAsExactWhenTheWatermarkPassesIt()
      throws Exception {
    open(false);                                            // as the job was before it served online
    send(event("1", T0));
    OperatorSubtaskState checkpoint = harness.snapshot(1L, 1L);
    harness.close();

    open(true, checkpoint);
    watermark(T0);

    assertThat(output()).extracting(TerminalResult::kind).containsExactly(Kind.EXACT);
  }

  @Test
  void shouldMoveTheListOfAnOlderCheckpointIntoColumnsAndFeatureAsIfItHadBeenColumnsAllAlong() throws Exception {
    TransactionEvent first = event("1", T0.minus(Duration.ofDays(8)).plusSeconds(3600));
    TransactionEvent second = event("2", T0.minus(Duration.ofDays(8)).plusSeconds(7200));
    TransactionEvent third = event("3", T0);
    open(false);
    send(first);
    send(second);
    send(third);
    watermark(T0);
    TerminalFeatures expected = output().get(2).terminal();
    assertThat(expected.count(1)).isEqualTo(2);
    harness.close();

    // The list a checkpoint from before 2026-12-06 holds for the first two, in arrival order (the second first).
    open(false);
    harness.getOperator().setCurrentKey("term-1");
    stage.getRuntimeContext().getListState(FeatureState.terminalVisits()).update(List.of(
        new TerminalVisit("2", second.eventTime()), new TerminalVisit("1", first.eventTime())));
    OperatorSubtaskState listed = harness.snapshot(1L, 1L);
    harness.close();

    open(false, listed);
    send(second);                            // a copy of one the list holds
    send(third);
    watermark(T0);

    assertThat(output()).singleElement().satisfies(result -> {
      assertThat(result.transaction().transactionId()).isEqualTo("3");
      assertThat(result.terminal()).isEqualTo(expected);
    });
    assertThat(copiesDropped()).isEqualTo(1);
    harness.getOperator().setCurrentKey("term-1");
    assertThat(stage.getRuntimeContext().getListState(FeatureState.terminalVisits()).get()).isEmpty();
    assertThat(stage.getRuntimeContext().getState(FeatureState.terminalHistory()).value().transactionIds())
        .containsExactly("1", "2", "3");
  }

  @Test
  void shouldLeaveNoStateOrTimerOnceTheTerminalIdledForItsHorizon() throws Exception {
    open(false);
    Transaction only = tx("1", "c1", "term-1", 10, T0);
    send(TransactionEvent.of(only));
    send(fraud(only));
    watermark(T0.plus(FraudV1.LABEL_DELAY));
    assertThat(harness.numKeyedStateEntries()).isPositive();

    watermark(T0.plus(FraudV1.LABEL_DELAY).plus(FraudV1.terminalHorizon()).plus(LATENESS).plusSeconds(1));

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void shouldLeaveNoStateOrTimerAfterServingOnlineAndCorrecting() throws Exception {
    open(true);
    oldTransactionApplied();
    send(event("2", T0));
    send(label(EIGHT_DAYS_AGO, true, T0.minusSeconds(1)));
    watermark(T0);
    assertThat(output()).extracting(TerminalResult::kind).containsExactly(Kind.ONLINE, Kind.CORRECTION);

    watermark(T0.plus(FraudV1.terminalHorizon()).plus(LATENESS).plusSeconds(1));

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void shouldReadAStatesListWithoutCopyingIt() {
    List<String> held = new ArrayList<>(List.of("a", "b"));

    assertThat(FeatureState.list(held)).isSameAs(held);
    assertThat(FeatureState.list(null)).isEmpty();
    Iterable<String> notAList = () -> List.of("x", "y").iterator();
    assertThat(FeatureState.list(notAList)).containsExactly("x", "y");
  }
}
