package io.argus.common;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How an endpoint writes its errors: {@link #JSON} as {@code {"error": message}} (the dashboard, whose page shows
 * the message) or {@link #TEXT} as the bare message (the scorer's API, probes and scrapers).
 */
public enum HttpErrorFormat {

  JSON(HttpExchanges.JSON) {
    @Override
    public byte[] body(String message) {
      return JsonText.object(Map.of("error", message)).getBytes(StandardCharsets.UTF_8);
    }
  },

  TEXT(HttpExchanges.TEXT) {
    @Override
    public byte[] body(String message) {
      return message.getBytes(StandardCharsets.UTF_8);
    }
  };

  private final String contentType;

  HttpErrorFormat(String contentType) {
    this.contentType = contentType;
  }

  /** The body of an error saying {@code message}. */
  public abstract byte[] body(String message);

  public String contentType() {
    return contentType;
  }

  /** The reply of an error with this status saying {@code message}. */
  public HttpReply reply(int status, String message) {
    return new HttpReply(status, contentType, body(message));
  }
}
