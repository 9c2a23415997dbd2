package io.argus.features.job;

import io.argus.avro.FraudLabel;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.ingestion.file.FileRecord;
import io.argus.ingestion.file.TransactionFileReader;
import io.argus.ingestion.file.TransactionFiles;
import io.argus.ingestion.tokenize.CardTokenizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.types.Either;

/**
 * A bounded source over a transaction file (handbook CSV or JSON lines, gzip too), read through ingestion's one
 * validation ({@link TransactionFiles}): the transactions (and rejected rows) or the labels of the file. One split;
 * its checkpoint is the number of file records consumed, and a restore reopens the file and skips them. The card
 * token key is read where the source runs (a key file or {@code ARGUS_TOKEN_KEY}), never shipped with the job.
 */
public final class FileRecordSource<T> implements
    Source<Either<RejectedRecord, T>, FileRecordSource.FileSplit<T>, Collection<FileRecordSource.FileSplit<T>>> {

  private static final long serialVersionUID = 1L;
  private static final Map<String, AtomicLong> PROGRESS = new ConcurrentHashMap<>();

  /** Which part of each file record the source emits; {@code null} skips the record. */
  @FunctionalInterface
  public interface Selection<T> extends Serializable {
    Either<RejectedRecord, T> select(FileRecord record);
  }

  private final FileSplit<T> split;

  private FileRecordSource(FileSplit<T> split) {
    this.split = split;
  }

  /**
   * The file's transactions, and the rejection of each row that failed validation.
   *
   * @param progressId a name under which {@link #bytesRead(String)} reports progress in this JVM
   */
  public static FileRecordSource<Transaction> transactions(Path file, Path keyFile, Duration labelDelay,
      String progressId) {
    return new FileRecordSource<>(new FileSplit<>(file.toString(), keyFile == null ? null : keyFile.toString(),
        labelDelay.toMillis(), 0, progressId, FileRecordSource::transactionOrRejection));
  }

  /** The file's labels (from its fraud column), reported {@code labelDelay} after their transaction. */
  public static FileRecordSource<FraudLabel> labels(Path file, Path keyFile, Duration labelDelay) {
    return new FileRecordSource<>(new FileSplit<>(file.toString(), keyFile == null ? null : keyFile.toString(),
        labelDelay.toMillis(), 0, null, record -> record.label() == null ? null : Either.Right(record.label())));
  }

  /** Bytes of the file read so far by the transactions source registered under {@code progressId}, in this JVM. */
  public static long bytesRead(String progressId) {
    AtomicLong read = PROGRESS.get(progressId);
    return read == null ? 0 : read.get();
  }

  private static Either<RejectedRecord, Transaction> transactionOrRejection(FileRecord record) {
    return record.isAccepted() ? Either.Right(record.transaction()) : Either.Left(record.rejection());
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<FileSplit<T>, Collection<FileSplit<T>>> createEnumerator(
      SplitEnumeratorContext<FileSplit<T>> context) {
    return new IteratorSourceEnumerator<>(context, List.of(split));
  }

  @Override
  public SplitEnumerator<FileSplit<T>, Collection<FileSplit<T>>> restoreEnumerator(
      SplitEnumeratorContext<FileSplit<T>> context, Collection<FileSplit<T>> checkpoint) {
    return new IteratorSourceEnumerator<>(context, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<FileSplit<T>> getSplitSerializer() {
    return new SplitSerializer<>(split);
  }

  @Override
  public SimpleVersionedSerializer<Collection<FileSplit<T>>> getEnumeratorCheckpointSerializer() {
    return new CheckpointSerializer<>(new SplitSerializer<>(split));
  }

  @Override
  public SourceReader<Either<RejectedRecord, T>, FileSplit<T>> createReader(SourceReaderContext context) {
    return new IteratorSourceReader<>(context);
  }

  /** The file, where the key is, and how many of its records have been consumed. */
  public record FileSplit<T>(String file, String keyFile, long labelDelayMillis, long consumed, String progressId,
      Selection<T> selection) implements IteratorSourceSplit<Either<RejectedRecord, T>, FileIterator<T>>, Serializable {

    @Override
    public String splitId() {
      return file;
    }

    @Override
    public FileIterator<T> getIterator() {
      CardTokenizer tokenizer = CardTokenizer.fromKeyFileOrEnvironment(keyFile == null ? null : Path.of(keyFile));
      TransactionFileReader reader = TransactionFiles.open(Path.of(file), tokenizer,
          Duration.ofMillis(labelDelayMillis));
      FileIterator<T> iterator = new FileIterator<>(reader, selection,
          progressId == null ? null : PROGRESS.computeIfAbsent(progressId, ignored -> new AtomicLong()));
      iterator.skip(consumed);
      return iterator;
    }

    @Override
    public IteratorSourceSplit<Either<RejectedRecord, T>, FileIterator<T>> getUpdatedSplitForIterator(
        FileIterator<T> iterator) {
      return new FileSplit<>(file, keyFile, labelDelayMillis, iterator.consumed, progressId, selection);
    }
  }

  /** Iterates the selected records of an open file; closes it at the end. */
  public static final class FileIterator<T> implements Iterator<Either<RejectedRecord, T>> {
    private final TransactionFileReader reader;
    private final Selection<T> selection;
    private final AtomicLong progress;
    private long consumed;
    private Either<RejectedRecord, T> next;

    FileIterator(TransactionFileReader reader, Selection<T> selection, AtomicLong progress) {
      this.reader = reader;
      this.selection = selection;
      this.progress = progress;
    }

    void skip(long records) {
      while (consumed < records && reader.hasNext()) {
        reader.next();
        consumed++;
      }
    }

    @Override
    public boolean hasNext() {
      while (next == null && reader.hasNext()) {
        next = selection.select(reader.next());
        consumed++;
      }
      if (progress != null) {
        progress.set(reader.bytesRead());
      }
      if (next == null) {
        close();
      }
      return next != null;
    }

    @Override
    public Either<RejectedRecord, T> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Either<RejectedRecord, T> current = next;
      next = null;
      return current;
    }

    private void close() {
      try {
        reader.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Serializes a split as its file and position; the rest comes from the source it belongs to. */
  private record SplitSerializer<T>(FileSplit<T> template)
      implements SimpleVersionedSerializer<FileSplit<T>>, Serializable {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(FileSplit<T> split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeUTF(split.file());
        out.writeLong(split.consumed());
      }
      return bytes.toByteArray();
    }

    @Override
    public FileSplit<T> deserialize(int version, byte[] serialized) throws IOException {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        return new FileSplit<>(in.readUTF(), template.keyFile(), template.labelDelayMillis(), in.readLong(),
            template.progressId(), template.selection());
      }
    }
  }

  private record CheckpointSerializer<T>(SplitSerializer<T> splits)
      implements SimpleVersionedSerializer<Collection<FileSplit<T>>> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Collection<FileSplit<T>> checkpoint) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(checkpoint.size());
        for (FileSplit<T> split : checkpoint) {
          byte[] serialized = splits.serialize(split);
          out.writeInt(serialized.length);
          out.write(serialized);
        }
      }
      return bytes.toByteArray();
    }

    @Override
    public Collection<FileSplit<T>> deserialize(int version, byte[] serialized) throws IOException {
      List<FileSplit<T>> checkpoint = new ArrayList<>();
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
          byte[] split = new byte[in.readInt()];
          in.readFully(split);
          checkpoint.add(splits.deserialize(splits.getVersion(), split));
        }
      }
      return checkpoint;
    }
  }
}
