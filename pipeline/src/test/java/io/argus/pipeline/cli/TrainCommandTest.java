package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.avro.FeatureVector;
import io.argus.avro.FraudLabel;
import io.argus.features.offline.LabeledVector;
import io.argus.features.offline.OfflineLayout;
import io.argus.model.registry.ModelRegistry;
import io.argus.schemas.AvroCodec;
import io.argus.trainer.synthetic.SyntheticFraud;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code argus train} end to end on a small synthetic offline store, and its one-line errors. */
class TrainCommandTest {

  private static final Instant VALIDATION_DAY = SyntheticFraud.T0.minus(Duration.ofDays(1));
  private static final Instant TRAIN_DAY = SyntheticFraud.T0;
  private static final Instant TEST_DAY = SyntheticFraud.T0.plus(Duration.ofDays(1));

  static {
    AvroCodec.trustArgusRecords(); // for the Avro files this test writes
  }

  @TempDir
  Path directory;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void shouldTrainRegisterAndEndWithOneLineOfJson() throws IOException {
    Path store = directory.resolve("offline");
    SyntheticFraud data = new SyntheticFraud(9, false, 0.1);
    writeDay(store, data.examples(400, VALIDATION_DAY), VALIDATION_DAY);
    writeDay(store, data.examples(400, TRAIN_DAY), TRAIN_DAY);
    writeDay(store, data.examples(400, TEST_DAY), TEST_DAY);
    Path registry = directory.resolve("registry");

    int exit = run("train", "--offline-dir", store.toString(), "--registry", registry.toString(), "--model", "mlp",
        "--train-from", "2018-07-25", "--train-days", "1", "--delay-days", "0", "--test-days", "1",
        "--validation-days", "1", "--preset", "tiny", "--max-epochs", "3");

    assertThat(exit).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(json.get("model").asText()).isEqualTo("mlp");
    assertThat(json.get("auc_roc").asDouble()).isGreaterThan(0.9);
    assertThat(json.has("average_precision")).isTrue();
    assertThat(json.has("card_precision_at_100")).isTrue();
    assertThat(json.get("training_seconds").asDouble()).isPositive();
    assertThat(json.get("promoted").asBoolean()).isTrue();
    String version = json.get("model_version").asText();
    assertThat(new ModelRegistry(registry).champion("mlp").orElseThrow().version()).isEqualTo(version);
    assertThat(out.toString()).contains("| Argus | mlp |", "| handbook, prequential selection | XGBoost | 0.869 |");
    assertThat(registry.resolve("mlp").resolve(version).resolve("report").resolve("report.md")).exists();
  }

  @Test
  void shouldExplainMissingOfflineStoreInOneLine() {
    int exit = run("train", "--offline-dir", directory.resolve("nowhere").toString(), "--registry",
        directory.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString()
        .contains("does not exist", "argus features --from-file");
  }

  @Test
  void shouldRefuseUnknownModelFamily() throws IOException {
    Files.createDirectories(directory.resolve("offline").resolve(OfflineLayout.FEATURES));

    int exit = run("train", "--offline-dir", directory.resolve("offline").toString(), "--registry",
        directory.toString(), "--model", "xgboost");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("unknown model family 'xgboost'", "lstm, transformer, mlp");
  }

  private int run(String... args) {
    CommandLine commandLine = ArgusCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  private static void writeDay(Path store, List<LabeledVector> examples, Instant day) throws IOException {
    String partition = OfflineLayout.partition(day);
    write(store.resolve(OfflineLayout.FEATURES).resolve(partition).resolve("part-0" + OfflineLayout.FILE_SUFFIX),
        FeatureVector.getClassSchema(), examples.stream().map(LabeledVector::vector).toList());
    write(store.resolve(OfflineLayout.LABELS).resolve(partition).resolve("part-0" + OfflineLayout.FILE_SUFFIX),
        FraudLabel.getClassSchema(), examples.stream().filter(LabeledVector::fraud).map(example -> label(example
            .vector())).toList());
  }

  private static FraudLabel label(FeatureVector vector) {
    return FraudLabel.newBuilder().setTransactionId(vector.getTransactionId()).setCardToken(vector.getCardToken())
        .setCustomerId(vector.getCustomerId()).setTerminalId(vector.getTerminalId())
        .setTransactionTime(vector.getEventTime()).setFraud(true).setReportedAt(vector.getEventTime()).build();
  }

  private static <T extends SpecificRecord> void write(Path file, org.apache.avro.Schema schema, List<T> records)
      throws IOException {
    Files.createDirectories(file.getParent());
    try (DataFileWriter<T> writer = new DataFileWriter<>(new SpecificDatumWriter<T>(schema))) {
      writer.create(schema, file.toFile());
      for (T record : records) {
        writer.append(record);
      }
    }
  }
}
