package io.argus.schemas;

import java.io.IOException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

/**
 * Serializes an Argus Avro record for Flink's network and state as its single-object encoding, length-prefixed.
 * Each record names its writer schema by fingerprint and {@link AvroCodec} resolves every published version, so
 * state written before a compatible schema change restores after it.
 */
public final class AvroRecordSerializer<T extends SpecificRecord> extends TypeSerializer<T> {

  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private transient AvroCodec<T> codec;

  public AvroRecordSerializer(Class<T> type) {
    this.type = type;
  }

  private AvroCodec<T> codec() {
    if (codec == null) {
      codec = AvroCodec.of(type);
    }
    return codec;
  }

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return new AvroRecordSerializer<>(type);
  }

  @Override
  public T createInstance() {
    return InstantiationUtil.instantiate(type);
  }

  @Override
  public T copy(T from) {
    return SpecificData.getForClass(type).deepCopy(codec().schema(), from);
  }

  @Override
  public T copy(T from, T reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(T record, DataOutputView target) throws IOException {
    byte[] bytes = codec().encode(record);
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    return codec().decode(bytes);
  }

  @Override
  public T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    int length = source.readInt();
    target.writeInt(length);
    target.write(source, length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AvroRecordSerializer<?> that && that.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<T> snapshotConfiguration() {
    return new Snapshot<>(type);
  }

  /** Remembers the record class; any later version of its schema reads what an earlier one wrote. */
  public static final class Snapshot<T extends SpecificRecord> implements TypeSerializerSnapshot<T> {

    private static final int VERSION = 1;

    private Class<T> type;

    /** For Flink's reflective restore. */
    public Snapshot() {
    }

    Snapshot(Class<T> type) {
      this.type = type;
    }

    @Override
    public int getCurrentVersion() {
      return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeUTF(type.getName());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
      String className = in.readUTF();
      try {
        type = (Class<T>) Class.forName(className, true, classLoader);
      } catch (ClassNotFoundException e) {
        throw new IOException("the state holds records of class " + className + ", which is not on the classpath", e);
      }
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
      return new AvroRecordSerializer<>(type);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
      return oldSnapshot instanceof Snapshot<T> old && old.type.equals(type)
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
