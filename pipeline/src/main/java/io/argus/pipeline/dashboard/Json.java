package io.argus.pipeline.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;

/**
 * The dashboard's JSON: snake_case names like the rest of Argus's public JSON (the scorer's {@code POST /score}
 * included), compact (one line, as server-sent events need), records and maps as objects.
 */
final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private Json() {
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** Parses JSON, throwing {@link IOException} with the parser's message when it is not valid JSON. */
  static JsonNode read(byte[] json) throws IOException {
    return MAPPER.readTree(json);
  }
}
