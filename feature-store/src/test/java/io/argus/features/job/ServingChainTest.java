package io.argus.features.job;

import static io.argus.features.Fixtures.T0;
import static io.argus.features.Fixtures.label;
import static io.argus.features.Fixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudLabel;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.SkewCause;
import io.argus.avro.Transaction;
import io.argus.features.FraudV1;
import io.argus.schemas.AvroCodec;
import io.argus.schemas.AvroRecordTypeInfo;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three operators a transaction passes, as the job connects them when it serves online (admission, terminal
 * stage, customer stage), each in its harness, the output of one handed to the next before the next watermark, as
 * Flink does: what becomes of a fraud label that arrives after a transaction reported before it, and of a
 * transaction later than the allowed lateness.
 */
class ServingChainTest {

  private static final Duration LATENESS = Duration.ofMinutes(1);

  private OneInputStreamOperatorTestHarness<Either<RejectedRecord, Transaction>, AdmittedTransaction> admission;
  private KeyedTwoInputStreamOperatorTestHarness<String, AdmittedTransaction, FraudLabel, TerminalResult> terminal;
  private KeyedOneInputStreamOperatorTestHarness<String, TerminalResult, FeatureVector> customer;
  private CustomerStage customerStage;
  private int admitted;
  private int scored;

  @BeforeEach
  void open() throws Exception {
    admission = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new Admission<>("transactions",
        Transaction.class, LATENESS, AdmittedTransaction::inTime, AdmittedTransaction::tooLate)));
    admission.open();
    terminal = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(
        new TerminalStage(LATENESS, true)), transaction -> transaction.event().terminalId(),
        label -> label.getTerminalId().toString(), Types.STRING);
    terminal.open();
    customerStage = new CustomerStage(LATENESS, true);
    customer = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(customerStage),
        result -> result.transaction().customerId(), Types.STRING);
    customer.setup(AvroRecordTypeInfo.forRecord(FeatureVector.class).createSerializer(new SerializerConfigImpl()));
    customer.open();
  }

  @AfterEach
  void close() throws Exception {
    customer.close();
    terminal.close();
    admission.close();
  }

  /** Sends a transaction through admission, terminal stage and customer stage. */
  private void send(Transaction transaction) throws Exception {
    admission.processElement(new StreamRecord<>(Either.Right(transaction), transaction.getEventTime().toEpochMilli()));
    handOn();
  }

  private void send(FraudLabel label) throws Exception {
    terminal.processElement2(new StreamRecord<>(label, label.getReportedAt().toEpochMilli()));
    handOn();
  }

  private void watermark(Instant at) throws Exception {
    admission.processWatermark(new Watermark(at.toEpochMilli()));
    terminal.processBothWatermarks(new Watermark(at.toEpochMilli()));
    handOn();
    customer.processWatermark(new Watermark(at.toEpochMilli()));
  }

  private void handOn() throws Exception {
    List<AdmittedTransaction> fromAdmission = admission.extractOutputValues();
    for (AdmittedTransaction transaction : fromAdmission.subList(admitted, fromAdmission.size())) {
      terminal.processElement1(new StreamRecord<>(transaction, transaction.event().eventTime()));
    }
    admitted = fromAdmission.size();
    List<TerminalResult> fromTerminal = terminal.extractOutputValues();
    for (TerminalResult result : fromTerminal.subList(scored, fromTerminal.size())) {
      customer.processElement(new StreamRecord<>(result, result.transaction().eventTime()));
    }
    scored = fromTerminal.size();
  }

  private List<FeatureVector> online() {
    return customer.getSideOutput(CustomerStage.ONLINE).stream().map(StreamRecord::getValue).toList();
  }

  private static double value(FeatureVector vector, String feature) {
    return vector.getValues().get(FraudV1.FEATURE_SET.indexOf(feature));
  }

  @Test
  void shouldCorrectAndStoreExactlyATransactionWhoseFraudLabelReportedBeforeItArrivesAfterIt() throws Exception {
    Transaction old = tx("1", "c1", "term-1", 10, T0.minus(Duration.ofDays(8)).plusSeconds(3600));
    send(old);
    watermark(T0.minus(Duration.ofHours(2)));
    send(tx("2", "c2", "term-1", 20, T0));
    send(label(old, true, T0.minusSeconds(1)));              // reported before transaction 2, arrives after it

    assertThat(online()).extracting(FeatureVector::getTransactionId).containsExactly("1", "2");
    assertThat(value(online().get(1), FraudV1.terminalRisk(1))).as("served without the label").isZero();

    watermark(T0);

    FeatureVector stored = customer.extractOutputValues().get(1);
    assertThat(stored.getTransactionId()).isEqualTo("2");
    assertThat(value(stored, FraudV1.terminalRisk(1))).as("stored with it").isEqualTo(1.0);
    assertThat(customer.getSideOutput(CustomerStage.SKEW)).singleElement().satisfies(record -> {
      assertThat(record.getValue().getTransactionId()).isEqualTo("2");
      assertThat(record.getValue().getCauses()).containsExactly(SkewCause.TERMINAL_CORRECTION);
      assertThat(record.getValue().getFeatures()).contains(FraudV1.terminalRisk(1), "SEQ_TERMINAL_RISK_0");
    });
    assertThat(customerStage.getRuntimeContext()
        .<Long, Long>getAccumulator(ServingCount.SKEW_TERMINAL_CORRECTION.metricName()).getLocalValue())
        .isEqualTo(1);
  }

  @Test
  void shouldServeATooLateTransactionOnlineAndDeadLetterOnlyItsOfflineSide() throws Exception {
    send(tx("1", "c1", "term-1", 10, T0.minus(Duration.ofHours(1))));
    watermark(T0.plus(Duration.ofDays(1)));
    assertThat(customer.extractOutputValues()).extracting(FeatureVector::getTransactionId).containsExactly("1");
    Transaction tooLate = tx("2", "c1", "term-2", 30, T0);

    send(tooLate);

    assertThat(online()).extracting(FeatureVector::getTransactionId).containsExactly("1", "2");
    FeatureVector served = online().get(1);
    assertThat(served.getValues().get(FraudV1.FEATURE_SET.indexOf(FraudV1.customerCount(1)))).isEqualTo(2);
    assertThat(served.getValues().get(FraudV1.FEATURE_SET.indexOf(FraudV1.CARD_SECONDS_SINCE_PREVIOUS)))
        .isEqualTo(3600);
    assertThat(customer.extractOutputValues()).as("no offline vector").extracting(FeatureVector::getTransactionId)
        .containsExactly("1");
    assertThat(admission.getSideOutput(Admission.REJECTED)).singleElement().satisfies(record -> {
      RejectedRecord rejection = record.getValue();
      assertThat(rejection.getReason()).isEqualTo(RejectReason.LATE_EVENT);
      assertThat(AvroCodec.of(Transaction.class).decode(bytes(rejection.getOriginalBytes()))).isEqualTo(tooLate);
    });
    assertThat(customer.getSideOutput(CustomerStage.SKEW)).isNull();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
