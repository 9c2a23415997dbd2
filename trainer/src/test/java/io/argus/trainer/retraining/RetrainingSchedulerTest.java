package io.argus.trainer.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.FeatureVector;
import io.argus.features.FraudV1;
import io.argus.features.offline.DatasetSplit.Window;
import io.argus.features.offline.LabeledVector;
import io.argus.model.FraudModel;
import io.argus.trainer.RecordingReleaseSink;
import io.argus.trainer.retraining.RetrainingScheduler.Outcome;
import io.argus.trainer.synthetic.SyntheticFraud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler retrains on its interval, and at once with a DRIFT alert when the recent data shifts; but only on
 * labelled data it has not trained on: while drift lasts a rejected challenger is not trained again on the same
 * data, the schedule on unchanged data is skipped, a store too short is waited for, and a restart remembers all of
 * it. Every decision is a MODEL alert. Driven by a fake clock and a fake trainer.
 */
class RetrainingSchedulerTest {

  private static final Instant T0 = SyntheticFraud.T0;
  private static final Window TRAINING_WINDOW = new Window(T0, T0.plus(Duration.ofDays(1)));
  private static final Instant AFTER_TRAINING = TRAINING_WINDOW.to().plus(Duration.ofDays(1));
  private static final Instant TRAINED_AT = AFTER_TRAINING.minus(Duration.ofHours(6));
  private static final Duration ONE_HOUR = Duration.ofHours(1);
  private static final Duration ONE_DAY = Duration.ofDays(1);
  private static final int AMOUNT = FraudV1.FEATURE_SET.indexOf("TX_AMOUNT");

  private final MutableClock clock = new MutableClock(AFTER_TRAINING);
  private final RecordingReleaseSink alerts = new RecordingReleaseSink();
  private final FakeTrainer trainer = new FakeTrainer();
  private final List<FeatureVector> vectors = new ArrayList<>();

  @TempDir
  Path directory;

  @Test
  void shouldRetrainWhenTheIntervalHasPassedWithoutDrift() {
    addDay(T0, 1.0);
    addDay(AFTER_TRAINING.minus(ONE_DAY), 1.0);
    RetrainingScheduler scheduler = scheduler(RetrainingPolicy.DEFAULT, memory());

    RetrainingScheduler.Check early = scheduler.check();
    clock.now = TRAINED_AT.plus(Duration.ofHours(25));
    RetrainingScheduler.Check due = scheduler.check();

    assertThat(early.outcome()).isEqualTo(Outcome.NOT_DUE);
    assertThat(early.stability()).containsKeys("score", "TX_AMOUNT").allSatisfy((name, index) ->
        assertThat(index).isLessThan(0.2));
    assertThat(due.retrained()).isTrue();
    assertThat(due.drift()).isFalse();
    assertThat(trainer.reasons).containsExactly(due.reason());
    assertThat(due.reason()).startsWith("schedule: 25h");
    assertThat(decisions()).containsExactly("TRAINING", "PROMOTED");
    assertThat(alerts.alerts).allMatch(alert -> alert.getKind() == AlertKind.MODEL);
    assertThat(alerts.alerts.get(1).getMessage()).contains("challenger v1 promoted");
  }

  @Test
  void shouldRaiseDriftAlertAndRetrainWhenAmountsShift() {
    addDay(T0, 1.0);
    addDay(AFTER_TRAINING.minus(ONE_DAY), 5.0);

    RetrainingScheduler.Check check = scheduler(RetrainingPolicy.DEFAULT, memory()).check();

    assertThat(check.drift()).isTrue();
    assertThat(check.retrained()).isTrue();
    assertThat(check.stability().get("TX_AMOUNT")).isGreaterThan(0.2);
    assertThat(check.stability().get("score")).as("the model scores amounts, so its scores drift too")
        .isGreaterThan(0.2);
    assertThat(alerts.alerts).filteredOn(alert -> alert.getKind() == AlertKind.DRIFT).singleElement()
        .satisfies(alert -> assertThat(alert.getMessage()).contains("TX_AMOUNT"));
    assertThat(trainer.reasons).singleElement().asString().startsWith("drift: population stability index");
  }

