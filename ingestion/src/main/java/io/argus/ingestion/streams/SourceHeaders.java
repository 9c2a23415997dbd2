package io.argus.ingestion.streams;

import io.argus.ingestion.validation.SourcePosition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Where an accepted record came from and its masked original bytes, carried in record headers through the
 * validator's repartition topic, so that a duplicate found after it is dead-lettered like any other rejection.
 * Never written to an output topic.
 */
final class SourceHeaders {

  private static final String TOPIC = "argus.source.topic";
  private static final String PARTITION = "argus.source.partition";
  private static final String OFFSET = "argus.source.offset";
  private static final String MASKED_ORIGINAL = "argus.source.masked-original";

  private SourceHeaders() {
  }

  static Headers of(SourcePosition source, byte[] maskedOriginal) {
    return new RecordHeaders()
        .add(TOPIC, source.topic().getBytes(StandardCharsets.UTF_8))
        .add(PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(source.partition()).array())
        .add(OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(source.offset()).array())
        .add(MASKED_ORIGINAL, maskedOriginal);
  }

  static SourcePosition position(Headers headers) {
    return new SourcePosition(new String(value(headers, TOPIC), StandardCharsets.UTF_8),
        ByteBuffer.wrap(value(headers, PARTITION)).getInt(), ByteBuffer.wrap(value(headers, OFFSET)).getLong());
  }

  static byte[] maskedOriginal(Headers headers) {
    return value(headers, MASKED_ORIGINAL);
  }

  private static byte[] value(Headers headers, String key) {
    Header header = headers.lastHeader(key);
    if (header == null) {
      throw new IllegalArgumentException("record has no header " + key + "; headers: " + headers);
    }
    return header.value();
  }
}
