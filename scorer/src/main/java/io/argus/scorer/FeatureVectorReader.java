package io.argus.scorer;

import io.argus.avro.FeatureVector;
import io.argus.model.ModelInput;
import io.argus.schemas.AvroCodec;
import io.argus.schemas.AvroDecodingException;
import io.argus.schemas.SchemaCatalog;
import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes the {@code features} topic for scoring. A record written with the current {@code FeatureVector} schema (in
 * a steady state, all of them) is read field by field, by Avro's binary decoder, straight into the primitive arrays a
 * model reads: no Avro record, no boxed lists to copy again. A record of any other writer schema goes through the
 * general codec ({@link AvroCodec}), which resolves it against the current schema, so older writers still work. Both
 * give the same {@link TransactionFeatures} (a test checks). One instance per stream task: it reuses its decoder.
 */
final class FeatureVectorReader {

  /** The layout the direct path reads, field by field; when the current schema is another, every record goes the general way. */
  static final Schema DIRECT_LAYOUT = new Schema.Parser().parse("""
      {"type": "record", "name": "FeatureVector", "namespace": "io.argus.avro", "fields": [
        {"name": "transactionId", "type": "string"},
        {"name": "eventTime", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "cardToken", "type": "string"},
        {"name": "customerId", "type": "string"},
        {"name": "terminalId", "type": "string"},
        {"name": "featureSetVersion", "type": "string"},
        {"name": "values", "type": {"type": "array", "items": "double"}},
        {"name": "sequence", "type": {"type": "array", "items": {"type": "array", "items": "double"}}},
        {"name": "ingestTime", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "computedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}}]}""");

  private static final AvroCodec<FeatureVector> CODEC = AvroCodec.of(FeatureVector.class);
  private static final long DIRECT_FINGERPRINT = SchemaCatalog.fingerprint(DIRECT_LAYOUT);
  private static final boolean DIRECT = DIRECT_FINGERPRINT == SchemaCatalog.fingerprint(FeatureVector.getClassSchema());
  private static final double[] NO_VALUES = new double[0];

  private BinaryDecoder decoder;
  private double[] values = new double[32];

  /** Whether records of the current schema are read directly (a test fails when the schema moves on without it). */
  static boolean readsCurrentSchemaDirectly() {
    return DIRECT;
  }

  /** @throws AvroDecodingException naming what is wrong: no single-object header, an unknown writer, a short body */
  TransactionFeatures read(byte[] bytes) {
    if (DIRECT && AvroCodec.hasHeader(bytes, DIRECT_FINGERPRINT)) {
      try {
        return direct(bytes);
      } catch (IOException | RuntimeException e) {
        throw new AvroDecodingException("FeatureVector written with the current schema could not be decoded: "
            + e.getMessage(), e);
      }
    }
    return TransactionFeatures.of(CODEC.decode(bytes));
  }

  private TransactionFeatures direct(byte[] bytes) throws IOException {
    decoder = DecoderFactory.get().binaryDecoder(bytes, AvroCodec.HEADER_BYTES, bytes.length - AvroCodec.HEADER_BYTES,
        decoder);
    String transactionId = decoder.readString();
    long eventTime = decoder.readLong();
    String cardToken = decoder.readString();
    String customerId = decoder.readString();
    String terminalId = decoder.readString();
    String featureSetVersion = decoder.readString();
    double[] staticValues = doubles(bytes.length);
    double[][] sequence = new double[0][];
    int steps = 0;
    for (long block = decoder.readArrayStart(); block != 0; block = decoder.arrayNext()) {
      sequence = Arrays.copyOf(sequence, plausible(steps + block, 1, bytes.length));
      for (long i = 0; i < block; i++) {
        sequence[steps++] = doubles(bytes.length);
      }
    }
    long ingestTime = decoder.readLong();
    long computedAt = decoder.readLong();
    return new TransactionFeatures(transactionId, eventTime, cardToken, customerId, terminalId, featureSetVersion,
        new ModelInput(staticValues, sequence), ingestTime, computedAt);
  }

  /** One array of doubles, in as many blocks as the writer used. */
  private double[] doubles(int recordBytes) throws IOException {
    int count = 0;
    for (long block = decoder.readArrayStart(); block != 0; block = decoder.arrayNext()) {
      int end = plausible(count + block, Double.BYTES, recordBytes);
      if (end > values.length) {
        values = Arrays.copyOf(values, Math.max(end, 2 * values.length));
      }
      for (; count < end; count++) {
        values[count] = decoder.readDouble();
      }
    }
    return count == 0 ? NO_VALUES : Arrays.copyOf(values, count);
  }

  /** An item count that the record's bytes can hold, or an exception (a corrupt count must not allocate gigabytes). */
  private static int plausible(long items, int bytesPerItem, int recordBytes) {
    if (items * bytesPerItem > recordBytes) {
      throw new IllegalArgumentException("an array of " + items + " items does not fit in a record of " + recordBytes
          + " bytes");
    }
    return (int) items;
  }
}
