package io.argus.features.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudLabel;
import io.argus.features.SyntheticHistory;
import io.argus.features.compute.ReferenceFeatures;
import io.argus.features.offline.OfflineLayout;
import io.argus.features.offline.OfflineStore;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The streaming path (the Flink job on a MiniCluster) against the offline reference path, value for value. */
class FeatureJobParityIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @TempDir
  Path offline;

  @Test
  void shouldComputeTheSameValuesAsTheReferencePathWhateverTheArrivalOrder() throws Exception {
    SyntheticHistory history = SyntheticHistory.generate(7, 40, 20, 50);
    Map<String, FeatureVector> expected = ReferenceFeatures.compute(history.transactions(), history.labels())
        .stream().collect(Collectors.toMap(FeatureVector::getTransactionId, Function.identity()));

    FeatureJobConfig config = FeatureJobConfig.from(Map.of("out-of-orderness", "6h", "checkpoint-interval", "500ms",
        "parallelism", "2"));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FeatureJob.config(new Configuration(), config));
    FeatureJob.build(env, BoundedSources.of(BoundedSources.shuffledWithin(history.transactions(), 20, 1),
            BoundedSources.shuffledWithin(history.labels(), 20, 2)),
        new FeatureJob.Sinks(null, OfflineSinks.features(offline.toString()), OfflineSinks.labels(offline.toString()),
            OfflineSinks.rejected(offline.toString())), config);
    env.execute("parity");

    OfflineStore store = OfflineStore.at(offline);
    List<FeatureVector> streamed = new ArrayList<>();
    store.features(LocalDate.MIN, LocalDate.MAX, streamed::add);
    List<FraudLabel> labels = new ArrayList<>();
    store.labels(LocalDate.MIN, LocalDate.MAX, labels::add);

    assertThat(streamed).extracting(FeatureVector::getTransactionId).doesNotHaveDuplicates()
        .hasSameSizeAs(history.transactions());
    assertThat(labels).hasSameSizeAs(history.labels());
    assertThat(store.dates(OfflineLayout.REJECTED)).isEmpty();
    for (FeatureVector vector : streamed) {
      FeatureVector reference = expected.get(vector.getTransactionId());
      assertThat(vector.getValues()).as("values of %s", vector.getTransactionId()).isEqualTo(reference.getValues());
      assertThat(vector.getSequence()).as("sequence of %s", vector.getTransactionId())
          .isEqualTo(reference.getSequence());
    }
    assertThat(streamed.stream().map(FeatureVector::getEventTime).map(time -> OfflineLayout.partition(time))
        .distinct().count()).isEqualTo(store.dates(OfflineLayout.FEATURES).size());
  }

}
