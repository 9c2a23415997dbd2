package io.argus.ingestion.simulate;

import io.argus.ingestion.handbook.HandbookCsv;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes simulated transactions in the handbook's CSV columns (gzipped when the file name ends in {@code .gz}), so
 * that a simulation reads back through file ingest like the handbook's own data. Card numbers are not written: the
 * reader derives them from the customer, as the simulator did.
 */
public final class HandbookCsvWriter implements Closeable {

  private final Writer writer;

  private HandbookCsvWriter(Writer writer) throws IOException {
    this.writer = writer;
    writer.write(HandbookCsv.header());
    writer.write('\n');
  }

  public static HandbookCsvWriter create(Path file) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      out = new GZIPOutputStream(out, 1 << 16);
    }
    return new HandbookCsvWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
  }

  public void write(SimulatedTransaction transaction) throws IOException {
    writer.write(String.join(",", transaction.transactionId(), HandbookCsv.DATE_TIME.format(transaction.time()),
        transaction.customerId(), transaction.terminalId(), transaction.amount().toPlainString(),
        Long.toString(transaction.secondsSinceStart()), Integer.toString(transaction.day()),
        transaction.fraud() ? "1" : "0", Integer.toString(transaction.scenario().number())));
    writer.write('\n');
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
