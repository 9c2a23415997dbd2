package io.argus.ingestion.validation;

/**
 * Where a raw record came from: a Kafka topic, partition and offset, or for a file {@code file:NAME}, partition 0
 * and the line number.
 */
public record SourcePosition(String topic, int partition, long offset) {

  public SourcePosition {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("source topic must not be blank, got '" + topic + "'");
    }
  }

  /** A line of a file, named without its directory. */
  public static SourcePosition fileLine(String fileName, long lineNumber) {
    return new SourcePosition("file:" + fileName, 0, lineNumber);
  }
}
