package io.argus.trainer.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.AlertKind;
import io.argus.avro.FeatureVector;
import io.argus.features.FraudV1;
import io.argus.features.offline.DatasetSplit.Window;
import io.argus.features.offline.LabeledVector;
import io.argus.model.FraudModel;
import io.argus.trainer.RecordingReleaseSink;
import io.argus.trainer.synthetic.SyntheticFraud;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scheduler retrains on its interval, and at once with a DRIFT alert when the recent data shifts. */
class RetrainingSchedulerTest {

  private static final Instant T0 = SyntheticFraud.T0;
  private static final Window TRAINING_WINDOW = new Window(T0, T0.plus(Duration.ofDays(1)));
  private static final Instant AFTER_TRAINING = TRAINING_WINDOW.to().plus(Duration.ofDays(1));
  private static final Instant TRAINED_AT = AFTER_TRAINING.minus(Duration.ofHours(6));
  private static final int AMOUNT = FraudV1.FEATURE_SET.indexOf("TX_AMOUNT");

  private final MutableClock clock = new MutableClock(AFTER_TRAINING);
  private final RecordingReleaseSink alerts = new RecordingReleaseSink();
  private final List<String> retrainings = new ArrayList<>();
  private final List<FeatureVector> vectors = new ArrayList<>();

  @Test
  void shouldRetrainWhenTheIntervalHasPassedWithoutDrift() {
    addDay(T0, 1.0);
    addDay(AFTER_TRAINING.minus(Duration.ofDays(1)), 1.0);
    RetrainingScheduler scheduler = scheduler();

    RetrainingScheduler.Check early = scheduler.check();
    clock.now = TRAINED_AT.plus(Duration.ofHours(25));
    RetrainingScheduler.Check due = scheduler.check();

    assertThat(early.retrained()).isFalse();
    assertThat(early.stability()).containsKeys("score", "TX_AMOUNT").allSatisfy((name, index) ->
        assertThat(index).isLessThan(0.2));
    assertThat(due.retrained()).isTrue();
    assertThat(due.drift()).isFalse();
    assertThat(retrainings).containsExactly(due.reason());
    assertThat(due.reason()).startsWith("schedule");
    assertThat(alerts.alerts).isEmpty();
  }

  @Test
  void shouldRaiseDriftAlertAndRetrainWhenAmountsShift() {
    addDay(T0, 1.0);
    addDay(AFTER_TRAINING.minus(Duration.ofDays(1)), 5.0);

    RetrainingScheduler.Check check = scheduler().check();

    assertThat(check.drift()).isTrue();
    assertThat(check.retrained()).isTrue();
    assertThat(check.stability().get("TX_AMOUNT")).isGreaterThan(0.2);
    assertThat(check.stability().get("score")).as("the model scores amounts, so its scores drift too")
        .isGreaterThan(0.2);
    assertThat(alerts.alerts).singleElement().satisfies(alert -> {
      assertThat(alert.getKind()).isEqualTo(AlertKind.DRIFT);
      assertThat(alert.getMessage()).contains("TX_AMOUNT");
    });
    assertThat(retrainings).hasSize(1);
  }

  private RetrainingScheduler scheduler() {
    FraudModel amountModel = new AmountModel();
    return new RetrainingScheduler(FraudV1.FEATURE_SET, (from, to) -> vectors.stream()
        .filter(vector -> !vector.getEventTime().isBefore(from) && vector.getEventTime().isBefore(to)).toList(),
        () -> Optional.of(amountModel), (now, reason) -> {
          retrainings.add(reason);
          return new Window(now.minus(Duration.ofDays(1)), now);
        }, alerts, clock, RetrainingPolicy.DEFAULT, TRAINING_WINDOW, TRAINED_AT);
  }

  private void addDay(Instant day, double amountFactor) {
    for (LabeledVector example : new SyntheticFraud(day.getEpochSecond(), false, 0.01).examples(500, day)) {
      List<Double> values = new ArrayList<>(example.vector().getValues());
      values.set(AMOUNT, values.get(AMOUNT) * amountFactor);
      vectors.add(FeatureVector.newBuilder(example.vector()).setValues(values).build());
    }
  }

  /** Scores the amount alone: enough to see score drift. */
  private static final class AmountModel implements FraudModel {
    @Override
    public String family() {
      return "linear";
    }

    @Override
    public List<String> featureNames() {
      return FraudV1.FEATURE_SET.staticNames();
    }

    @Override
    public List<String> sequenceFeatureNames() {
      return List.of();
    }

    @Override
    public double[] encodeSequence(double[][] sequence) {
      return new double[0];
    }

    @Override
    public double scoreEncoded(double[] encoding, double[] values) {
      return 1 / (1 + Math.exp(-(values[AMOUNT] - 100) / 50));
    }

    @Override
    public FraudModel copy() {
      return this;
    }
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
