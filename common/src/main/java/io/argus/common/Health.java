package io.argus.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code GET /health} says about a role: {@code UP} (200) with details such as the model being served, or
 * another status (503) naming what it waits for, such as {@code WAITING_FOR_MODEL}.
 *
 * @param status {@code UP}, or what the role waits for
 * @param details string members added after {@code status}, in their order
 */
public record Health(String status, Map<String, String> details) {

  public static final String UP = "UP";

  public Health {
    if (status == null || status.isBlank()) {
      throw new IllegalArgumentException("a health status is needed");
    }
    if (details.containsKey("status")) {
      throw new IllegalArgumentException("'status' is the health status itself, not a detail");
    }
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** Serving, with {@code details} (in their order). */
  public static Health up(Map<String, String> details) {
    return new Health(UP, details);
  }

  /** Not serving yet, or any more: {@code status} says why. */
  public static Health notUp(String status) {
    return new Health(status, Map.of());
  }

  /** Not serving yet, or any more: {@code status} says what it waits for, {@code reason} in a sentence. */
  public static Health notUp(String status, String reason) {
    return new Health(status, Map.of("reason", reason));
  }

  public boolean isUp() {
    return UP.equals(status);
  }

  /** 200 when up, 503 otherwise. */
  public int httpStatus() {
    return isUp() ? 200 : 503;
  }

  /** {@code {"status":"UP","model":"lstm",...}}. */
  public String json() {
    Map<String, String> members = new LinkedHashMap<>();
    members.put("status", status);
    members.putAll(details);
    return JsonText.object(members);
  }
}
