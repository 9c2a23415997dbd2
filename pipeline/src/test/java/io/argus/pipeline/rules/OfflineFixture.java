package io.argus.pipeline.rules;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudLabel;
import io.argus.features.FraudV1;
import io.argus.features.offline.OfflineLayout;
import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import io.argus.schemas.AvroCodec;
import io.argus.scorer.bench.SyntheticFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * A small offline store written as the feature job writes it (features and labels by date partition), from
 * transactions described by amount, customer and outcome; and a model that scores by amount alone.
 */
public final class OfflineFixture {

  public static final LocalDate DAY_ONE = LocalDate.parse("2018-08-01");
  public static final LocalDate DAY_TWO = DAY_ONE.plusDays(1);
  private static final int AMOUNT = FraudV1.FEATURE_SET.indexOf(FraudV1.TX_AMOUNT);

  static {
    AvroCodec.trustArgusRecords();
  }

  private final Path root;
  private final Map<LocalDate, List<FeatureVector>> features = new LinkedHashMap<>();
  private final Map<LocalDate, List<FraudLabel>> labels = new LinkedHashMap<>();
  private final SplittableRandom random = new SplittableRandom(3);
  private int next;

  public OfflineFixture(Path root) {
    this.root = root;
  }

  /** A transaction of {@code customer} on {@code day} at 10:00 UTC plus a second per transaction written. */
  public OfflineFixture transaction(LocalDate day, double amount, String customer, boolean fraud) {
    String id = "t-" + next;
    Instant at = day.atTime(10, 0).toInstant(ZoneOffset.UTC).plusSeconds(next++);
    ModelInput input = SyntheticFeatures.random(random, 2);
    input.values()[AMOUNT] = amount;
    FeatureVector vector = SyntheticFeatures.vector(id, "card-" + customer, input, at);
    vector.setCustomerId(customer);
    features.computeIfAbsent(day, any -> new ArrayList<>()).add(vector);
    if (fraud) {
      labels.computeIfAbsent(day, any -> new ArrayList<>()).add(new FraudLabel(id, vector.getCardToken(), customer,
          "term-1", at, true, 0, at.plusSeconds(7 * 86_400)));
    }
    return this;
  }

  /** Writes the store and returns its root. */
  public Path write() {
    features.forEach((day, vectors) -> write(OfflineLayout.FEATURES, day, FeatureVector.getClassSchema(), vectors));
    labels.forEach((day, frauds) -> write(OfflineLayout.LABELS, day, FraudLabel.getClassSchema(), frauds));
    return root;
  }

  /** A model whose score is {@code amount / 1000}, capped at 1. */
  public static FraudModel amountModel() {
    return new FraudModel() {
      @Override
      public String family() {
        return "linear";
      }

      @Override
      public List<String> featureNames() {
        return FraudV1.FEATURE_SET.staticNames();
      }

      @Override
      public List<String> sequenceFeatureNames() {
        return List.of();
      }

      @Override
      public double[] encodeSequence(double[][] sequence) {
        return new double[0];
      }

      @Override
      public double scoreEncoded(double[] encoding, double[] values) {
        return Math.min(1, values[AMOUNT] / 1000);
      }

      @Override
      public FraudModel copy() {
        return this;
      }
    };
  }

  private <T extends SpecificRecord> void write(String table, LocalDate day, org.apache.avro.Schema schema,
      List<T> records) {
    Path file = root.resolve(table).resolve(OfflineLayout.PARTITION_PREFIX + day).resolve("part-0-0.avro");
    try {
      Files.createDirectories(file.getParent());
      try (DataFileWriter<T> writer = new DataFileWriter<>(new SpecificDatumWriter<T>(schema))) {
        writer.create(schema, file.toFile());
        for (T record : records) {
          writer.append(record);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
