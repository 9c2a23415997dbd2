package io.argus.ingestion.file;

import io.argus.ingestion.validation.SourcePosition;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A transaction file read line by line, each line validated as it comes: never the whole file in memory. Tells how
 * many bytes of the file (compressed, for {@code .gz}) it has read, for a progress bar. Blank lines are skipped.
 * Not thread-safe; close it when done.
 */
public final class TransactionFileReader implements Iterator<FileRecord>, Closeable {

  private final CountingInputStream file;
  private final LineReader lines;
  private final RowReader rows;
  private final String fileName;
  private final long totalBytes;
  private long lineNumber;
  private LineReader.Line pending;
  private FileRecord next;

  TransactionFileReader(CountingInputStream file, LineReader lines, RowReader rows, String fileName,
      long totalBytes, long lineNumber, LineReader.Line pending) {
    this.file = file;
    this.lines = lines;
    this.rows = rows;
    this.fileName = fileName;
    this.totalBytes = totalBytes;
    this.lineNumber = lineNumber;
    this.pending = pending;
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    try {
      LineReader.Line line = pending != null ? pending : nextLine();
      pending = null;
      while (line != null && line.isBlank()) {
        line = nextLine();
      }
      if (line == null) {
        return false;
      }
      next = rows.read(line, SourcePosition.fileLine(fileName, lineNumber));
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + fileName + " after line " + lineNumber, e);
    }
  }

  @Override
  public FileRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more records in " + fileName);
    }
    FileRecord record = next;
    next = null;
    return record;
  }

  /** Bytes of the file read so far (compressed bytes for a gzipped file). */
  public long bytesRead() {
    return file.count();
  }

  /** The size of the file on disk. */
  public long totalBytes() {
    return totalBytes;
  }

  /** The number of the line last read, counting from 1 (the header included). */
  public long lineNumber() {
    return lineNumber;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }

  private LineReader.Line nextLine() throws IOException {
    LineReader.Line line = lines.next();
    if (line != null) {
      lineNumber++;
    }
    return line;
  }
}
