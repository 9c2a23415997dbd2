package io.argus.features.job;

import static io.argus.features.Fixtures.T0;
import static io.argus.features.Fixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FeatureVector;
import io.argus.features.FraudV1;
import io.argus.features.compute.TerminalFeatures;
import io.argus.features.compute.TransactionEvent;
import io.argus.schemas.AvroRecordTypeInfo;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerStageTest {

  private static final Duration LATENESS = Duration.ofMinutes(1);

  private KeyedOneInputStreamOperatorTestHarness<String, TerminalScoredTransaction, FeatureVector> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CustomerStage(LATENESS)),
        scored -> scored.transaction().customerId(), Types.STRING);
    harness.setup(AvroRecordTypeInfo.forRecord(FeatureVector.class).createSerializer(new SerializerConfigImpl()));
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(String id, double amount, Instant at) throws Exception {
    TransactionEvent event = TransactionEvent.of(tx(id, "c1", "term-" + id, amount, at));
    harness.processElement(new StreamRecord<>(
        new TerminalScoredTransaction(event, new TerminalFeatures(new double[3], new double[3], 0, 0)), event.eventTime()));
  }

  private double value(int index, String feature) {
    return harness.extractOutputValues().get(index).getValues().get(FraudV1.FEATURE_SET.indexOf(feature));
  }

  @Test
  void shouldFeatureOutOfOrderTransactionsAsIfTheyHadArrivedInOrder() throws Exception {
    send("2", 30, T0.plusSeconds(60));
    send("1", 10, T0);
    harness.processWatermark(new Watermark(T0.plusSeconds(60).toEpochMilli()));

    assertThat(harness.extractOutputValues()).extracting(FeatureVector::getTransactionId).containsExactly("1", "2");
    assertThat(value(0, FraudV1.customerCount(1))).isEqualTo(1);
    assertThat(value(1, FraudV1.customerCount(1))).isEqualTo(2);
    assertThat(value(1, FraudV1.customerAverageAmount(1))).isEqualTo(20);
    assertThat(value(1, FraudV1.CARD_SECONDS_SINCE_PREVIOUS)).isEqualTo(60);
  }

  @Test
  void shouldLeaveNoStateOrTimerOnceTheCardsTimeToLiveHasPassed() throws Exception {
    send("1", 10, T0);
    send("2", 20, T0.plusSeconds(1));
    harness.processWatermark(new Watermark(T0.plusSeconds(1).toEpochMilli()));
    assertThat(harness.extractOutputValues()).hasSize(2);
    assertThat(harness.numKeyedStateEntries()).isPositive();

    harness.processWatermark(new Watermark(
        T0.plusSeconds(1).plus(FraudV1.customerHorizon()).plus(LATENESS).plusSeconds(1).toEpochMilli()));

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
