package io.argus.features.job;

import static io.argus.features.Fixtures.T0;
import static io.argus.features.Fixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.features.compute.TransactionEvent;
import io.argus.schemas.AvroCodec;
import io.argus.schemas.RejectedRecords;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdmissionTest {

  private static final Duration LATENESS = Duration.ofMinutes(1);

  private OneInputStreamOperatorTestHarness<Either<RejectedRecord, Transaction>, TransactionEvent> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(
        new Admission<>("transactions", Transaction.class, LATENESS, TransactionEvent::of)));
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(Transaction transaction) throws Exception {
    harness.processElement(new StreamRecord<>(Either.Right(transaction), transaction.getEventTime().toEpochMilli()));
  }

  private List<RejectedRecord> rejected() {
    return harness.getSideOutput(Admission.REJECTED).stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void shouldSendAnEventLaterThanTheAllowedLatenessToTheSideOutputWithItsBytes() throws Exception {
    harness.processWatermark(new Watermark(T0.toEpochMilli()));
    Transaction tooLate = tx("1", "c1", "term-1", 10, T0.minus(LATENESS).minusMillis(1));
    Transaction lateButAllowed = tx("2", "c1", "term-1", 10, T0.minus(LATENESS));

    send(tooLate);
    send(lateButAllowed);

    assertThat(harness.extractOutputValues()).extracting(TransactionEvent::transactionId).containsExactly("2");
    assertThat(rejected()).singleElement().satisfies(rejection -> {
      assertThat(rejection.getReason()).isEqualTo(RejectReason.LATE_EVENT);
      assertThat(rejection.getSourceTopic()).isEqualTo("transactions");
      assertThat(AvroCodec.of(Transaction.class).decode(bytes(rejection.getOriginalBytes()))).isEqualTo(tooLate);
    });
  }

  @Test
  void shouldPassOnATooLateTransactionToBeServedAndDeadLetterItsOfflineSideWithItsBytes() throws Exception {
    try (OneInputStreamOperatorTestHarness<Either<RejectedRecord, Transaction>, AdmittedTransaction> serving =
        new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new Admission<>("transactions",
            Transaction.class, LATENESS, AdmittedTransaction::inTime, AdmittedTransaction::tooLate)))) {
      serving.open();
      serving.processWatermark(new Watermark(T0.toEpochMilli()));
      Transaction tooLate = tx("1", "c1", "term-1", 10, T0.minus(LATENESS).minusMillis(1));
      Transaction lateButAllowed = tx("2", "c1", "term-1", 10, T0.minus(LATENESS));
      Transaction tooLateAndUnusable = tx("3", "c1", "term-1", 10, T0.minus(LATENESS).minusMillis(1));
      tooLateAndUnusable.setCurrency("XYZ");

      for (Transaction transaction : List.of(tooLate, lateButAllowed, tooLateAndUnusable)) {
        serving.processElement(new StreamRecord<>(Either.Right(transaction),
            transaction.getEventTime().toEpochMilli()));
      }

      assertThat(serving.extractOutputValues()).extracting(admitted -> admitted.event().transactionId(),
          AdmittedTransaction::tooLate).containsExactly(tuple("1", true), tuple("2", false));
      List<RejectedRecord> rejected = serving.getSideOutput(Admission.REJECTED).stream().map(StreamRecord::getValue)
          .toList();
      assertThat(rejected).extracting(RejectedRecord::getReason)
          .containsExactly(RejectReason.LATE_EVENT, RejectReason.INVALID_FIELD);
      assertThat(rejected.get(0).getDetail()).contains("served online", "not in the offline store");
      assertThat(AvroCodec.of(Transaction.class).decode(bytes(rejected.get(0).getOriginalBytes())))
          .isEqualTo(tooLate);
    }
  }

  @Test
  void shouldRejectAnUnknownCurrencyInsteadOfFailingTheJob() throws Exception {
    Transaction unknownCurrency = tx("1", "c1", "term-1", 10, T0);
    unknownCurrency.setCurrency("XYZ");

    send(unknownCurrency);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(rejected()).singleElement().satisfies(rejection -> {
      assertThat(rejection.getReason()).isEqualTo(RejectReason.INVALID_FIELD);
      assertThat(rejection.getDetail()).contains("XYZ");
    });
  }

  @Test
  void shouldPassOnRejectionsFromTheSource() throws Exception {
    RejectedRecord undecodable = RejectedRecords.of("transactions", 3, 42L, new byte[] {1, 2},
        RejectReason.UNDECODABLE, "bad", Clock.fixed(T0, ZoneOffset.UTC));

    harness.processElement(new StreamRecord<>(Either.Left(undecodable)));

    assertThat(rejected()).containsExactly(undecodable);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
