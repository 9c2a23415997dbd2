package io.argus.features.offline;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudLabel;
import io.argus.avro.ServingSkew;
import io.argus.schemas.AvroCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads the offline store the feature job writes ({@link OfflineLayout}), one date partition at a time, so a reader
 * holds only what it keeps. Partitions outside the asked dates are never opened.
 */
public final class OfflineStore {

  static {
    AvroCodec.trustArgusRecords();
  }

  private final Path root;

  private OfflineStore(Path root) {
    this.root = root;
  }

  /**
   * The store under {@code root}.
   *
   * @throws IllegalArgumentException when {@code root} holds no {@code features} table
   */
  public static OfflineStore at(Path root) {
    if (!Files.isDirectory(root.resolve(OfflineLayout.FEATURES))) {
      throw new IllegalArgumentException("no offline store at " + root + ": expected a '" + OfflineLayout.FEATURES
          + "' directory inside it");
    }
    return new OfflineStore(root);
  }

  public Path root() {
    return root;
  }

  /** The dates that have a partition in {@code table}, ascending. */
  public List<LocalDate> dates(String table) {
    Path directory = root.resolve(table);
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> partitions = Files.list(directory)) {
      return partitions.map(path -> path.getFileName().toString())
          .filter(name -> name.startsWith(OfflineLayout.PARTITION_PREFIX))
          .map(OfflineStore::date)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the partitions of " + directory, e);
    }
  }

  /** Streams the feature vectors with an event date in [{@code from}, {@code toExclusive}). */
  public void features(LocalDate from, LocalDate toExclusive, Consumer<FeatureVector> consumer) {
    read(OfflineLayout.FEATURES, FeatureVector.class, from, toExclusive, consumer);
  }

  /** Streams the labels of transactions dated in [{@code from}, {@code toExclusive}). */
  public void labels(LocalDate from, LocalDate toExclusive, Consumer<FraudLabel> consumer) {
    read(OfflineLayout.LABELS, FraudLabel.class, from, toExclusive, consumer);
  }

  /** Streams the serving-skew records of transactions with an event date in [{@code from}, {@code toExclusive}). */
  public void skew(LocalDate from, LocalDate toExclusive, Consumer<ServingSkew> consumer) {
    read(OfflineLayout.SKEW, ServingSkew.class, from, toExclusive, consumer);
  }

  private <T extends SpecificRecord> void read(String table, Class<T> type, LocalDate from, LocalDate toExclusive,
      Consumer<T> consumer) {
    for (LocalDate date : dates(table)) {
      if (!date.isBefore(from) && date.isBefore(toExclusive)) {
        for (Path file : files(root.resolve(table).resolve(OfflineLayout.PARTITION_PREFIX + date))) {
          readFile(file, type, consumer);
        }
      }
    }
  }

  private static List<Path> files(Path partition) {
    try (Stream<Path> files = Files.list(partition)) {
      return files.filter(file -> {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && name.endsWith(OfflineLayout.FILE_SUFFIX);
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the files of " + partition, e);
    }
  }

  private static <T extends SpecificRecord> void readFile(Path file, Class<T> type, Consumer<T> consumer) {
    try (DataFileReader<T> reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(type))) {
      for (T record : reader) {
        consumer.accept(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read offline store file " + file, e);
    }
  }

  private static LocalDate date(String partition) {
    String value = partition.substring(OfflineLayout.PARTITION_PREFIX.length());
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("partition '" + partition + "' is not date=YYYY-MM-DD", e);
    }
  }
}
