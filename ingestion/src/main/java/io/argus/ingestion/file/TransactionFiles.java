package io.argus.ingestion.file;

import io.argus.ingestion.tokenize.CardTokenizer;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationLimits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Opens a transaction file for streaming through the one validation. The format is read from the content, not the
 * name: gzip by its magic bytes, JSON lines when the first line starts with {@code {}, otherwise a CSV with the
 * handbook's columns and a header.
 *
 * <pre>{@code
 * try (TransactionFileReader reader = TransactionFiles.open(file, tokenizer, Duration.ofDays(7))) {
 *   while (reader.hasNext()) {
 *     FileRecord record = reader.next();   // transaction or rejection, and a label when the file has them
 *   }
 * }
 * }</pre>
 */
public final class TransactionFiles {

  private static final int GZIP_MAGIC_FIRST = 0x1f;
  private static final int GZIP_MAGIC_SECOND = 0x8b;
  private static final int BUFFER_BYTES = 1 << 16;
  private static final String BYTE_ORDER_MARK = "\uFEFF";

  private TransactionFiles() {
  }

  /**
   * Opens {@code file} with the default limits and the system clock; labels are reported {@code labelDelay} after
   * their transaction.
   *
   * @throws FileFormatException when the file is missing, empty or has no usable header
   */
  public static TransactionFileReader open(Path file, CardTokenizer tokenizer, Duration labelDelay) {
    return open(file, new TransactionValidator(tokenizer, ValidationLimits.DEFAULTS, Clock.systemUTC()), labelDelay);
  }

  /** Opens {@code file}, validating with {@code validator}. */
  public static TransactionFileReader open(Path file, TransactionValidator validator, Duration labelDelay) {
    String fileName = file.getFileName().toString();
    CountingInputStream counting;
    long totalBytes;
    try {
      totalBytes = Files.size(file);
      counting = new CountingInputStream(Files.newInputStream(file));
    } catch (NoSuchFileException e) {
      throw new FileFormatException(file + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
    try {
      LineReader lines = new LineReader(decompressed(counting), validator.limits().maxRecordBytes() + 1);
      LineReader.Line first = lines.next();
      long lineNumber = 1;
      while (first != null && first.isBlank()) {
        first = lines.next();
        lineNumber++;
      }
      if (first == null) {
        throw new FileFormatException(fileName + ": the file is empty; expected a CSV header or JSON lines");
      }
      String text = new String(first.bytes(), StandardCharsets.UTF_8).replace(BYTE_ORDER_MARK, "").strip();
      if (text.startsWith("{")) {
        return new TransactionFileReader(counting, lines, new JsonLinesRowReader(validator, labelDelay), fileName,
            totalBytes, lineNumber, first);
      }
      HandbookRowReader rows = new HandbookRowReader(Arrays.stream(text.split(",")).map(String::strip).toList(),
          fileName, validator, labelDelay);
      return new TransactionFileReader(counting, lines, rows, fileName, totalBytes, lineNumber, null);
    } catch (IOException | RuntimeException e) {
      closeQuietly(counting, e);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot read " + file, io);
      }
      throw (RuntimeException) e;
    }
  }

  private static InputStream decompressed(CountingInputStream counting) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(counting, BUFFER_BYTES);
    buffered.mark(2);
    boolean gzip = buffered.read() == GZIP_MAGIC_FIRST && buffered.read() == GZIP_MAGIC_SECOND;
    buffered.reset();
    return gzip ? new GZIPInputStream(buffered, BUFFER_BYTES) : buffered;
  }

  private static void closeQuietly(CountingInputStream stream, Exception cause) {
    try {
      stream.close();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }
}
