package io.argus.features.job;

import static io.argus.features.Fixtures.T0;
import static io.argus.features.Fixtures.fraud;
import static io.argus.features.Fixtures.label;
import static io.argus.features.Fixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.features.FraudV1;
import io.argus.avro.FraudLabel;
import io.argus.avro.Transaction;
import io.argus.features.compute.TransactionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TerminalStageTest {

  private static final Duration LATENESS = Duration.ofMinutes(1);

  private KeyedTwoInputStreamOperatorTestHarness<String, TransactionEvent, FraudLabel, TerminalScoredTransaction>
      harness;

  @BeforeEach
  void open() throws Exception {
    harness = new KeyedTwoInputStreamOperatorTestHarness<>(
        new KeyedCoProcessOperator<>(new TerminalStage(LATENESS)),
        TransactionEvent::terminalId, label -> label.getTerminalId().toString(), Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static TransactionEvent event(String id, Instant at) {
    return TransactionEvent.of(tx(id, "c" + id, "term-1", 10, at));
  }

  private void send(TransactionEvent event) throws Exception {
    harness.processElement1(new StreamRecord<>(event, event.eventTime()));
  }

  private void send(FraudLabel label) throws Exception {
    harness.processElement2(new StreamRecord<>(label, label.getReportedAt().toEpochMilli()));
  }

  private void watermark(Instant at) throws Exception {
    harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(at.toEpochMilli()));
  }

  private List<TerminalScoredTransaction> output() {
    return harness.extractOutputValues();
  }

  @Test
  void shouldApplyOutOfOrderEventsInTimeOrderOnceTheWatermarkPasses() throws Exception {
    Instant eightDaysAgo = T0.minus(Duration.ofDays(8)).plusSeconds(3600);
    Transaction oldTransaction = tx("1", "c1", "term-1", 10, eightDaysAgo);
    TransactionEvent old = TransactionEvent.of(oldTransaction);
    FraudLabel oldIsFraud = label(oldTransaction, true, T0);
    send(event("3", T0.plusSeconds(1)));
    send(oldIsFraud);                       // reported at T0: known to a transaction at T0 and later
    send(event("2", T0));
    send(old);                              // arrives last, happened first
    assertThat(output()).isEmpty();

    watermark(T0.plusSeconds(1));

    assertThat(output()).extracting(scored -> scored.transaction().transactionId()).containsExactly("1", "2", "3");
    assertThat(output().get(1).terminal().count(1)).isEqualTo(1);
    assertThat(output().get(1).terminal().risk(1)).isEqualTo(1.0);
    assertThat(output().get(0).terminal().count(30)).isZero();
    assertThat(harness.getSideOutput(TerminalStage.LABELS)).extracting(record -> record.getValue())
        .containsExactly(oldIsFraud);
  }

  @Test
  void shouldApplyAnEventBehindTheWatermarkAtOnceAsOfItsOwnTime() throws Exception {
    watermark(T0);
    send(event("1", T0.minusSeconds(30)));

    assertThat(output()).extracting(scored -> scored.transaction().transactionId()).containsExactly("1");
  }

  @Test
  void shouldLeaveNoStateOrTimerOnceTheTerminalIdledForItsHorizon() throws Exception {
    Transaction only = tx("1", "c1", "term-1", 10, T0);
    send(TransactionEvent.of(only));
    send(fraud(only));
    watermark(T0.plus(FraudV1.LABEL_DELAY));
    assertThat(harness.numKeyedStateEntries()).isPositive();

    watermark(T0.plus(FraudV1.LABEL_DELAY).plus(FraudV1.terminalHorizon()).plus(LATENESS).plusSeconds(1));

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
