package io.argus.features.job;

import io.argus.avro.FraudLabel;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.schemas.AvroCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.types.Either;

/** Bounded test sources: a fixed list of records, emitted in the given order by one generator. */
final class BoundedSources {

  private BoundedSources() {
  }

  static FeatureJob.Sources of(List<Transaction> transactions, List<FraudLabel> labels) {
    return new FeatureJob.Sources(source(transactions, Transaction.class), "transactions",
        source(labels, FraudLabel.class), "fraud-labels");
  }

  /** The records, shuffled within consecutive runs of {@code run} (an arrival order within a small bound). */
  static <T> List<T> shuffledWithin(List<T> records, int run, long seed) {
    List<T> shuffled = new ArrayList<>();
    Random random = new Random(seed);
    for (int from = 0; from < records.size(); from += run) {
      List<T> chunk = new ArrayList<>(records.subList(from, Math.min(records.size(), from + run)));
      Collections.shuffle(chunk, random);
      shuffled.addAll(chunk);
    }
    return shuffled;
  }

  private static <T extends SpecificRecord> DataGeneratorSource<Either<RejectedRecord, T>> source(List<T> records,
      Class<T> type) {
    AvroCodec<T> codec = AvroCodec.of(type);
    ArrayList<byte[]> encoded = new ArrayList<>();
    records.forEach(record -> encoded.add(codec.encode(record)));
    return new DataGeneratorSource<>(index -> Either.Right(AvroCodec.of(type).decode(encoded.get(index.intValue()))),
        encoded.size(), FeatureJob.inputType(type));
  }

}
