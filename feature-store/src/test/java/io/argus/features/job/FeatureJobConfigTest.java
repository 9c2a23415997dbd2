package io.argus.features.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;

class FeatureJobConfigTest {

  @Test
  void shouldNameEveryPropertyOnce() {
    assertThat(Arrays.stream(FeatureJobConfig.Key.values()).map(FeatureJobConfig.Key::property))
        .doesNotHaveDuplicates().hasSize(FeatureJobConfig.class.getRecordComponents().length);
  }

  @Test
  void shouldReadPropertiesAndKeepDefaultsForTheRest() {
    FeatureJobConfig config = FeatureJobConfig.from(Map.of("out-of-orderness", "2s", "state-backend", "rocksdb"));

    assertThat(config.outOfOrderness()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.stateBackend()).isEqualTo(FeatureJobConfig.StateBackend.ROCKSDB);
    assertThat(config.allowedLateness()).isEqualTo(FeatureJobConfig.DEFAULTS.allowedLateness());
  }

  @Test
  void shouldNameAnUnknownPropertyAndABadValue() {
    assertThatThrownBy(() -> FeatureJobConfig.from(Map.of("lateness", "1s"))).hasMessageContaining("'lateness'")
        .hasMessageContaining("allowed-lateness");
    assertThatThrownBy(() -> FeatureJobConfig.from(Map.of("allowed-lateness", "later")))
        .hasMessageStartingWith("allowed-lateness: 'later' is not a duration").hasMessageContaining("PT24H");
    assertThatThrownBy(() -> FeatureJobConfig.from(Map.of("state-backend", "disk")))
        .hasMessageContaining("hashmap or rocksdb");
  }

  @Test
  void shouldRefuseAnOutOfOrdernessBoundThatReachesTheLabelDelay() {
    assertThat(FeatureJobConfig.from(Map.of("out-of-orderness", "6d")).outOfOrderness())
        .isEqualTo(Duration.ofDays(6));
    assertThatThrownBy(() -> FeatureJobConfig.from(Map.of("out-of-orderness", "7d")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out-of-orderness must be less than the label delay (7d)")
        .hasMessageContaining("PT168H");
  }

  @Test
  void shouldFillFlinkDefaultsOnlyWhereUnset() {
    Configuration given = new Configuration();
    given.set(StateBackendOptions.STATE_BACKEND, "rocksdb");

    Configuration config = FeatureJob.config(given, FeatureJobConfig.DEFAULTS);

    assertThat(config.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    assertThat(config.get(PipelineOptions.GENERIC_TYPES)).isFalse();
    assertThat(config.get(ExecutionOptions.SNAPSHOT_COMPRESSION)).isTrue();
    assertThat(config.get(PipelineOptions.AUTO_WATERMARK_INTERVAL))
        .isEqualTo(FeatureJobConfig.DEFAULTS.watermarkInterval());
  }
}
