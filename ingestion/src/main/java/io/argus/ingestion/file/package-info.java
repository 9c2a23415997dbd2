/** Transaction files (the handbook's CSV, JSON lines, gzipped or not), streamed through the one validation. */
package io.argus.ingestion.file;
