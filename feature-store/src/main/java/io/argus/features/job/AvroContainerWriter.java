package io.argus.features.job;

import java.io.IOException;
import io.argus.schemas.AvroCodec;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/**
 * Writes records as an Avro object container file (schema in the header, Zstandard-compressed blocks), for Flink's
 * {@code FileSink}: the file is finished, never closed, by the writer, and committed when a checkpoint completes.
 *
 * <p>Zstandard at Avro's default level 3 against the deflate level 1 of before, on 355,406 feature vectors of the
 * handbook: 229 against 274 bytes a vector, and 5.1 against 9.0 µs a vector encoded and compressed (the feature job's
 * busiest thread writes them). Files written with deflate stay readable: the codec is in each file's header.
 */
final class AvroContainerWriter<T extends SpecificRecord> implements BulkWriter<T> {

  private final DataFileWriter<T> writer;

  private AvroContainerWriter(DataFileWriter<T> writer) {
    this.writer = writer;
  }

  /** A factory of writers for one record class. */
  static <T extends SpecificRecord> BulkWriter.Factory<T> factory(Class<T> type) {
    return out -> open(type, out);
  }

  private static <T extends SpecificRecord> AvroContainerWriter<T> open(Class<T> type, FSDataOutputStream out)
      throws IOException {
    Schema schema = AvroCodec.of(type).schema(); // the codec also makes Avro trust the io.argus.avro classes
    DataFileWriter<T> writer = new DataFileWriter<>(new SpecificDatumWriter<T>(schema));
    writer.setCodec(CodecFactory.zstandardCodec(CodecFactory.DEFAULT_ZSTANDARD_LEVEL));
    writer.create(schema, out);
    return new AvroContainerWriter<>(writer);
  }

  @Override
  public void addElement(T element) throws IOException {
    writer.append(element);
  }

  @Override
  public void flush() throws IOException {
    writer.flush();
  }

  @Override
  public void finish() throws IOException {
    writer.flush();
  }
}