  @Test
  void shouldNotRetrainTwiceOnTheSameDataWhileDriftLasts() {
    addDay(T0, 1.0);
    addDay(AFTER_TRAINING.minus(ONE_DAY), 5.0);
    addDay(AFTER_TRAINING, 5.0);
    trainer.promote = false;
    RetrainingScheduler scheduler = scheduler(RetrainingPolicy.DEFAULT, memory());

    List<RetrainingScheduler.Check> sameDay = new ArrayList<>();
    for (int hour = 0; hour < 4; hour++) {
      clock.now = AFTER_TRAINING.plus(ONE_HOUR.multipliedBy(hour));
      sameDay.add(scheduler.check());
    }
    clock.now = AFTER_TRAINING.plus(ONE_DAY).plus(ONE_HOUR);
    RetrainingScheduler.Check nextDay = scheduler.check();

    assertThat(sameDay).extracting(RetrainingScheduler.Check::outcome)
        .containsExactly(Outcome.REJECTED, Outcome.SKIPPED, Outcome.SKIPPED, Outcome.SKIPPED);
    assertThat(sameDay).allMatch(RetrainingScheduler.Check::drift);
    assertThat(sameDay.get(1).reason()).contains("skipped: nothing new to learn",
        RetrainingScheduler.window(trainer.labelledAt(AFTER_TRAINING)), "v1 rejected: champion kept");
    assertThat(nextDay.outcome()).as("the newest labelled window moved a day").isEqualTo(Outcome.REJECTED);
    assertThat(trainer.trainings).isEqualTo(2);
    assertThat(trainer.reasons).hasSize(2);
    assertThat(trainer.reasons.get(0)).startsWith("drift: ");
    assertThat(trainer.reasons.get(1)).startsWith("drift since " + AFTER_TRAINING + ": ");
    assertThat(decisions()).as("one skip published, not one per check")
        .containsExactly("TRAINING", "REJECTED", "SKIPPED", "TRAINING", "REJECTED");
    assertThat(alerts.alerts).filteredOn(alert -> alert.getKind() == AlertKind.DRIFT).as("one drift episode")
        .hasSize(1);
    assertThat(scheduler.state().reference()).as("a rejected challenger leaves the reference")
        .isEqualTo(TRAINING_WINDOW);
  }

