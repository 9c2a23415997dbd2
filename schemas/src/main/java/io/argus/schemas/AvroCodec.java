package io.argus.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro single-object encoding of one record type: the marker {@code C3 01}, the writer schema's 8-byte
 * CRC-64-AVRO fingerprint, then the binary body. Decoding resolves any writer schema the {@link SchemaStore}
 * knows against the current one. Thread-safe; one instance per record type is enough.
 */
public final class AvroCodec<T extends SpecificRecord> {

  static {
    trustArgusRecords();
  }

  private final Class<T> type;
  private final Schema schema;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;
  private final SchemaStore store;
  private final long fingerprint;

  private AvroCodec(Class<T> type, SchemaStore store) {
    this.type = type;
    this.store = store;
    SpecificData model = SpecificData.getForClass(type);
    this.schema = model.getSchema(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema, store);
    this.fingerprint = SchemaCatalog.fingerprint(schema);
  }

  /** A codec that decodes every version in Argus's {@link SchemaCatalog}. */
  public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
    return new AvroCodec<>(type, SchemaCatalog.argus());
  }

  /** A codec that resolves writer schemas through the given store. */
  public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type, SchemaStore store) {
    return new AvroCodec<>(type, store);
  }

  public byte[] encode(T record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | AvroRuntimeException e) {
      throw new IllegalArgumentException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes one record.
   *
   * @throws AvroDecodingException naming the unknown fingerprint, a bad header or a truncated body
   */
  public T decode(byte[] bytes) {
    if (bytes == null) {
      throw new AvroDecodingException(type.getSimpleName() + ": null payload");
    }
    if (bytes.length < 10 || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
      throw new AvroDecodingException(type.getSimpleName()
          + ": not Avro single-object encoding (expected marker C3 01 and an 8-byte fingerprint, got "
          + bytes.length + " bytes)");
    }
    Schema writer = writerSchema(bytes);
    try {
      return decoder.decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new AvroDecodingException(type.getSimpleName() + " written with schema "
          + (writer == null ? "?" : writer.getFullName()) + " could not be decoded: " + e.getMessage(), e);
    }
  }

  private Schema writerSchema(byte[] bytes) {
    long writerFingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (writerFingerprint == fingerprint) {
      return schema;
    }
    Schema writer = store.findByFingerprint(writerFingerprint);
    if (writer == null) {
      throw new AvroDecodingException(String.format(
          "%s: unknown writer schema fingerprint %016x (CRC-64-AVRO); the record was written with a schema "
              + "this reader's catalogue does not hold", type.getSimpleName(), writerFingerprint));
    }
    return writer;
  }

  public Class<T> type() {
    return type;
  }

  public Schema schema() {
    return schema;
  }

  /**
   * Avro 1.12 refuses to instantiate classes outside trusted packages; the generated records of Argus are trusted
   * here, once, so that no JVM (a test, a Kafka Streams app, a Flink task manager) needs a system property.
   */
  public static synchronized void trustArgusRecords() {
    ClassSecurityValidator.ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
    if (current instanceof ArgusTrust) {
      return;
    }
    ClassSecurityValidator.setGlobal(new ArgusTrust(current));
  }

  private record ArgusTrust(ClassSecurityValidator.ClassSecurityPredicate delegate)
      implements ClassSecurityValidator.ClassSecurityPredicate {
    @Override
    public boolean isTrusted(Class<?> candidate) {
      return candidate.getName().startsWith("io.argus.avro.") || delegate.isTrusted(candidate);
    }
  }
}
