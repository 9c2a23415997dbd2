package io.argus.common;

import java.nio.charset.StandardCharsets;

/** What an endpoint answers: a status, the body's content type and the body ({@code byte[0]} for none). */
public record HttpReply(int status, String contentType, byte[] body) {

  /** A JSON body, already written. */
  public static HttpReply json(int status, String json) {
    return new HttpReply(status, HttpExchanges.JSON, json.getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON body, already written. */
  public static HttpReply json(int status, byte[] json) {
    return new HttpReply(status, HttpExchanges.JSON, json);
  }

  /** A plain-text body. */
  public static HttpReply text(int status, String text) {
    return new HttpReply(status, HttpExchanges.TEXT, text.getBytes(StandardCharsets.UTF_8));
  }
}
