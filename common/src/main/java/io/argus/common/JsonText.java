package io.argus.common;

import java.util.Map;

/** The little JSON the HTTP helpers write themselves (error bodies, health), so this module needs no JSON library. */
final class JsonText {

  private JsonText() {
  }

  /** An object of string members, in the map's order. */
  static String object(Map<String, String> members) {
    StringBuilder json = new StringBuilder("{");
    members.forEach((name, value) -> {
      if (json.length() > 1) {
        json.append(',');
      }
      quote(json, name);
      json.append(':');
      quote(json, value);
    });
    return json.append('}').toString();
  }

  private static void quote(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04X", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
