package io.argus.features.job;

import static io.argus.features.Fixtures.T0;
import static io.argus.features.Fixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FeatureVector;
import io.argus.avro.ServingSkew;
import io.argus.avro.SkewCause;
import io.argus.avro.Transaction;
import io.argus.features.FraudV1;
import io.argus.features.compute.CardHistory;
import io.argus.features.compute.CardStep;
import io.argus.features.compute.CardSteps;
import io.argus.features.compute.CustomerPayment;
import io.argus.features.compute.TerminalFeatures;
import io.argus.features.compute.TransactionEvent;
import io.argus.features.job.TerminalResult.Kind;
import io.argus.schemas.AvroRecordTypeInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CustomerStageTest {

  private static final Duration LATENESS = Duration.ofMinutes(1);
  private static final double THIRTY_DAYS = Duration.ofDays(30).toSeconds();
  private static final TerminalFeatures NO_TERMINAL_HISTORY =
      new TerminalFeatures(new double[3], new double[3], 0, 0);
  private static final TerminalFeatures HALF_FRAUD =
      new TerminalFeatures(new double[] {2, 2, 2}, new double[] {0.5, 0.5, 0.5}, 1, 8);

  private CustomerStage stage;
  private KeyedOneInputStreamOperatorTestHarness<String, TerminalResult, FeatureVector> harness;

  private void open(boolean online) throws Exception {
    open(online, null);
  }

  private void open(boolean online, OperatorSubtaskState restored) throws Exception {
    stage = new CustomerStage(LATENESS, online);
    harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(stage),
        result -> result.transaction().customerId(), Types.STRING);
    harness.setup(AvroRecordTypeInfo.forRecord(FeatureVector.class).createSerializer(new SerializerConfigImpl()));
    if (restored != null) {
      harness.initializeState(restored);
    }
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  /** A transaction of customer c1 on card {@code card}, at a terminal of its own. */
  private static TransactionEvent event(String id, String card, double amount, Instant at) {
    Transaction transaction = tx(id, "c1", "term-" + id, amount, at);
    transaction.setCardToken("card-" + card);
    return TransactionEvent.of(transaction);
  }

  private void send(Kind kind, TransactionEvent event, TerminalFeatures terminal) throws Exception {
    harness.processElement(new StreamRecord<>(new TerminalResult(kind, event, terminal), event.eventTime()));
  }

  private void send(TransactionEvent event) throws Exception {
    send(Kind.ONLINE, event, NO_TERMINAL_HISTORY);
  }

  private void watermark(Instant at) throws Exception {
    harness.processWatermark(new Watermark(at.toEpochMilli()));
  }

  private List<FeatureVector> exact() {
    return harness.extractOutputValues();
  }

  private List<FeatureVector> online() {
    return values(CustomerStage.ONLINE);
  }

  private List<ServingSkew> skew() {
    return values(CustomerStage.SKEW);
  }

  private <T> List<T> values(OutputTag<T> tag) {
    List<T> values = new ArrayList<>();
    if (harness.getSideOutput(tag) != null) {
      harness.getSideOutput(tag).forEach(record -> values.add(record.getValue()));
    }
    return values;
  }

  private long count(ServingCount count) {
    return stage.getRuntimeContext().<Long, Long>getAccumulator(count.metricName()).getLocalValue();
  }

  private static double value(FeatureVector vector, String feature) {
    return vector.getValues().get(FraudV1.FEATURE_SET.indexOf(feature));
  }

  /** A sequence step's value, {@code stepsBack} before the current transaction (0 is the current one). */
  private static double step(FeatureVector vector, int stepsBack, String feature) {
    List<Double> row = vector.getSequence().get(FraudV1.SEQUENCE_LENGTH - 1 - stepsBack);
    return row.get(FraudV1.FEATURE_SET.sequenceStepNames().indexOf(feature));
  }

  private static Map<String, FeatureVector> byId(List<FeatureVector> vectors) {
    return vectors.stream().collect(Collectors.toMap(FeatureVector::getTransactionId, Function.identity()));
  }

  @Test
  void shouldFeatureOutOfOrderTransactionsAsIfTheyHadArrivedInOrder() throws Exception {
    open(false);
    send(Kind.EXACT, event("2", "1", 30, T0.plusSeconds(60)), NO_TERMINAL_HISTORY);
    send(Kind.EXACT, event("1", "1", 10, T0), NO_TERMINAL_HISTORY);
    assertThat(exact()).isEmpty();
    assertThat(online()).as("nothing is served when the job does not serve online").isEmpty();

    watermark(T0.plusSeconds(60));

    assertThat(exact()).extracting(FeatureVector::getTransactionId).containsExactly("1", "2");
    assertThat(value(exact().get(0), FraudV1.customerCount(1))).isEqualTo(1);
    assertThat(value(exact().get(1), FraudV1.customerCount(1))).isEqualTo(2);
    assertThat(value(exact().get(1), FraudV1.customerAverageAmount(1))).isEqualTo(20);
    assertThat(value(exact().get(1), FraudV1.CARD_SECONDS_SINCE_PREVIOUS)).isEqualTo(60);
    assertThat(online()).isEmpty();
  }

  @Test
  void shouldServeEachTransactionOnArrivalBeforeAnyWatermarkWithItsExactValues() throws Exception {
    open(true);
    send(event("1", "1", 10, T0));
    send(event("2", "1", 30, T0.plusSeconds(60)));

    assertThat(exact()).as("no watermark yet").isEmpty();
    assertThat(online()).extracting(FeatureVector::getTransactionId).containsExactly("1", "2");
    FeatureVector first = online().get(0);
    assertThat(value(first, FraudV1.customerCount(1))).isEqualTo(1);
    assertThat(value(first, FraudV1.customerAverageAmount(1))).isEqualTo(10);
    assertThat(value(first, FraudV1.CARD_SECONDS_SINCE_PREVIOUS)).isEqualTo(THIRTY_DAYS);
    FeatureVector second = online().get(1);
    assertThat(value(second, FraudV1.customerCount(1))).isEqualTo(2);
    assertThat(value(second, FraudV1.customerAverageAmount(1))).isEqualTo(20);
    assertThat(value(second, FraudV1.CARD_SECONDS_SINCE_PREVIOUS)).isEqualTo(60);
    assertThat(value(second, FraudV1.CARD_COUNT_SHORT)).isEqualTo(2);
    assertThat(value(second, FraudV1.CARD_AMOUNT_OVER_MEDIAN)).isEqualTo(3);
    assertThat(step(second, 1, FraudV1.SEQ_AMOUNT)).isEqualTo(10);
    assertThat(step(second, 1, FraudV1.SEQ_PRESENT)).isEqualTo(1);
    assertThat(step(second, 2, FraudV1.SEQ_PRESENT)).isZero();
    assertThat(step(second, 0, FraudV1.SEQ_SECONDS_SINCE_PREVIOUS)).isEqualTo(60);
  }

  @Test
  void shouldServeAnInOrderStreamWithTheExactValuesAndNoSkew() throws Exception {
    open(true);
    for (int i = 0; i < 8; i++) {
      Instant at = T0.plus(Duration.ofMinutes(10L * i));
      send(event(Integer.toString(i), i % 3 == 0 ? "a" : "b", 10 + 7 * i, at));
      watermark(at.minus(Duration.ofMinutes(15)));         // some wait, some are applied
    }
    watermark(T0.plus(Duration.ofHours(2)));

    assertThat(exact()).hasSize(8);
    Map<String, FeatureVector> served = byId(online());
    assertThat(served).hasSize(8);
    for (FeatureVector vector : exact()) {
      FeatureVector servedVector = served.get(vector.getTransactionId());
      assertThat(servedVector.getValues()).as("values of %s", vector.getTransactionId())
          .isEqualTo(vector.getValues());
      assertThat(servedVector.getSequence()).as("sequence of %s", vector.getTransactionId())
          .isEqualTo(vector.getSequence());
    }
    assertThat(skew()).isEmpty();
    assertThat(count(ServingCount.SERVED_ONLINE)).isEqualTo(8);
    assertThat(count(ServingCount.STORED_EXACT)).isEqualTo(8);
    assertThat(count(ServingCount.SKEWED)).isZero();
  }

  @Test
  void shouldStoreExactValuesAndReportTheLaterOfTwoCardTransactionsThatArrivedOutOfOrder() throws Exception {
    open(true);
    send(event("2", "1", 30, T0.plusSeconds(60)));
    send(event("1", "1", 10, T0));                          // earlier, arrives later: still within the bound

    assertThat(online()).extracting(FeatureVector::getTransactionId).containsExactly("2", "1");
    assertThat(value(online().get(0), FraudV1.customerCount(1))).as("served without the earlier one").isEqualTo(1);

    watermark(T0.plusSeconds(60));

    assertThat(exact()).extracting(FeatureVector::getTransactionId).containsExactly("1", "2");
    assertThat(value(exact().get(1), FraudV1.customerCount(1))).isEqualTo(2);
    assertThat(value(exact().get(1), FraudV1.CARD_SECONDS_SINCE_PREVIOUS)).isEqualTo(60);
    assertThat(skew()).singleElement().satisfies(skew -> {
      assertThat(skew.getTransactionId()).isEqualTo("2");
      assertThat(skew.getEventTime()).isEqualTo(T0.plusSeconds(60));
      assertThat(skew.getFeatureSetVersion()).isEqualTo(FraudV1.VERSION);
      assertThat(skew.getCauses()).containsExactly(SkewCause.CARD_OUT_OF_ORDER);
      assertThat(skew.getFeatures()).contains(FraudV1.customerCount(1), FraudV1.customerAverageAmount(30),
          FraudV1.CARD_SECONDS_SINCE_PREVIOUS, FraudV1.CARD_AMOUNT_OVER_MEDIAN, "SEQ_AMOUNT_1",
          "SEQ_SECONDS_SINCE_PREVIOUS_0").doesNotContain(FraudV1.TX_AMOUNT, FraudV1.terminalRisk(7), "SEQ_AMOUNT_0");
      int seconds = skew.getFeatures().indexOf(FraudV1.CARD_SECONDS_SINCE_PREVIOUS);
      assertThat(skew.getServedValues().get(seconds)).isEqualTo(THIRTY_DAYS);
      assertThat(skew.getExactValues().get(seconds)).isEqualTo(60);
      assertThat(skew.getServedValues()).hasSameSizeAs(skew.getFeatures());
      assertThat(skew.getExactValues()).hasSameSizeAs(skew.getFeatures());
    });
    assertThat(count(ServingCount.SKEWED)).isEqualTo(1);
    assertThat(count(ServingCount.SKEW_CARD_OUT_OF_ORDER)).isEqualTo(1);
    assertThat(count(ServingCount.SKEW_CUSTOMER_OUT_OF_ORDER)).isZero();
  }

  @Test
  void shouldNameOnlyTheCustomerFeaturesWhenAnEarlierPaymentOnAnotherCardArrivesLater() throws Exception {
    open(true);
    send(event("2", "a", 30, T0.plusSeconds(60)));
    send(event("1", "b", 10, T0));
    watermark(T0.plusSeconds(60));

    assertThat(skew()).singleElement().satisfies(skew -> {
      assertThat(skew.getTransactionId()).isEqualTo("2");
      assertThat(skew.getCauses()).containsExactly(SkewCause.CUSTOMER_OUT_OF_ORDER);
      assertThat(skew.getFeatures()).containsExactly(FraudV1.customerCount(1), FraudV1.customerAverageAmount(1),
          FraudV1.customerCount(7), FraudV1.customerAverageAmount(7), FraudV1.customerCount(30),
          FraudV1.customerAverageAmount(30));
      assertThat(skew.getServedValues()).containsExactly(1.0, 30.0, 1.0, 30.0, 1.0, 30.0);
      assertThat(skew.getExactValues()).containsExactly(2.0, 20.0, 2.0, 20.0, 2.0, 20.0);
    });
    assertThat(count(ServingCount.SKEW_CUSTOMER_OUT_OF_ORDER)).isEqualTo(1);
  }

  @Test
  void shouldStoreTheCorrectedTerminalFeaturesAndCountTheCorrection() throws Exception {
    open(true);
    TransactionEvent transaction = event("1", "1", 10, T0);
    send(transaction);
    send(Kind.CORRECTION, transaction, HALF_FRAUD);
    watermark(T0);

    assertThat(exact()).singleElement().satisfies(vector -> {
      assertThat(value(vector, FraudV1.terminalRisk(7))).isEqualTo(0.5);
      assertThat(value(vector, FraudV1.terminalCount(30))).isEqualTo(2);
      assertThat(step(vector, 0, FraudV1.SEQ_TERMINAL_RISK)).isEqualTo(0.5);
    });
    List<String> terminalNames = new ArrayList<>(FraudV1.FEATURE_SET.staticNames().stream()
        .filter(name -> name.startsWith("TERMINAL_ID_")).toList());
    terminalNames.add("SEQ_TERMINAL_RISK_0");
    assertThat(skew()).singleElement().satisfies(skew -> {
      assertThat(skew.getCauses()).containsExactly(SkewCause.TERMINAL_CORRECTION);
      assertThat(skew.getFeatures()).containsExactlyElementsOf(terminalNames);
      assertThat(skew.getExactValues().get(skew.getFeatures().indexOf(FraudV1.terminalRisk(1)))).isEqualTo(0.5);
      assertThat(skew.getServedValues().get(skew.getFeatures().indexOf(FraudV1.terminalRisk(1)))).isZero();
    });
    assertThat(count(ServingCount.SKEW_TERMINAL_CORRECTION)).isEqualTo(1);
  }

  @Test
  void shouldBlameACorrectionOnTheCardsLaterTransactionsServedWithTheCorrectedOne() throws Exception {
    open(true);
    TransactionEvent first = event("1", "1", 10, T0);
    send(first);
    send(event("2", "1", 20, T0.plusSeconds(60)));           // served with the first one's step, risk 0
    send(Kind.CORRECTION, first, HALF_FRAUD);
    watermark(T0.plusSeconds(60));

    Map<String, ServingSkew> skews = skew().stream()
        .collect(Collectors.toMap(ServingSkew::getTransactionId, Function.identity()));
    assertThat(skews).containsOnlyKeys("1", "2");
    assertThat(skews.get("2").getCauses()).containsExactly(SkewCause.TERMINAL_CORRECTION);
    assertThat(skews.get("2").getFeatures()).containsExactly("SEQ_TERMINAL_RISK_1");
    assertThat(step(exact().get(1), 1, FraudV1.SEQ_TERMINAL_RISK)).isEqualTo(0.5);
    assertThat(count(ServingCount.SKEW_TERMINAL_CORRECTION)).isEqualTo(2);
  }

  @Test
  void shouldNotBlameACorrectionOnATransactionServedBeforeTheCorrectedOneArrived() throws Exception {
    open(true);
    TransactionEvent first = event("1", "1", 10, T0);
    send(event("2", "1", 20, T0.plusSeconds(60)));           // served before the first one arrived
    send(first);
    send(Kind.CORRECTION, first, HALF_FRAUD);
    watermark(T0.plusSeconds(60));

    assertThat(skew()).filteredOn(skew -> skew.getTransactionId().equals("2")).singleElement()
        .satisfies(skew -> assertThat(skew.getCauses()).containsExactly(SkewCause.CARD_OUT_OF_ORDER));
  }

  @Test
  void shouldApplyATransactionBehindTheWatermarkAtOnceAndServeItsOneVector() throws Exception {
    open(true);
    send(event("2", "1", 30, T0.plusSeconds(60)));
    watermark(T0.plusSeconds(30));
    send(event("1", "1", 10, T0));                           // behind the watermark, within the allowed lateness

    assertThat(exact()).extracting(FeatureVector::getTransactionId).containsExactly("1");
    assertThat(online()).extracting(FeatureVector::getTransactionId).containsExactly("2", "1");
    assertThat(online().get(1)).isEqualTo(exact().get(0));

    watermark(T0.plusSeconds(60));

    assertThat(skew()).singleElement().satisfies(skew -> {
      assertThat(skew.getTransactionId()).isEqualTo("2");
      assertThat(skew.getCauses()).containsExactly(SkewCause.CARD_OUT_OF_ORDER);
    });
  }

  @Test
  void shouldCountACorrectionThatComesAfterItsTransactionWasStored() throws Exception {
    open(true);
    watermark(T0);                                          // ran ahead while the transaction's input was idle
    TransactionEvent transaction = event("1", "1", 10, T0);
    send(transaction);
    send(Kind.CORRECTION, transaction, HALF_FRAUD);

    assertThat(exact()).singleElement()
        .satisfies(vector -> assertThat(value(vector, FraudV1.terminalRisk(7))).as("the served value").isZero());
    assertThat(online()).hasSize(1);
    assertThat(skew()).isEmpty();
    assertThat(count(ServingCount.CORRECTED_AFTER_STORED)).isEqualTo(1);
  }

  @Test
  void shouldServeATooLateTransactionFromTheStateAsOfItsTimeWithoutStoringIt() throws Exception {
    open(true);
    send(event("1", "1", 10, T0.minus(Duration.ofHours(2))));
    send(event("3", "1", 30, T0));
    watermark(T0.plus(Duration.ofHours(1)));
    assertThat(exact()).hasSize(2);
    int stateEntries = harness.numKeyedStateEntries();

    send(Kind.TOO_LATE, event("2", "1", 20, T0.minus(Duration.ofHours(1))), NO_TERMINAL_HISTORY);

    assertThat(online()).extracting(FeatureVector::getTransactionId).containsExactly("1", "3", "2");
    FeatureVector late = online().get(2);
    assertThat(value(late, FraudV1.customerCount(1))).as("the earlier one and itself").isEqualTo(2);
    assertThat(value(late, FraudV1.CARD_SECONDS_SINCE_PREVIOUS)).isEqualTo(3600);
    assertThat(exact()).as("not stored").hasSize(2);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(stateEntries);
    assertThat(count(ServingCount.SERVED_TOO_LATE)).isEqualTo(1);

    send(event("4", "1", 40, T0.plus(Duration.ofHours(2))));
    assertThat(value(online().get(3), FraudV1.customerCount(1))).as("the too-late one was not applied")
        .isEqualTo(3);
  }

  @Test
  void shouldServeATransactionRestoredWaitingFromAStateThatServedNothingWhenTheWatermarkPassesIt() throws Exception {
    open(false);                                            // as the job was before it served online
    send(Kind.EXACT, event("1", "1", 10, T0), NO_TERMINAL_HISTORY);
    OperatorSubtaskState checkpoint = harness.snapshot(1L, 1L);
    harness.close();

    open(true, checkpoint);
    watermark(T0);

    assertThat(exact()).extracting(FeatureVector::getTransactionId).containsExactly("1");
    assertThat(online()).as("served once, with its exact values").isEqualTo(exact());
    assertThat(skew()).isEmpty();
  }

  @Test
  void shouldMoveTheListsOfAnOlderCheckpointIntoColumnsAndFeatureAsIfTheyHadBeenColumnsAllAlong() throws Exception {
    TransactionEvent first = event("1", "1", 10, T0);
    TransactionEvent second = event("2", "1", 20, T0.plusSeconds(90));
    TransactionEvent third = event("3", "1", 40, T0.plusSeconds(200));
    open(false);
    send(Kind.EXACT, first, NO_TERMINAL_HISTORY);
    send(Kind.EXACT, second, NO_TERMINAL_HISTORY);
    send(Kind.EXACT, third, NO_TERMINAL_HISTORY);
    watermark(Instant.ofEpochMilli(third.eventTime()));
    FeatureVector expected = exact().get(2);
    harness.close();

    // The lists a checkpoint from before 2026-12-05 holds for the first two, in arrival order (the second first).
    open(false);
    harness.getOperator().setCurrentKey("c1");
    CardStep firstStep = CardHistory.featuresAt(CardSteps.EMPTY, first, 0).step();
    CardStep secondStep = CardHistory.featuresAt(CardSteps.of(List.of(firstStep)), second, 0).step();
    stage.getRuntimeContext().getListState(FeatureState.customerPayments()).update(List.of(
        new CustomerPayment("2", second.eventTime(), second.amount()),
        new CustomerPayment("1", first.eventTime(), first.amount())));
    stage.getRuntimeContext().getMapState(FeatureState.cardSteps()).put("card-1", List.of(secondStep, firstStep));
    OperatorSubtaskState listed = harness.snapshot(1L, 1L);
    harness.close();

    open(false, listed);
    send(Kind.EXACT, third, NO_TERMINAL_HISTORY);
    watermark(Instant.ofEpochMilli(third.eventTime()));

    assertThat(exact()).singleElement().satisfies(vector -> {
      assertThat(vector.getValues()).isEqualTo(expected.getValues());
      assertThat(vector.getSequence()).isEqualTo(expected.getSequence());
    });
    harness.getOperator().setCurrentKey("c1");
    assertThat(stage.getRuntimeContext().getListState(FeatureState.customerPayments()).get()).isEmpty();
    assertThat(stage.getRuntimeContext().getMapState(FeatureState.cardSteps()).isEmpty()).isTrue();
    assertThat(stage.getRuntimeContext().getState(FeatureState.customerHistory()).value().transactionIds())
        .containsExactly("1", "2", "3");
  }

  @Test
  void shouldLeaveNoStateOrTimerOnceTheCardsTimeToLiveHasPassed() throws Exception {
    open(false);
    send(Kind.EXACT, event("1", "1", 10, T0), NO_TERMINAL_HISTORY);
    send(Kind.EXACT, event("2", "1", 20, T0.plusSeconds(1)), NO_TERMINAL_HISTORY);
    watermark(T0.plusSeconds(1));
    assertThat(exact()).hasSize(2);
    assertThat(harness.numKeyedStateEntries()).isPositive();

    watermark(T0.plusSeconds(1).plus(FraudV1.customerHorizon()).plus(LATENESS).plusSeconds(1));

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void shouldKeepAnActiveCustomerUntilAHorizonAfterItsNewestTransactionWithOneTimerAtATime() throws Exception {
    open(false);
    Duration horizon = FraudV1.customerHorizon().plus(LATENESS).plusSeconds(1);
    Instant newest = T0.plus(Duration.ofDays(10));
    send(Kind.EXACT, event("1", "1", 10, T0), NO_TERMINAL_HISTORY);
    for (int i = 0; i < 50; i++) {
      send(Kind.EXACT, event("2-" + i, "1", 20, newest.minusSeconds(50 - i)), NO_TERMINAL_HISTORY);
    }
    send(Kind.EXACT, event("3", "1", 30, newest), NO_TERMINAL_HISTORY);
    watermark(newest);
    assertThat(exact()).hasSize(52);
    assertThat(harness.numEventTimeTimers()).as("the retention timer, not one per transaction").isEqualTo(1);

    watermark(T0.plus(horizon));                            // the first transaction's horizon: the others still count
    assertThat(harness.numKeyedStateEntries()).isPositive();
    assertThat(harness.numEventTimeTimers()).as("moved to a horizon after the newest").isEqualTo(1);
    Instant next = T0.plus(horizon).plusSeconds(1);
    send(Kind.EXACT, event("4", "1", 40, next), NO_TERMINAL_HISTORY);
    watermark(next);
    assertThat(value(exact().get(52), FraudV1.customerCount(30))).as("the 51 of the last 30 days and itself")
        .isEqualTo(52);

    watermark(next.plus(horizon));

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void shouldLeaveNoStateOrTimerAfterServingCorrectingAndReportingSkew() throws Exception {
    open(true);
    TransactionEvent first = event("1", "1", 10, T0);
    send(event("2", "1", 20, T0.plusSeconds(1)));
    send(first);
    send(Kind.CORRECTION, first, HALF_FRAUD);
    watermark(T0.plusSeconds(1));
    assertThat(skew()).hasSize(2);

    watermark(T0.plusSeconds(1).plus(FraudV1.customerHorizon()).plus(LATENESS).plusSeconds(1));

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
