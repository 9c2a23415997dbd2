package io.argus.schemas;

import io.argus.avro.Alert;
import io.argus.avro.CaseDecision;
import io.argus.avro.CheckedRecord;
import io.argus.avro.FeatureVector;
import io.argus.avro.Forecast;
import io.argus.avro.FraudLabel;
import io.argus.avro.FraudScore;
import io.argus.avro.ModelRelease;
import io.argus.avro.RejectedRecord;
import io.argus.avro.RiskRule;
import io.argus.avro.ServingSkew;
import io.argus.avro.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every schema version Argus has ever published, by CRC-64-AVRO fingerprint.
 *
 * <p>A single-object-encoded record names its writer schema by fingerprint; a decoder asks this store for that
 * schema and resolves it against the current one, so producers and consumers can upgrade independently. The
 * current versions come from the generated classes; earlier versions are kept as resources under
 * {@code io/argus/schemas/history/} and listed in its {@code index.txt}. A version, once published, is never
 * removed from the history.
 */
public final class SchemaCatalog implements SchemaStore {

  private static final String HISTORY = "/io/argus/schemas/history/";

  /** The current schema of every record type written to a topic or to the offline store. */
  public static final List<Schema> CURRENT = List.of(
      Transaction.getClassSchema(), RejectedRecord.getClassSchema(), FraudLabel.getClassSchema(),
      FeatureVector.getClassSchema(), FraudScore.getClassSchema(), Alert.getClassSchema(),
      Forecast.getClassSchema(), ModelRelease.getClassSchema(), ServingSkew.getClassSchema(), RiskRule.getClassSchema(),
      CaseDecision.getClassSchema(), CheckedRecord.getClassSchema());

  private static final SchemaCatalog INSTANCE = new SchemaCatalog(CURRENT, loadHistory());

  private final Map<Long, Schema> byFingerprint;

  /** A catalogue of exactly these schemas (tests use it to model an older or a foreign reader). */
  public SchemaCatalog(List<Schema> current, List<Schema> history) {
    Map<Long, Schema> schemas = new LinkedHashMap<>();
    for (Schema schema : current) {
      schemas.put(fingerprint(schema), schema);
    }
    for (Schema schema : history) {
      schemas.putIfAbsent(fingerprint(schema), schema);
    }
    this.byFingerprint = Collections.unmodifiableMap(schemas);
  }

  /** The catalogue of Argus: current schemas and every earlier published version. */
  public static SchemaCatalog argus() {
    return INSTANCE;
  }

  /** The CRC-64-AVRO fingerprint of the schema's parsing canonical form, as single-object encoding writes it. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }

  /** All versions held, current ones first. */
  public List<Schema> versions() {
    return List.copyOf(byFingerprint.values());
  }

  private static List<Schema> loadHistory() {
    List<Schema> history = new ArrayList<>();
    for (String file : readResource(HISTORY + "index.txt").split("\\R")) {
      if (!file.isBlank() && !file.startsWith("#")) {
        history.add(new Schema.Parser().parse(readResource(HISTORY + file.trim())));
      }
    }
    return history;
  }

  private static String readResource(String path) {
    try (InputStream in = SchemaCatalog.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing from the classpath: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema resource " + path, e);
    }
  }
}
