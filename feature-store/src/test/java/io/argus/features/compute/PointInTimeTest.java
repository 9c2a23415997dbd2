package io.argus.features.compute;

import static io.argus.features.Fixtures.T0;
import static io.argus.features.Fixtures.fraud;
import static io.argus.features.Fixtures.label;
import static io.argus.features.Fixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FeatureVector;
import io.argus.avro.Transaction;
import io.argus.features.FraudV1;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointInTimeTest {

  private static final Transaction EARLIER = tx("1", "c1", "term-1", 10, T0.minus(Duration.ofDays(8)));
  private static final Transaction CURRENT = tx("2", "c2", "term-1", 10, T0);

  private static FeatureVector currentVector(List<io.argus.avro.FraudLabel> labels) {
    return ReferenceFeatures.compute(List.of(EARLIER, CURRENT), labels).get(1);
  }

  @Test
  void shouldChangeNoFeatureAtTWhenTheLabelIsReportedAfterT() {
    FeatureVector withoutLabel = currentVector(List.of());
    FeatureVector reportedLater = currentVector(List.of(label(EARLIER, true, T0.plusMillis(1))));

    assertThat(reportedLater.getValues()).isEqualTo(withoutLabel.getValues());
    assertThat(reportedLater.getSequence()).isEqualTo(withoutLabel.getSequence());
  }

  @Test
  void shouldUseALabelReportedBeforeT() {
    FeatureVector reportedInTime = currentVector(List.of(fraud(EARLIER)));

    assertThat(reportedInTime.getValues().get(FraudV1.FEATURE_SET.indexOf(FraudV1.terminalRisk(7))))
        .isEqualTo(1.0);
  }
}
