package io.argus.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.avro.FeatureVector;
import io.argus.model.ModelInput;
import io.argus.schemas.AvroCodec;
import io.argus.schemas.AvroDecodingException;
import io.argus.scorer.bench.SyntheticFeatures;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureVectorReaderTest {

  private static final AvroCodec<FeatureVector> CODEC = AvroCodec.of(FeatureVector.class);
  private static final Instant T0 = Instant.parse("2026-11-25T10:15:30Z");

  private final FeatureVectorReader reader = new FeatureVectorReader();

  @Test
  void shouldReadTheCurrentSchemaDirectly() {
    assertThat(FeatureVectorReader.readsCurrentSchemaDirectly())
        .as("DIRECT_LAYOUT must follow FeatureVector.avsc field by field").isTrue();
  }

  @Test
  void shouldReadTheSameFeaturesAsTheGeneralCodec() {
    List<ModelInput> inputs = SyntheticFeatures.sample(40, 3);
    for (int i = 0; i < inputs.size(); i++) {
      FeatureVector vector = SyntheticFeatures.vector("t-" + i, "card-" + (i % 7), inputs.get(i), T0.plusSeconds(i));
      vector.setIngestTime(T0.plusMillis(i));
      vector.setComputedAt(T0.plusMillis(2L * i));
      byte[] bytes = CODEC.encode(vector);

      TransactionFeatures read = reader.read(bytes);
      TransactionFeatures expected = TransactionFeatures.of(CODEC.decode(bytes));

      assertThat(read.transactionId()).isEqualTo(expected.transactionId());
      assertThat(read.eventTime()).isEqualTo(expected.eventTime());
      assertThat(read.cardToken()).isEqualTo(expected.cardToken());
      assertThat(read.customerId()).isEqualTo(expected.customerId());
      assertThat(read.terminalId()).isEqualTo(expected.terminalId());
      assertThat(read.featureSetVersion()).isEqualTo(expected.featureSetVersion());
      assertThat(read.ingestTime()).isEqualTo(T0.toEpochMilli() + i);
      assertThat(read.computedAt()).isEqualTo(T0.toEpochMilli() + 2L * i);
      assertThat(read.input().values()).containsExactly(expected.input().values());
      assertThat(Arrays.deepEquals(read.input().sequence(), expected.input().sequence()))
          .as("sequence of t-%d", i).isTrue();
    }
  }

  @Test
  void shouldNotShareArraysBetweenRecords() {
    List<ModelInput> inputs = SyntheticFeatures.sample(2, 5);
    TransactionFeatures first = reader.read(CODEC.encode(SyntheticFeatures.vector("t-1", "c", inputs.get(0), T0)));
    double[] firstValues = first.input().values().clone();

    reader.read(CODEC.encode(SyntheticFeatures.vector("t-2", "c", inputs.get(1), T0)));

    assertThat(first.input().values()).containsExactly(firstValues);
  }

  @Test
  void shouldNameATruncatedRecordAsUndecodable() {
    byte[] bytes = CODEC.encode(SyntheticFeatures.vector("t-1", "c", SyntheticFeatures.sample(1, 1).get(0), T0));

    assertThatThrownBy(() -> reader.read(Arrays.copyOf(bytes, bytes.length / 2)))
        .isInstanceOf(AvroDecodingException.class);
  }
}
