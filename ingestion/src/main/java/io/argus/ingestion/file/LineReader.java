package io.argus.ingestion.file;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads lines as bytes, so that a rejected line keeps its original bytes even when they are not UTF-8. A line longer
 * than {@code maxLineBytes} keeps its first bytes only; {@link Line#length()} tells its real length.
 */
final class LineReader {

  /** One line without its terminator; {@code bytes} may be cut short of {@code length}. */
  record Line(byte[] bytes, long length) {
    boolean isCut() {
      return bytes.length < length;
    }

    boolean isBlank() {
      for (byte b : bytes) {
        if (b != ' ' && b != '\t') {
          return false;
        }
      }
      return !isCut();
    }
  }

  private final InputStream input;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private byte[] line = new byte[256];

  LineReader(InputStream input, int maxLineBytes) {
    this.input = input;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line, or {@code null} at the end of the input. */
  Line next() throws IOException {
    int kept = 0;
    long length = 0;
    while (true) {
      if (position == limit) {
        limit = input.read(buffer);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return length == 0 ? null : finish(kept, length);
        }
      }
      byte b = buffer[position++];
      if (b == '\n') {
        return finish(kept, length);
      }
      if (kept < maxLineBytes) {
        if (kept == line.length) {
          line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
        }
        line[kept++] = b;
      }
      length++;
    }
  }

  private Line finish(int kept, long length) {
    int end = kept > 0 && line[kept - 1] == '\r' && kept == length ? kept - 1 : kept;
    return new Line(Arrays.copyOf(line, end), end == kept ? length : length - 1);
  }
}
