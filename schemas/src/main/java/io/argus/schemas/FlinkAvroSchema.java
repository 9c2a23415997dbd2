package io.argus.schemas;

import java.io.IOException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Flink (de)serialization of an Argus record in Avro single-object encoding, for Kafka sources and sinks.
 * Flink is a provided dependency of this module: only the Flink job's classpath carries it.
 */
public final class FlinkAvroSchema<T extends SpecificRecord>
    implements SerializationSchema<T>, DeserializationSchema<T> {

  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private transient AvroCodec<T> codec;

  public FlinkAvroSchema(Class<T> type) {
    this.type = type;
  }

  private AvroCodec<T> codec() {
    if (codec == null) {
      codec = AvroCodec.of(type);
    }
    return codec;
  }

  @Override
  public byte[] serialize(T element) {
    return codec().encode(element);
  }

  @Override
  public T deserialize(byte[] message) throws IOException {
    return codec().decode(message);
  }

  @Override
  public boolean isEndOfStream(T nextElement) {
    return false;
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return AvroRecordTypeInfo.forRecord(type);
  }
}
