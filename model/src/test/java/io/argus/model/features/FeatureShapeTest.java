package io.argus.model.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FeatureVector;
import io.argus.features.FraudV1;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureShapeTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private final FeatureShape shape = new FeatureShape(FraudV1.FEATURE_SET);

  @Test
  void shouldFindNothingWrongWithAFraudV1Vector() {
    assertThat(shape.problem(vector(values(), sequence(3)))).isNull();
  }

  @Test
  void shouldNameAnotherFeatureSetVersion() {
    FeatureVector vector = vector(values(), sequence(3));
    vector.setFeatureSetVersion("fraud_v2");

    assertThat(shape.problem(vector)).isEqualTo("featureSetVersion is fraud_v2, expected fraud_v1");
  }

  @Test
  void shouldNameAMissingStaticValue() {
    List<Double> values = values();
    values.remove(values.size() - 1);

    assertThat(shape.problem(vector(values, sequence(3)))).startsWith("values has "
        + (FraudV1.FEATURE_SET.staticFeatures().size() - 1) + " values, expected "
        + FraudV1.FEATURE_SET.staticFeatures().size());
  }

  @Test
  void shouldNameTheFeatureOfANonFiniteValue() {
    List<Double> values = values();
    values.set(FraudV1.FEATURE_SET.indexOf(FraudV1.TX_AMOUNT), Double.NaN);

    assertThat(shape.problem("features", values, sequence(1))).isEqualTo("features[0] (TX_AMOUNT) is NaN");
  }

  @Test
  void shouldRefuseAnEmptySequenceAndOneLongerThanTheFeatureSetsLength() {
    assertThat(shape.problem(vector(values(), sequence(0)))).startsWith("sequence has 0 steps, expected 1 to 10");
    assertThat(shape.problem(vector(values(), sequence(11)))).startsWith("sequence has 11 steps, expected 1 to 10");
    assertThat(shape.fitsSequenceOf(10)).isTrue();
  }

  @Test
  void shouldNameTheStepOfAShortSequenceStep() {
    List<List<Double>> sequence = sequence(3);
    sequence.set(1, List.of(1.0));

    assertThat(shape.problem(vector(values(), sequence))).startsWith("sequence[1] has 1 values, expected "
        + FraudV1.FEATURE_SET.sequenceStep().size());
  }

  @Test
  void shouldFindTheSameProblemsInArraysAsInAFeatureVector() {
    List<Double> missing = values();
    missing.remove(0);
    List<Double> infinite = values();
    infinite.set(3, Double.POSITIVE_INFINITY);
    List<List<Double>> shortStep = sequence(3);
    shortStep.set(2, List.of(1.0, 2.0));
    List<List<Double>> nanStep = sequence(2);
    nanStep.set(0, new ArrayList<>(nanStep.get(0)));
    nanStep.get(0).set(1, Double.NaN);
    FeatureVector otherVersion = vector(values(), sequence(2));
    otherVersion.setFeatureSetVersion("fraud_v0");

    for (FeatureVector vector : List.of(vector(values(), sequence(3)), otherVersion, vector(missing, sequence(3)),
        vector(infinite, sequence(3)), vector(values(), sequence(0)), vector(values(), sequence(11)),
        vector(values(), shortStep), vector(values(), nanStep))) {
      double[][] steps = vector.getSequence().stream()
          .map(step -> step.stream().mapToDouble(Double::doubleValue).toArray()).toArray(double[][]::new);
      assertThat(shape.problem(vector.getFeatureSetVersion(),
          vector.getValues().stream().mapToDouble(Double::doubleValue).toArray(), steps))
          .isEqualTo(shape.problem(vector));
    }
  }

  private static List<Double> values() {
    return new ArrayList<>(Collections.nCopies(FraudV1.FEATURE_SET.staticFeatures().size(), 1.0));
  }

  private static List<List<Double>> sequence(int steps) {
    List<List<Double>> sequence = new ArrayList<>();
    for (int step = 0; step < steps; step++) {
      sequence.add(Collections.nCopies(FraudV1.FEATURE_SET.sequenceStep().size(), 2.0));
    }
    return sequence;
  }

  private static FeatureVector vector(List<Double> values, List<List<Double>> sequence) {
    return FeatureVector.newBuilder().setTransactionId("t-1").setEventTime(T0).setCardToken("card-1")
        .setCustomerId("c-1").setTerminalId("term-1").setFeatureSetVersion(FraudV1.VERSION).setValues(values)
        .setSequence(sequence).setIngestTime(T0).setComputedAt(T0).build();
  }
}
