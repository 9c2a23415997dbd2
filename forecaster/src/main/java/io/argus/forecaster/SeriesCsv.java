package io.argus.forecaster;

import io.argus.common.Progress;
import io.argus.common.ProgressListener;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a univariate series from a CSV file (gzip-compressed too) with a header row: a time column and, optionally,
 * a numeric value column. Without resampling, each row is one point and rows must be in time order. With a
 * resampling step, values are summed per step of time (steps aligned to the UTC epoch, so {@code 1h} steps start
 * on the hour), or rows are counted when no value column is given, and steps without rows count as zero: this is
 * how an event file (one row per transaction) becomes a volume series.
 *
 * <p>Times may be ISO-8601 with or without an offset ({@code 2018-04-01T00:00:31Z}, {@code 2018-04-01T00:00:31}),
 * {@code yyyy-MM-dd HH:mm:ss}, a date, or epoch seconds or milliseconds; times without an offset are read as UTC.
 */
public final class SeriesCsv {

  private static final long MAXIMUM_POINTS = 50_000_000L;
  private static final double EPOCH_MILLISECONDS_FROM = 1e11;
  private static final int[] DIGIT_POSITIONS = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};

  private SeriesCsv() {
  }

  /**
   * A series read from a file.
   *
   * @param step the resampling step, {@code null} when each row is a point
   */
  public record Series(Instant start, Duration step, double[] values) {
  }

  /**
   * Reads {@code file}.
   *
   * @param valueColumn {@code null} to count rows (needs {@code resample})
   * @param resample {@code null} to take each row as a point
   * @param progress hears the rows as they are read (total unknown)
   * @throws SeriesFormatException naming the line and column of the first problem
   */
  public static Series read(Path file, String timeColumn, String valueColumn, Duration resample,
      ProgressListener progress) throws IOException {
    if (valueColumn == null && resample == null) {
      throw new SeriesFormatException("without a value column the rows can only be counted per resampling step: "
          + "give a value column or a resampling step");
    }
    if (resample != null && (resample.isNegative() || resample.isZero())) {
      throw new SeriesFormatException("the resampling step must be positive, got " + resample);
    }
    String name = file.getFileName().toString();
    try (BufferedReader reader = open(file);
        Progress rows = progress.start("reading " + name, 0, "rows")) {
      String header = reader.readLine();
      if (header == null) {
        throw new SeriesFormatException(name + " is empty: expected a header row");
      }
      List<String> columns = fields(header.startsWith("\uFEFF") ? header.substring(1) : header);
      int timeIndex = columnIndex(name, columns, timeColumn);
      int valueIndex = valueColumn == null ? -1 : columnIndex(name, columns, valueColumn);
      Points points = resample == null ? new Points(name) : new ResampledPoints(name, resample);
      String line;
      int lineNumber = 1;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        String where = name + " line " + lineNumber;
        List<String> row = fields(line);
        if (row.size() != columns.size()) {
          throw new SeriesFormatException(where + ": has " + row.size() + " fields, the header has " + columns.size());
        }
        long time = parseTime(row.get(timeIndex), where + ", column '" + timeColumn + "'");
        double value = valueIndex < 0 ? 1 : parseValue(row.get(valueIndex), where + ", column '" + valueColumn + "'");
        points.add(time, value, where);
        rows.step(1);
      }
      return points.series();
    }
  }

  /** Milliseconds since the epoch of one time cell; {@code where} prefixes the error. */
  static long parseTime(String text, String where) {
    String trimmed = text.trim();
    if (!trimmed.isEmpty() && (Character.isDigit(trimmed.charAt(0)) || trimmed.charAt(0) == '-')
        && trimmed.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '-')) {
      try {
        double number = Double.parseDouble(trimmed);
        return (long) (Math.abs(number) < EPOCH_MILLISECONDS_FROM ? number * 1000 : number);
      } catch (NumberFormatException e) {
        // not a number after all: fall through to the date formats, which name the problem
      }
    }
    String iso = trimmed.length() > 10 && trimmed.charAt(10) == ' '
        ? trimmed.substring(0, 10) + 'T' + trimmed.substring(11) : trimmed;
    try {
      if (isPlainDateTime(iso)) {
        return LocalDateTime.of(digits(iso, 0, 4), digits(iso, 5, 7), digits(iso, 8, 10), digits(iso, 11, 13),
            digits(iso, 14, 16), digits(iso, 17, 19)).toInstant(ZoneOffset.UTC).toEpochMilli();
      }
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from,
          LocalDateTime::from);
      return parsed instanceof OffsetDateTime offset ? offset.toInstant().toEpochMilli()
          : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeException notDateTime) {
      try {
        return LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeException notDate) {
        throw new SeriesFormatException(where + ": '" + text + "' is not a time (expected ISO-8601, "
            + "'yyyy-MM-dd HH:mm:ss', a date, or epoch seconds or milliseconds)");
      }
    }
  }

  /** {@code yyyy-MM-ddTHH:mm:ss}: the common case, parsed without a formatter. */
  private static boolean isPlainDateTime(String text) {
    if (text.length() != 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return false;
    }
    for (int i : DIGIT_POSITIONS) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }

  private static double parseValue(String text, String where) {
    try {
      double value = Double.parseDouble(text.trim());
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SeriesFormatException(where + ": '" + text + "' is not a finite number");
  }

  private static int columnIndex(String name, List<String> columns, String column) {
    int index = columns.indexOf(column);
    if (index < 0) {
      throw new SeriesFormatException(name + " has no column '" + column + "'; its columns are "
          + String.join(", ", columns));
    }
    return index;
  }

  /** The fields of one CSV line: commas separate, double quotes enclose, two double quotes escape one. */
  static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    if (line.indexOf('"') < 0) {
      for (String field : line.split(",", -1)) {
        fields.add(field.trim());
      }
      return fields;
    }
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString().trim());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString().trim());
    return fields;
  }

  private static BufferedReader open(Path file) throws IOException {
    InputStream input = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    input.mark(2);
    boolean gzip = input.read() == 0x1f && input.read() == 0x8b;
    input.reset();
    InputStream content = gzip ? new GZIPInputStream(input, 1 << 16) : input;
    return new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8), 1 << 16);
  }

  /** Rows taken as they come: one point each, in increasing time. */
  private static class Points {
    final String name;
    private final List<Double> values = new ArrayList<>();
    private long start;
    private long previous = Long.MIN_VALUE;

    Points(String name) {
      this.name = name;
    }

    void add(long time, double value, String where) {
      if (time <= previous) {
        throw new SeriesFormatException(where + ": time " + Instant.ofEpochMilli(time) + " is not after the previous "
            + "row's " + Instant.ofEpochMilli(previous) + "; a series must be in time order (or be resampled)");
      }
      if (values.isEmpty()) {
        start = time;
      }
      previous = time;
      values.add(value);
    }

    Series series() {
      requireRows(values.isEmpty());
      return new Series(Instant.ofEpochMilli(start), null, values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    void requireRows(boolean empty) {
      if (empty) {
        throw new SeriesFormatException(name + " has a header but no rows");
      }
    }
  }

  /** Rows summed (or counted) per step of time; empty steps are zero. */
  private static final class ResampledPoints extends Points {
    private final Duration step;
    private final long stepMillis;
    private final Map<Long, Double> sums = new HashMap<>();
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    ResampledPoints(String name, Duration step) {
      super(name);
      this.step = step;
      this.stepMillis = step.toMillis();
    }

    @Override
    void add(long time, double value, String where) {
      long bucket = Math.floorDiv(time, stepMillis);
      sums.merge(bucket, value, Double::sum);
      first = Math.min(first, bucket);
      last = Math.max(last, bucket);
    }

    @Override
    Series series() {
      requireRows(sums.isEmpty());
      long count = last - first + 1;
      if (count > MAXIMUM_POINTS) {
        throw new SeriesFormatException(name + " spans " + count + " steps of " + step + ", more than "
            + MAXIMUM_POINTS + ": resample with a longer step");
      }
      double[] values = new double[(int) count];
      sums.forEach((bucket, sum) -> values[(int) (bucket - first)] = sum);
      return new Series(Instant.ofEpochMilli(first * stepMillis), step, values);
    }
  }
}
