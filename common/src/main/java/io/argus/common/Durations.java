package io.argus.common;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of Argus, for every flag and every configuration key: a whole number and a unit
 * ({@code 250ms}, {@code 30s}, {@code 5m} or {@code 5min}, {@code 2h}, {@code 3d}; case and a space before the unit
 * do not matter) or ISO-8601 ({@code PT24H}, {@code P3D}, {@code PT1M30S}). Durations are never negative. A value
 * that does not parse gets one message that names the flag or key and shows both forms.
 */
public final class Durations {

  /** How a duration is written, as error messages and help texts say it. */
  public static final String SYNTAX = "a whole number and a unit (250ms, 30s, 5m, 2h, 3d) or ISO-8601 (PT24H, P3D)";

  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)", Pattern.CASE_INSENSITIVE);

  private Durations() {
  }

  /**
   * The duration {@code text} writes.
   *
   * @throws IllegalArgumentException {@code 'text' is not a duration: write ...}, when it is not in either form
   */
  public static Duration parse(String text) {
    Duration parsed = parseOrNull(text);
    if (parsed == null) {
      throw new IllegalArgumentException(problem(text));
    }
    return parsed;
  }

  /**
   * The duration {@code text} writes, for the flag or configuration key {@code name}.
   *
   * @throws IllegalArgumentException {@code name: 'text' is not a duration: write ...}, when it is not in either form
   */
  public static Duration parse(String name, String text) {
    Duration parsed = parseOrNull(text);
    if (parsed == null) {
      throw new IllegalArgumentException(name + ": " + problem(text));
    }
    return parsed;
  }

  /**
   * {@code duration} in the short form when one unit says it exactly ({@code 200ms}, {@code 90s}, {@code 5m},
   * {@code 3d}), otherwise in ISO-8601; {@link #parse(String)} reads either back to the same duration.
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("durations are zero or more, got " + duration);
    }
    if (duration.getNano() % 1_000_000 != 0) {
      return duration.toString();
    }
    long millis = duration.toMillis();
    if (millis == 0) {
      return "0s";
    }
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  private static Duration parseOrNull(String text) {
    if (text == null) {
      return null;
    }
    String trimmed = text.trim();
    try {
      Duration parsed = trimmed.regionMatches(true, 0, "P", 0, 1) ? Duration.parse(trimmed) : shortForm(trimmed);
      return parsed == null || parsed.isNegative() ? null : parsed;
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  private static Duration shortForm(String text) {
    Matcher matcher = SHORT.matcher(text);
    if (!matcher.matches()) {
      return null;
    }
    long amount;
    try {
      amount = Long.parseLong(matcher.group(1));
    } catch (NumberFormatException e) {
      return null;
    }
    return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m", "min" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  private static String problem(String text) {
    return "'" + text + "' is not a duration: write " + SYNTAX;
  }
}
