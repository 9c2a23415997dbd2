package io.argus.features.compute;

import static io.argus.features.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FeatureVector;
import io.argus.avro.Transaction;
import io.argus.features.Fixtures;
import io.argus.features.FraudV1;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureVectorsTest {

  private static double value(FeatureVector vector, String name) {
    return vector.getValues().get(FraudV1.FEATURE_SET.indexOf(name));
  }

  private static FeatureVector only(Transaction transaction) {
    return ReferenceFeatures.compute(List.of(transaction), List.of()).get(0);
  }

  @Test
  void shouldFlagNightUpToSixFiftyNineAndFiftyNineSecondsUtc() {
    Instant lastNightSecond = Instant.parse("2018-07-25T06:59:59Z");
    assertThat(value(only(Fixtures.tx("1", "c1", "t1", 10, lastNightSecond)), FraudV1.TX_DURING_NIGHT)).isEqualTo(1);
    assertThat(value(only(Fixtures.tx("1", "c1", "t1", 10, lastNightSecond.plusSeconds(1))),
        FraudV1.TX_DURING_NIGHT)).isZero();
    assertThat(value(only(Fixtures.tx("1", "c1", "t1", 10, Instant.parse("2018-07-25T00:00:00Z"))),
        FraudV1.TX_DURING_NIGHT)).isEqualTo(1);
  }

  @Test
  void shouldFlagSaturdayAndSundayAsWeekend() {
    assertThat(value(only(Fixtures.tx("1", "c1", "t1", 10, Instant.parse("2018-07-28T23:59:59Z"))),
        FraudV1.TX_DURING_WEEKEND)).isEqualTo(1);
    assertThat(value(only(Fixtures.tx("1", "c1", "t1", 10, Instant.parse("2018-07-29T12:00:00Z"))),
        FraudV1.TX_DURING_WEEKEND)).isEqualTo(1);
    assertThat(value(only(Fixtures.tx("1", "c1", "t1", 10, Instant.parse("2018-07-30T00:00:00Z"))),
        FraudV1.TX_DURING_WEEKEND)).isZero();
  }

  @Test
  void shouldWriteEveryDeclaredFeatureAndPadTheSequenceAtTheFront() {
    FeatureVector vector = only(Fixtures.tx("1", "c1", "t1", 57.16, T0));

    assertThat(vector.getValues()).hasSize(FraudV1.FEATURE_SET.staticFeatures().size());
    assertThat(value(vector, FraudV1.TX_AMOUNT)).isEqualTo(57.16);
    assertThat(vector.getFeatureSetVersion()).isEqualTo(FraudV1.VERSION);
    assertThat(vector.getSequence()).hasSize(FraudV1.SEQUENCE_LENGTH);
    assertThat(vector.getSequence().get(0)).containsOnly(0.0);
    assertThat(vector.getSequence().get(FraudV1.SEQUENCE_LENGTH - 1))
        .containsExactly(57.16, FraudV1.MAX_SECONDS_SINCE_PREVIOUS, 0.0, 1.0, 1.0);
  }

  @Test
  void shouldConvertMinorUnitsByTheCurrencyDigits() {
    assertThat(TransactionEvent.majorUnits(5716, "EUR")).isEqualTo(57.16);
    assertThat(TransactionEvent.majorUnits(5716, "JPY")).isEqualTo(5716);
    assertThat(TransactionEvent.majorUnits(5716, "BHD")).isEqualTo(5.716);
  }
}
