package io.argus.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudLabel;
import io.argus.features.FraudV1;
import io.argus.features.compute.ReferenceFeatures;
import io.argus.features.offline.EvaluationProtocol;
import io.argus.features.offline.OfflineLayout;
import io.argus.features.offline.OfflineStore;
import io.argus.features.offline.PointInTimeDatasetBuilder;
import io.argus.ingestion.simulate.SimulationFeed;
import io.argus.ingestion.simulate.Simulator;
import io.argus.ingestion.simulate.SimulatorConfig;
import io.argus.ingestion.tokenize.CardTokenizer;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationLimits;
import io.argus.model.artifact.ArtifactReader;
import io.argus.model.registry.ModelRegistry;
import io.argus.trainer.registry.ReleaseSink;
import io.argus.trainer.workflow.TrainingOutcome;
import io.argus.trainer.workflow.TrainingWorkflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerates the demo's shipped first champion (after fraud_v1 or the artifact format changes):
 * <pre>
 * mvn -B -pl pipeline -am test -Dtest=DemoModelGenerator -Dargus.demo-model.regenerate=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * then commit {@code pipeline/src/main/resources/io/argus/pipeline/runtime/demo-model.zip} and its {@code .sha256}.
 * It simulates 50 days of the demo's population with another seed than the demo's, computes fraud_v1 through the
 * reference path into an offline store, and runs the trainer's workflow with the demo's hyper-parameters and protocol
 * on the last 20 days (the first 30 warm the 30-day windows up).
 */
@EnabledIfSystemProperty(named = "argus.demo-model.regenerate", matches = "true")
class DemoModelGenerator {

  private static final long SEED = 7;
  private static final LocalDate START = LocalDate.of(2025, 1, 1);
  private static final int WARM_UP_DAYS = 30;
  private static final Path RESOURCE = Path.of("src/main/resources").resolve(DemoModel.RESOURCE.substring(1));

  @TempDir
  Path temp;

  @Test
  void regenerateDemoModel() throws IOException {
    EvaluationProtocol protocol = DemoTraining.protocol(START.plusDays(WARM_UP_DAYS + 3));
    SimulatorConfig config = DemoConfig.DEFAULTS.simulation(START.atStartOfDay().toInstant(ZoneOffset.UTC))
        .withSeed(SEED).withDays((int) (protocol.testTo().toEpochDay() - START.toEpochDay()));
    TransactionValidator validator = new TransactionValidator(CardTokenizer.throwaway(), ValidationLimits.DEFAULTS,
        Clock.systemUTC());
    SimulationFeed.History history = SimulationFeed.history(Simulator.create(config), validator,
        DemoTraining.LABEL_DELAY);

    Path store = temp.resolve("offline");
    write(store, OfflineLayout.FEATURES, ReferenceFeatures.compute(history.transactions(), history.labels()),
        FeatureVector::getEventTime);
    write(store, OfflineLayout.LABELS, history.labels(), FraudLabel::getTransactionTime);
    Instant trainedAt = protocol.testWindow().to();
    TrainingWorkflow workflow = new TrainingWorkflow(FraudV1.FEATURE_SET, new ModelRegistry(temp.resolve("registry")),
        ReleaseSink.loggingOnly(), Clock.fixed(trainedAt, ZoneOffset.UTC));
    TrainingOutcome outcome = workflow.run(PointInTimeDatasetBuilder.build(OfflineStore.at(store), protocol),
        DemoTraining.options());

    Files.createDirectories(RESOURCE.getParent());
    Files.copy(outcome.model().artifact(), RESOURCE, StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(RESOURCE.resolveSibling(RESOURCE.getFileName() + ".sha256"), outcome.model().sha256() + "\n");
    assertThat(Files.size(RESOURCE)).as("the shipped model stays small").isLessThan(1 << 20);
    assertThat(ArtifactReader.read(RESOURCE, outcome.model().sha256(), FraudV1.FEATURE_SET)
        .maximumDeviationFromExpected()).as("the shipped model reproduces its own scores without DL4J").isZero();
    System.out.println("wrote " + RESOURCE + " (" + Files.size(RESOURCE) + " bytes): " + outcome.decision().reason()
        + "; test metrics " + outcome.evaluation().metrics());
  }

  /** One Avro container file per date partition of {@code table}, as the feature job's sinks lay them out. */
  private static <T extends SpecificRecord> void write(Path store, String table, List<T> records,
      Function<T, Instant> partitionTime) {
    Map<String, DataFileWriter<T>> writers = new HashMap<>();
    try {
      for (T record : records) {
        String partition = OfflineLayout.partition(partitionTime.apply(record));
        DataFileWriter<T> writer = writers.get(partition);
        if (writer == null) {
          @SuppressWarnings("unchecked")
          Class<T> type = (Class<T>) record.getClass();
          writer = new DataFileWriter<>(new SpecificDatumWriter<>(type));
          Path directory = Files.createDirectories(store.resolve(table).resolve(partition));
          writer.create(record.getSchema(), directory.resolve("part-0" + OfflineLayout.FILE_SUFFIX).toFile());
          writers.put(partition, writer);
        }
        writer.append(record);
      }
      for (DataFileWriter<T> writer : writers.values()) {
        writer.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the offline store under " + store, e);
    }
  }
}
