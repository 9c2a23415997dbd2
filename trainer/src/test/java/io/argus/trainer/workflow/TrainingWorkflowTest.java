package io.argus.trainer.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.AlertKind;
import io.argus.avro.ReleaseStatus;
import io.argus.features.FraudV1;
import io.argus.features.offline.DatasetSplit;
import io.argus.model.ModelFamily;
import io.argus.model.registry.ModelRegistry;
import io.argus.trainer.RecordingReleaseSink;
import io.argus.trainer.synthetic.SyntheticFraud;
import io.argus.trainer.training.HyperParameters;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole cycle on synthetic data: a sequence model becomes champion; a worse challenger (an MLP, blind to the
 * sequence where the signal is) is registered but not promoted, and the champion's release is published last.
 */
class TrainingWorkflowTest {

  private static final Instant T0 = Instant.parse("2018-08-15T06:00:00Z");

  @TempDir
  Path registryDirectory;

  @Test
  void shouldNotPromoteWorseChallenger() {
    DatasetSplit split = new SyntheticFraud(5, true, 0.1).split(1500, 600, 600);
    ModelRegistry registry = new ModelRegistry(registryDirectory);
    RecordingReleaseSink sink = new RecordingReleaseSink();

    TrainingOutcome champion = workflow(registry, sink, T0).run(split, options(ModelFamily.LSTM));
    TrainingOutcome challenger = workflow(registry, sink, T0.plusSeconds(60)).run(split, options(ModelFamily.MLP));

    assertThat(champion.decision().promote()).isTrue();
    assertThat(challenger.evaluation().averagePrecision()).isLessThan(champion.evaluation().averagePrecision());
    assertThat(challenger.decision().promote()).isFalse();
    assertThat(challenger.decision().championScore().getAsDouble())
        .isEqualTo(champion.evaluation().averagePrecision());
    assertThat(registry.champion("fraud").orElseThrow().version()).isEqualTo(champion.model().version());
    assertThat(registry.versions("fraud")).hasSize(2);
    assertThat(sink.releases).extracting(release -> release.getStatus() + " " + release.getVersion())
        .containsExactly("CHAMPION " + champion.model().version(),
            "CHALLENGER_REJECTED " + challenger.model().version(), "CHAMPION " + champion.model().version());
    assertThat(sink.releases.get(1).getSha256()).isEqualTo(challenger.model().sha256());
    assertThat(sink.alerts).hasSize(2).allSatisfy(alert -> assertThat(alert.getKind()).isEqualTo(AlertKind.MODEL));
    assertThat(sink.alerts.get(1).getMessage()).contains("champion kept");
    assertThat(sink.alerts).extracting(alert -> alert.getReferences().get("decision"))
        .containsExactly("PROMOTED", "REJECTED");
    assertThat(challenger.reportDirectory().resolve("report.md")).content()
        .contains("## 5. Test evaluation", "XGBoost", "champion kept");
    assertThat(challenger.reportDirectory().resolve("training-curves.png")).isNotEmptyFile();
    assertThat(challenger.reportDirectory().resolve("roc.png")).isNotEmptyFile();
    assertThat(challenger.reportDirectory().resolve("precision-recall.png")).isNotEmptyFile();
    assertThat(challenger.reportDirectory().resolve("metrics.json")).content().contains("\"average_precision\"");
    assertThat(ReleaseStatus.CHAMPION).isEqualTo(sink.releases.get(2).getStatus());
  }

  private static TrainingWorkflow workflow(ModelRegistry registry, RecordingReleaseSink sink, Instant now) {
    return new TrainingWorkflow(FraudV1.FEATURE_SET, registry, sink, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static TrainingWorkflow.Options options(ModelFamily family) {
    HyperParameters parameters = HyperParameters.tiny(family).withMaxEpochs(4);
    return new TrainingWorkflow.Options(parameters, "fraud", 30, 0.05, null);
  }
}
