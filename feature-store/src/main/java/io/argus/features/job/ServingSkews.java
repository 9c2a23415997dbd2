package io.argus.features.job;

import io.argus.avro.FeatureVector;
import io.argus.avro.ServingSkew;
import io.argus.features.FraudV1;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares what a transaction was served online with its exact vector, value by value (the sequence step by step),
 * and describes any difference as a {@link ServingSkew}: the names that differ, both values of each, the causes.
 */
final class ServingSkews {

  private static final List<String> STATIC_NAMES = FraudV1.FEATURE_SET.staticNames();
  private static final List<String> STEP_NAMES = FraudV1.FEATURE_SET.sequenceStepNames();

  private ServingSkews() {
  }

  /** The skew between {@code served} and {@code exact}, or {@code null} when every value is the same. */
  static ServingSkew between(ServedVector served, FeatureVector exact) {
    List<String> names = new ArrayList<>();
    List<Double> servedValues = new ArrayList<>();
    List<Double> exactValues = new ArrayList<>();
    List<Double> values = exact.getValues();
    for (int i = 0; i < values.size(); i++) {
      double servedValue = served.values()[i];
      double exactValue = values.get(i);
      if (Double.compare(servedValue, exactValue) != 0) {
        add(STATIC_NAMES.get(i), servedValue, exactValue, names, servedValues, exactValues);
      }
    }
    List<List<Double>> sequence = exact.getSequence();
    for (int row = 0; row < sequence.size(); row++) {
      for (int column = 0; column < STEP_NAMES.size(); column++) {
        double servedValue = served.sequence()[row * STEP_NAMES.size() + column];
        double exactValue = sequence.get(row).get(column);
        // The name is built only for a value that differs: every stored vector is compared, value by value.
        if (Double.compare(servedValue, exactValue) != 0) {
          add(STEP_NAMES.get(column) + "_" + (sequence.size() - 1 - row), servedValue, exactValue, names,
              servedValues, exactValues);
        }
      }
    }
    if (names.isEmpty()) {
      return null;
    }
    return ServingSkew.newBuilder()
        .setTransactionId(exact.getTransactionId())
        .setEventTime(Instant.ofEpochMilli(exact.getEventTime().toEpochMilli()))
        .setFeatureSetVersion(exact.getFeatureSetVersion())
        .setFeatures(names)
        .setServedValues(servedValues)
        .setExactValues(exactValues)
        .setCauses(served.causes())
        .build();
  }

  private static void add(String name, double served, double exact, List<String> names, List<Double> servedValues,
      List<Double> exactValues) {
    names.add(name);
    servedValues.add(served);
    exactValues.add(exact);
  }
}
