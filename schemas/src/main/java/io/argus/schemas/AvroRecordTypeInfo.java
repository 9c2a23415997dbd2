package io.argus.schemas;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type information for an Argus Avro record, serialized with {@link AvroRecordSerializer} (the project's
 * single-object encoding). Without it Flink would analyse a generated class as a POJO or fall back to Kryo; the job
 * disables generic types, so any fallback fails at build time instead of silently.
 */
public final class AvroRecordTypeInfo<T extends SpecificRecord> extends TypeInformation<T> {

  private static final long serialVersionUID = 1L;

  private final Class<T> type;

  public AvroRecordTypeInfo(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  public static <T extends SpecificRecord> AvroRecordTypeInfo<T> forRecord(Class<T> type) {
    return new AvroRecordTypeInfo<>(type);
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return new AvroRecordSerializer<>(type);
  }

  @Override
  public String toString() {
    return "AvroRecord<" + type.getName() + ">";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AvroRecordTypeInfo<?> that && that.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof AvroRecordTypeInfo;
  }
}
