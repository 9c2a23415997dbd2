package io.argus.features.offline;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudLabel;
import io.argus.features.compute.EventOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the train, validation and test sets of an {@link EvaluationProtocol} from the offline store, point in time:
 * train and validation examples are labelled with the frauds reported before the test window starts; test examples
 * with every label in the store (the ground truth). As the handbook does, the test set drops on each test day the
 * customers already known to be compromised: those with a fraud in the train window, plus, for test day d, those
 * with a fraud on calendar day {@code trainTo + d - 1}. Only the date partitions of the three windows are read.
 */
public final class PointInTimeDatasetBuilder {

  private static final Comparator<LabeledVector> EVENT_ORDER = Comparator
      .comparing((LabeledVector example) -> example.vector().getEventTime())
      .thenComparing(example -> example.vector().getTransactionId(), EventOrder.TRANSACTION_ID);

  private PointInTimeDatasetBuilder() {
  }

  /** The split of {@code protocol} from the store's feature vectors and labels. */
  public static DatasetSplit build(OfflineStore store, EvaluationProtocol protocol) {
    Map<String, FraudLabel> frauds = new HashMap<>();
    store.labels(protocol.validationFrom(), protocol.testTo(), label -> {
      if (label.getFraud()) {
        frauds.merge(label.getTransactionId(), label,
            (known, later) -> known.getReportedAt().isAfter(later.getReportedAt()) ? later : known);
      }
    });
    Instant cutOff = protocol.testWindow().from();
    KnownCompromised known = new KnownCompromised(protocol, frauds.values());

    List<LabeledVector> validation = new ArrayList<>();
    List<LabeledVector> train = new ArrayList<>();
    store.features(protocol.validationFrom(), protocol.trainTo(), vector -> {
      FraudLabel fraud = frauds.get(vector.getTransactionId());
      LabeledVector example = new LabeledVector(vector, fraud != null && fraud.getReportedAt().isBefore(cutOff));
      if (protocol.trainWindow().contains(vector.getEventTime())) {
        train.add(example);
      } else if (protocol.validationWindow().contains(vector.getEventTime())) {
        validation.add(example);
      }
    });
    List<LabeledVector> test = new ArrayList<>();
    store.features(protocol.testFrom(), protocol.testTo(), vector -> {
      if (protocol.testWindow().contains(vector.getEventTime()) && !known.excludes(vector)) {
        test.add(new LabeledVector(vector, frauds.containsKey(vector.getTransactionId())));
      }
    });
    train.sort(EVENT_ORDER);
    validation.sort(EVENT_ORDER);
    test.sort(EVENT_ORDER);
    return new DatasetSplit(train, validation, test, protocol.trainWindow(), protocol.validationWindow(),
        protocol.testWindow());
  }

  /** The handbook's known-compromised customers, per test day. */
  private static final class KnownCompromised {
    private final LocalDate testFrom;
    private final List<Set<String>> knownOnTestDay = new ArrayList<>();

    KnownCompromised(EvaluationProtocol protocol, Iterable<FraudLabel> frauds) {
      this.testFrom = protocol.testFrom();
      Map<LocalDate, Set<String>> compromisedOn = new HashMap<>();
      Set<String> known = new HashSet<>();
      for (FraudLabel fraud : frauds) {
        LocalDate day = LocalDate.ofInstant(fraud.getTransactionTime(), ZoneOffset.UTC);
        compromisedOn.computeIfAbsent(day, ignored -> new HashSet<>()).add(fraud.getCustomerId());
        if (protocol.trainWindow().contains(fraud.getTransactionTime())) {
          known.add(fraud.getCustomerId());
        }
      }
      for (int day = 0; day < protocol.testDays(); day++) {
        known.addAll(compromisedOn.getOrDefault(protocol.trainTo().plusDays(day - 1L), Set.of()));
        knownOnTestDay.add(Set.copyOf(known));
      }
    }

    boolean excludes(FeatureVector vector) {
      LocalDate day = LocalDate.ofInstant(vector.getEventTime(), ZoneOffset.UTC);
      int index = (int) (day.toEpochDay() - testFrom.toEpochDay());
      return knownOnTestDay.get(index).contains(vector.getCustomerId());
    }
  }
}
