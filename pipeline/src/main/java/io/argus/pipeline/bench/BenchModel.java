package io.argus.pipeline.bench;

import io.argus.avro.ModelRelease;
import io.argus.model.FraudModel;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.registry.ModelRegistry;
import io.argus.model.registry.RegisteredModel;
import io.argus.pipeline.runtime.DemoModel;
import io.argus.scorer.DecisionThresholds;
import io.argus.scorer.bench.ScoringBenchmark;
import io.argus.scorer.bench.SyntheticFeatures;
import io.argus.scorer.bench.UntrainedModels;
import io.argus.scorer.model.ArtifactModelLoader;
import io.argus.scorer.model.ModelRejectedException;
import io.argus.schemas.Topics;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import java.util.List;

/**
 * The model the benchmark's scorer serves: an untrained network of a family's standard preset (the scorer
 * benchmark's {@link UntrainedModels}: the cost of a trained one, meaningless scores) or the demo's shipped, trained
 * LSTM; registered in a registry and described by the release that makes it the champion. Its thresholds alert (and
 * explain) a chosen share of synthetic vectors, as {@code argus bench score} sets them.
 *
 * @param name what the report calls it
 * @param registry where it is registered (the scorer loads it from there)
 */
record BenchModel(String name, ModelRegistry registry, ModelRelease release, DecisionThresholds thresholds) {

  /** Accepted values of {@code --model}. */
  static final String CHOICES = "lstm, transformer, mlp or demo";
  private static final String DEMO = "demo";
  private static final int SAMPLE = 4_096;

  /**
   * Installs model {@code choice} ({@link #CHOICES}) into {@code registry}.
   *
   * @throws IllegalArgumentException naming the choice when it is none of {@link #CHOICES}
   */
  static BenchModel install(String choice, ModelRegistry registry, double alertRate, long seed)
      throws ModelRejectedException {
    List<ModelInput> sample = SyntheticFeatures.sample(SAMPLE, seed);
    ModelRelease release;
    String name;
    if (DEMO.equals(choice)) {
      release = DemoModel.installIfNoChampion(registry, Instant.now())
          .orElseThrow(() -> new IllegalArgumentException("the registry " + registry.root() + " already has a champion"
              + " of the demo model's name; give an empty directory"));
      name = "demo " + release.getName() + " " + release.getVersion() + " (trained)";
    } else {
      ModelFamily family = ModelFamily.of(choice);
      String version = "bench-" + Instant.now().toEpochMilli();
      RegisteredModel registered = UntrainedModels.register(registry, family, version, sample.subList(0, 100), seed);
      release = ScoringBenchmark.championRelease(registered);
      name = family.id() + " " + version + " (untrained standard preset)";
    }
    FraudModel model = new ArtifactModelLoader(registry.root()).load(release).model();
    return new BenchModel(name, registry, release, ScoringBenchmark.thresholds(model, sample, alertRate));
  }

  /** Publishes the release on {@code model-releases}, making the model the champion of every scorer listening. */
  void publish(String bootstrap, Properties clientSettings) {
    Properties config = new Properties();
    config.putAll(clientSettings);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, ModelRelease> producer = new KafkaProducer<>(config, new StringSerializer(),
        Topics.MODEL_RELEASES.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(Topics.MODEL_RELEASES.name(), release.getName(), release));
    }
  }


}
