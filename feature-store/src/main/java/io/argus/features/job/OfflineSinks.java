package io.argus.features.job;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudLabel;
import io.argus.avro.RejectedRecord;
import io.argus.avro.ServingSkew;
import io.argus.features.offline.OfflineLayout;
import java.io.Serializable;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * The offline store's Flink sinks ({@link OfflineLayout}): Avro container files per date partition, rolled and
 * committed on each checkpoint, so after a failure and restore every record appears exactly once.
 */
public final class OfflineSinks {

  private OfflineSinks() {
  }

  /** The time that decides a record's date partition. */
  @FunctionalInterface
  interface PartitionTime<T> extends Serializable {
    Instant of(T record);
  }

  /** Feature vectors by event date. */
  public static FileSink<FeatureVector> features(String root) {
    return sink(root, OfflineLayout.FEATURES, FeatureVector.class, FeatureVector::getEventTime);
  }

  /** Labels by the date of their transaction. */
  public static FileSink<FraudLabel> labels(String root) {
    return sink(root, OfflineLayout.LABELS, FraudLabel.class, FraudLabel::getTransactionTime);
  }

  /** Rejected records by the date they were rejected (for runs without a dead-letter topic). */
  public static FileSink<RejectedRecord> rejected(String root) {
    return sink(root, OfflineLayout.REJECTED, RejectedRecord.class, RejectedRecord::getRejectedAt);
  }

  /** Serving-skew records by the event date of their transaction. */
  public static FileSink<ServingSkew> skew(String root) {
    return sink(root, OfflineLayout.SKEW, ServingSkew.class, ServingSkew::getEventTime);
  }

  private static <T extends SpecificRecord> FileSink<T> sink(String root, String table, Class<T> type,
      PartitionTime<T> time) {
    return FileSink.forBulkFormat(new Path(new Path(root), table), AvroContainerWriter.factory(type))
        .withBucketAssigner(new DatePartitions<>(time))
        .withRollingPolicy(OnCheckpointRollingPolicy.build())
        .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part")
            .withPartSuffix(OfflineLayout.FILE_SUFFIX).build())
        .build();
  }

  private record DatePartitions<T>(PartitionTime<T> time) implements BucketAssigner<T, String> {
    @Override
    public String getBucketId(T element, Context context) {
      return OfflineLayout.partition(time.of(element));
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
      return SimpleVersionedStringSerializer.INSTANCE;
    }
  }
}
