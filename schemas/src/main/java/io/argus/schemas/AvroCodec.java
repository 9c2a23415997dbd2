package io.argus.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro single-object encoding of one record type: the marker {@code C3 01}, the writer schema's 8-byte
 * CRC-64-AVRO fingerprint, then the binary body. Decoding resolves any writer schema the {@link SchemaStore}
 * knows against the current one. Thread-safe; one instance per record type is enough.
 *
 * <p>The bytes are those of Avro's {@code BinaryMessageEncoder}, and its {@code BinaryMessageDecoder} reads them (a
 * test checks both ways); this class does not use them because they encode and decode through a stream, eight bytes
 * of a double at a time, each a synchronized call. Here the body is read straight from the array and written through
 * Avro's buffered encoder into a buffer each thread reuses; every hop of the pipeline pays this once per record.
 */
public final class AvroCodec<T extends SpecificRecord> {

  /** The bytes before the body: the marker {@code C3 01} and the writer schema's fingerprint. */
  public static final int HEADER_BYTES = 10;
  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  static {
    trustArgusRecords();
  }

  private final Class<T> type;
  private final Schema schema;
  private final SpecificData model;
  private final DatumWriter<T> writer;
  /** A reader per writer schema met, by fingerprint: the current schema's from the start. */
  private final Map<Long, DatumReader<T>> readers = new ConcurrentHashMap<>();
  private final SchemaStore store;
  private final long fingerprint;
  private final byte[] header;

  private AvroCodec(Class<T> type, SchemaStore store) {
    this.type = type;
    this.store = store;
    this.model = SpecificData.getForClass(type);
    this.schema = model.getSchema(type);
    this.writer = model.createDatumWriter(schema);
    this.fingerprint = SchemaCatalog.fingerprint(schema);
    this.header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) 0xC3).put((byte) 0x01).putLong(fingerprint).array();
    readers.put(fingerprint, readerOf(schema));
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
    Buffers buffers = BUFFERS.get();
    ByteArrayOutputStream out = buffers.out;
    out.reset();
    out.writeBytes(header);
    try {
      buffers.encoder = EncoderFactory.get().binaryEncoder(out, buffers.encoder);
      writer.write(record, buffers.encoder);
      buffers.encoder.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
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
    if (!isSingleObject(bytes)) {
      throw new AvroDecodingException(type.getSimpleName()
          + ": not Avro single-object encoding (expected marker C3 01 and an 8-byte fingerprint, got "
          + bytes.length + " bytes)");
    }
    long writerFingerprint = writerFingerprint(bytes);
    DatumReader<T> reader = readers.computeIfAbsent(writerFingerprint, this::readerFor);
    Buffers buffers = BUFFERS.get();
    try {
      buffers.decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES,
          buffers.decoder);
      return reader.read(null, buffers.decoder);
    } catch (IOException | RuntimeException e) {
      throw new AvroDecodingException(String.format("%s written with the schema of fingerprint %016x could not be "
          + "decoded: %s", type.getSimpleName(), writerFingerprint, e), e);
    }
  }

  /**
   * Whether {@code bytes} begin with the single-object header naming the schema of {@code fingerprint}: a reader with
   * its own path for one schema (the scorer's for feature vectors) asks this before reading from
   * {@link #HEADER_BYTES} on.
   */
  public static boolean hasHeader(byte[] bytes, long fingerprint) {
    return bytes != null && isSingleObject(bytes) && writerFingerprint(bytes) == fingerprint;
  }

  private static boolean isSingleObject(byte[] bytes) {
    return bytes.length >= HEADER_BYTES && bytes[0] == (byte) 0xC3 && bytes[1] == (byte) 0x01;
  }

  private static long writerFingerprint(byte[] bytes) {
    return ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  private DatumReader<T> readerFor(long writerFingerprint) {
    Schema writerSchema = store.findByFingerprint(writerFingerprint);
    if (writerSchema == null) {
      throw new AvroDecodingException(String.format(
          "%s: unknown writer schema fingerprint %016x (CRC-64-AVRO); the record was written with a schema "
              + "this reader's catalogue does not hold", type.getSimpleName(), writerFingerprint));
    }
    return readerOf(writerSchema);
  }

  @SuppressWarnings("unchecked")
  private DatumReader<T> readerOf(Schema writerSchema) {
    return model.createDatumReader(writerSchema, schema);
  }

  public Class<T> type() {
    return type;
  }

  public Schema schema() {
    return schema;
  }

  /** What a thread reuses from one record to the next. */
  private static final class Buffers {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    BinaryEncoder encoder;
    BinaryDecoder decoder;
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
