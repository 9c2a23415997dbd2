package io.argus.ingestion.file;

import io.argus.ingestion.validation.SourcePosition;

/** Turns one line of a file of some format into a validated record. */
interface RowReader {
  FileRecord read(LineReader.Line line, SourcePosition position);
}
