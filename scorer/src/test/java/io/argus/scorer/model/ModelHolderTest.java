package io.argus.scorer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.ModelRelease;
import io.argus.avro.Severity;
import io.argus.features.FraudV1;
import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import io.argus.model.artifact.LoadedModel;
import io.argus.scorer.bench.SyntheticFeatures;
import io.argus.scorer.explain.ExplainerConfig;
import io.argus.scorer.fixtures.LinearModel;
import io.argus.scorer.fixtures.RecurrentModel;
import io.argus.scorer.fixtures.Releases;
import io.argus.scorer.metrics.ScorerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelHolderTest {

  private final List<ModelInput> background = SyntheticFeatures.sample(20, 3);
  private final List<Alert> alerts = new ArrayList<>();
  private final Map<String, LoadedModel> artifacts = new HashMap<>();
  private final ModelHolder holder = new ModelHolder(this::load, FraudV1.FEATURE_SET, ExplainerConfig.DEFAULTS,
      alerts::add, new ScorerMetrics(new SimpleMeterRegistry()), Clock.systemUTC());

  @Test
  void shouldServeAModelThatPassesItsChecks() {
    artifacts.put("v1", Releases.loaded(RecurrentModel.random(1, 0), background));

    assertThat(holder.adopt(Releases.champion("lstm", "v1"))).isTrue();

    assertThat(holder.current().version()).isEqualTo("v1");
    assertThat(holder.firstModel()).isCompleted();
    assertThat(holder.current().background().size()).isEqualTo(ExplainerConfig.DEFAULTS.backgroundSize(9)).isEqualTo(2);
    assertThat(alerts).isEmpty();
  }

  @Test
  void shouldRefuseAModelWhoseFeaturesDoNotMatchTheFeatureSetAndKeepTheChampion() {
    artifacts.put("v1", Releases.loaded(RecurrentModel.random(1, 0), background));
    List<String> renamed = new ArrayList<>(FraudV1.FEATURE_SET.staticNames());
    renamed.set(0, "AMOUNT_EUR");
    FraudModel mismatched = LinearModel.logistic(renamed, new double[renamed.size()], 0);
    artifacts.put("v2", Releases.loaded(mismatched, background));
    holder.adopt(Releases.champion("lstm", "v1"));

    assertThat(holder.adopt(Releases.champion("lstm", "v2"))).isFalse();

    assertThat(holder.current().version()).isEqualTo("v1");
    assertThat(alerts).singleElement().satisfies(alert -> {
      assertThat(alert.getKind()).isEqualTo(AlertKind.MODEL);
      assertThat(alert.getSeverity()).isEqualTo(Severity.CRITICAL);
      assertThat(alert.getMessage()).contains("refused model lstm v2", "AMOUNT_EUR", "still serving lstm v1");
      assertThat(alert.getReferences()).containsEntry("modelVersion", "v2");
    });
  }

  @Test
  void shouldRefuseAModelThatDoesNotReproduceItsStoredScores() {
    double[] wrongScores = background.stream().mapToDouble(row -> 0.5).toArray();
    artifacts.put("v1", Releases.loaded(RecurrentModel.random(1, 0), background, wrongScores));

    assertThat(holder.adopt(Releases.champion("lstm", "v1"))).isFalse();

    assertThat(holder.current()).isNull();
    assertThat(holder.firstModel()).isNotDone();
    assertThat(alerts.get(0).getMessage()).contains("smoke test failed on background row 0", "no model");
  }

  @Test
  void shouldRefuseAReleaseOfAnotherFeatureSet() {
    artifacts.put("v1", Releases.loaded(RecurrentModel.random(1, 0), background));
    ModelRelease release = Releases.champion("lstm", "v1");
    release.setFeatureSetVersion("fraud_v2");

    assertThat(holder.adopt(release)).isFalse();

    assertThat(alerts.get(0).getMessage()).contains("feature set fraud_v2", "reads fraud_v1");
  }

  @Test
  void shouldRefuseAModelItsLoaderCannotRead() {
    assertThat(holder.adopt(Releases.champion("lstm", "missing"))).isFalse();

    assertThat(alerts.get(0).getMessage()).contains("no artifact for missing");
  }

  @Test
  void shouldGiveEachSessionItsOwnCopyAndANewOneAfterASwap() {
    artifacts.put("v1", Releases.loaded(RecurrentModel.random(1, 0), background));
    artifacts.put("v2", Releases.loaded(RecurrentModel.random(2, 0), background));
    holder.adopt(Releases.champion("lstm", "v1"));
    ModelSession first = new ModelSession(holder);
    ModelSession second = new ModelSession(holder);
    first.refresh();
    second.refresh();
    FraudModel firstCopy = first.model();

    first.refresh();
    assertThat(first.model()).isSameAs(firstCopy).isNotSameAs(second.model());

    holder.adopt(Releases.champion("lstm", "v2"));
    first.refresh();
    assertThat(first.serving().version()).isEqualTo("v2");
    assertThat(first.model()).isNotSameAs(firstCopy);
  }

  @Test
  void shouldRefuseToScoreBeforeAnyModel() {
    assertThatThrownBy(() -> new ModelSession(holder).refresh())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no model adopted yet");
  }

  private LoadedModel load(ModelRelease release) throws ModelRejectedException {
    LoadedModel loaded = artifacts.get(release.getVersion());
    if (loaded == null) {
      throw new ModelRejectedException("no artifact for " + release.getVersion());
    }
    return loaded;
  }
}