  @Test
  void shouldSkipTheScheduleWhenNothingNewWasLabelledSinceTheLastTraining() {
    addDay(T0, 1.0);
    addDay(AFTER_TRAINING.minus(ONE_DAY), 1.0);
    RetrainingPolicy hourly = new RetrainingPolicy(ONE_HOUR, ONE_HOUR, ONE_DAY, 0.2,
        RetrainingPolicy.DEFAULT.driftFeatures(), 10);
    RetrainingScheduler scheduler = scheduler(hourly, memory());

    RetrainingScheduler.Check first = scheduler.check();
    clock.now = AFTER_TRAINING.plus(ONE_HOUR);
    RetrainingScheduler.Check second = scheduler.check();

    assertThat(first.outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(second.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(second.reason()).startsWith("schedule: 1h since the last training; skipped: nothing new to learn");
    assertThat(trainer.trainings).isOne();
    assertThat(scheduler.state().reference()).as("the promoted challenger is the new reference")
        .isEqualTo(new Window(AFTER_TRAINING.minus(ONE_DAY), AFTER_TRAINING));
  }

  @Test
  void shouldWaitUntilTheStoreHoldsTheDataAndSaySoOnce() {
    addDay(T0, 1.0);
    addDay(AFTER_TRAINING.minus(ONE_DAY), 1.0);
    trainer.notReady = "it needs features from 2018-07-01 and the offline store begins on 2018-07-25";
    RetrainingScheduler scheduler = scheduler(RetrainingPolicy.DEFAULT, memory());
    clock.now = TRAINED_AT.plus(Duration.ofHours(25));

    RetrainingScheduler.Check first = scheduler.check();
    clock.now = clock.now.plus(ONE_HOUR);
    RetrainingScheduler.Check second = scheduler.check();

    assertThat(List.of(first.outcome(), second.outcome())).containsOnly(Outcome.SKIPPED);
    assertThat(trainer.trainings).isZero();
    assertThat(decisions()).containsExactly("SKIPPED");
    assertThat(alerts.alerts.get(0).getMessage()).isEqualTo("retraining fraud skipped: " + trainer.notReady
        + " (due: schedule: 25h since the last training)");
    assertThat(scheduler.state().lastTraining()).as("a skip is no training").isEqualTo(TRAINED_AT);
  }

  @Test
  void shouldRememberWhatItTrainedAcrossARestart() throws Exception {
    addDay(T0, 1.0);
    addDay(AFTER_TRAINING.minus(ONE_DAY), 5.0);
    trainer.promote = false;
    Path file = directory.resolve("fraud").resolve("retraining.json");
    RetrainingState initial = RetrainingState.initial(TRAINING_WINDOW, TRAINED_AT);

    RetrainingScheduler.Check before = scheduler(RetrainingPolicy.DEFAULT,
        RetrainingStateStore.file(file, initial)).check();
    clock.now = AFTER_TRAINING.plus(ONE_HOUR);
    RetrainingScheduler restarted = scheduler(RetrainingPolicy.DEFAULT, RetrainingStateStore.file(file, initial));
    RetrainingScheduler.Check after = restarted.check();

    assertThat(before.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(after.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(trainer.trainings).isOne();
    assertThat(restarted.state().trainings()).singleElement().satisfies(training -> {
      assertThat(training.at()).isEqualTo(AFTER_TRAINING);
      assertThat(training.data()).isEqualTo(trainer.labelledAt(AFTER_TRAINING));
      assertThat(training.reason()).startsWith("drift: ");
      assertThat(training.modelVersion()).isEqualTo("v1");
      assertThat(training.promoted()).isFalse();
      assertThat(training.decision()).isEqualTo("champion kept");
    });
    assertThat(restarted.state().driftSince()).isEqualTo(AFTER_TRAINING);
    assertThat(restarted.state().lastTraining()).isEqualTo(AFTER_TRAINING);
    assertThat(alerts.alerts).filteredOn(alert -> alert.getKind() == AlertKind.DRIFT)
        .as("the episode goes on after the restart").hasSize(1);
    assertThat(Files.readString(file)).contains("\"decision\" : \"champion kept\"");
  }

  @Test
  void shouldStartFromTheInitialStateWhenTheFileCannotBeRead() throws Exception {
    Path file = directory.resolve("retraining.json");
    Files.writeString(file, "{ not json");
    RetrainingState initial = RetrainingState.initial(TRAINING_WINDOW, TRAINED_AT);

    assertThat(RetrainingStateStore.file(file, initial).load()).isEqualTo(initial);
  }

  @Test
  void shouldCountAFailedTrainingAsTriedAndKeepTheChampion() {
    addDay(T0, 1.0);
    addDay(AFTER_TRAINING.minus(ONE_DAY), 5.0);
    trainer.failure = new IllegalStateException("no fraud in the test window");
    RetrainingScheduler scheduler = scheduler(RetrainingPolicy.DEFAULT, memory());

    RetrainingScheduler.Check failed = scheduler.check();
    clock.now = AFTER_TRAINING.plus(ONE_HOUR);
    RetrainingScheduler.Check again = scheduler.check();

    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(again.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(again.reason()).contains("failed: java.lang.IllegalStateException: no fraud in the test window");
    assertThat(trainer.trainings).isOne();
    assertThat(decisions()).containsExactly("TRAINING", "FAILED", "SKIPPED");
    assertThat(scheduler.state().reference()).isEqualTo(TRAINING_WINDOW);
  }

  private RetrainingStateStore memory() {
    return RetrainingStateStore.inMemory(RetrainingState.initial(TRAINING_WINDOW, TRAINED_AT));
  }

  private RetrainingScheduler scheduler(RetrainingPolicy policy, RetrainingStateStore store) {
    FraudModel amountModel = new AmountModel();
    return new RetrainingScheduler(FraudV1.FEATURE_SET, (from, to) -> vectors.stream()
        .filter(vector -> !vector.getEventTime().isBefore(from) && vector.getEventTime().isBefore(to)).toList(),
        () -> Optional.of(amountModel), trainer, alerts, clock, policy, store);
  }

  /** The {@code decision} reference of every MODEL alert, in order. */
  private List<String> decisions() {
    return alerts.alerts.stream().filter(alert -> alert.getKind() == AlertKind.MODEL)
        .map(Alert::getReferences).map(references -> references.get("decision")).toList();
  }

  private void addDay(Instant day, double amountFactor) {
    for (LabeledVector example : new SyntheticFraud(day.getEpochSecond(), false, 0.01).examples(500, day)) {
      List<Double> values = new ArrayList<>(example.vector().getValues());
      values.set(AMOUNT, values.get(AMOUNT) * amountFactor);
      vectors.add(FeatureVector.newBuilder(example.vector()).setValues(values).build());
    }
  }

  /**
   * Trains instantly: its newest labelled data is the week ending seven days before the day of {@code now} (it moves
   * a day at a time, like the offline store's protocol); it promotes or rejects as told, or fails.
   */
  private static final class FakeTrainer implements RetrainingScheduler.Retrainer {
    final List<String> reasons = new ArrayList<>();
    int trainings;
    boolean promote = true;
    String notReady;
    RuntimeException failure;

    @Override
    public String modelName() {
      return "fraud";
    }

    @Override
    public Window newestLabelled(Instant now) {
      return labelledAt(now);
    }

    Window labelledAt(Instant now) {
      Instant end = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(7));
      return new Window(end.minus(Duration.ofDays(7)), end);
    }

    @Override
    public Optional<String> notReady(Instant now) {
      return Optional.ofNullable(notReady);
    }

    @Override
    public RetrainingScheduler.Retraining retrain(Instant now, String reason) {
      trainings++;
      reasons.add(reason);
      if (failure != null) {
        throw failure;
      }
      return new RetrainingScheduler.Retraining(new Window(now.minus(ONE_DAY), now), "v" + trainings, promote,
          promote ? "promoted" : "champion kept");
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
