package io.argus.trainer.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.ModelRelease;
import io.argus.avro.ReleaseStatus;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.embedded.TopicReader;
import io.argus.features.FraudV1;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.kafka.KafkaClients;
import io.argus.model.ModelFamily;
import io.argus.model.registry.ModelRegistry;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import io.argus.trainer.artifact.ModelArtifact;
import io.argus.trainer.synthetic.SyntheticFraud;
import io.argus.trainer.training.HyperParameters;
import io.argus.trainer.workflow.TrainingOutcome;
import io.argus.trainer.workflow.TrainingWorkflow;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training workflow on the real embedded broker: the release and the decision arrive on their topics. */
class KafkaReleaseSinkIT {

  @TempDir
  Path directory;

  @Test
  void shouldPublishTheReleaseAndTheDecisionAlert() {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, directory.resolve("kafka"))) {
      TopicAdmin.createAll(broker.bootstrap());
      ModelRegistry registry = new ModelRegistry(directory.resolve("registry"));
      TrainingOutcome outcome;
      try (KafkaReleaseSink sink = new KafkaReleaseSink(broker.bootstrap())) {
        outcome = new TrainingWorkflow(FraudV1.FEATURE_SET, registry, sink, Clock.systemUTC())
            .run(new SyntheticFraud(4, false, 0.1).split(600, 300, 300), new TrainingWorkflow.Options(
                HyperParameters.tiny(ModelFamily.MLP).withMaxEpochs(2), null, 20, 0.05, null));
      }

      List<ConsumerRecord<String, ModelRelease>> releases = TopicReader.readAll(broker.bootstrap(),
          Topics.MODEL_RELEASES, 1, Duration.ofSeconds(20), Duration.ofMillis(500));
      List<ConsumerRecord<String, Alert>> alerts = TopicReader.readAll(broker.bootstrap(), Topics.ALERTS, 1,
          Duration.ofSeconds(20), Duration.ofMillis(500));

      assertThat(releases).singleElement().satisfies(record -> {
        assertThat(record.key()).isEqualTo("mlp");
        ModelRelease release = record.value();
        assertThat(release.getStatus()).isEqualTo(ReleaseStatus.CHAMPION);
        assertThat(release.getVersion()).isEqualTo(outcome.model().version());
        assertThat(release.getFeatureSetVersion()).isEqualTo(FraudV1.VERSION);
        assertThat(release.getMetrics()).containsKeys("average_precision", "auc_roc", "card_precision_at_100");
        Path artifact = Path.of(URI.create(release.getArtifactUri()));
        assertThat(ModelArtifact.read(artifact, release.getSha256()).manifest().version())
            .isEqualTo(release.getVersion());
      });
      assertThat(alerts).singleElement().satisfies(record -> {
        assertThat(record.value().getKind()).isEqualTo(AlertKind.MODEL);
        assertThat(record.value().getMessage()).contains("promoted");
        assertThat(record.value().getReferences()).containsEntry("modelVersion", outcome.model().version());
      });
    }
  }
}
