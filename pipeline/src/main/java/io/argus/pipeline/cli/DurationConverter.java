package io.argus.pipeline.cli;

import io.argus.common.Durations;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Reads every {@link Duration} option of {@code argus} the one way ({@link Durations}): {@code 250ms}, {@code 30s},
 * {@code 5m}, {@code 2h}, {@code 3d} or ISO-8601 ({@code PT24H}). Each such option names it with
 * {@code converter = DurationConverter.class}; a test walks every command to check none is missed. Picocli puts the
 * option's name in front of the message.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
