package io.argus.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde for an Argus record in Avro single-object encoding; {@code null} stays {@code null} (tombstones). */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final AvroCodec<T> codec;

  public AvroSerde(AvroCodec<T> codec) {
    this.codec = codec;
  }

  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(AvroCodec.of(type));
  }

  public AvroCodec<T> codec() {
    return codec;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, record) -> record == null ? null : codec.encode(record);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
  }
}
