package io.argus.features.job;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudLabel;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.features.compute.TransactionEvent;
import io.argus.schemas.AvroRecordTypeInfo;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;

/**
 * The fraud_v1 feature job: transactions and fraud labels in, one {@link FeatureVector} per transaction out, to the
 * online sink ({@code features}) and the offline store, and every rejected input to the dead-letter sink. Sources and
 * sinks are parameters: the command line wires Kafka and files, tests wire bounded sources and collecting sinks.
 *
 * <pre>
 * transactions ─▶ admit ─┐
 *                        ├─▶ terminal stage (keyed by terminal) ─▶ customer stage (keyed by customer) ─▶ features
 * fraud labels ─▶ admit ─┘           └─▶ offline labels                                               └▶ offline store
 *                  rejected (undecodable, late, unusable) ─▶ dead letters
 * </pre>
 */
public final class FeatureJob {

  private FeatureJob() {
  }

  /**
   * What the job reads: each source yields decoded records, or rejections for what it could not decode.
   *
   * @param transactionsName the source's name in rejections (a topic or a file name)
   */
  public record Sources(
      Source<Either<RejectedRecord, Transaction>, ?, ?> transactions, String transactionsName,
      Source<Either<RejectedRecord, FraudLabel>, ?, ?> labels, String labelsName) {
    public Sources {
      Objects.requireNonNull(transactions, "transactions source");
      Objects.requireNonNull(labels, "labels source");
    }
  }

  /**
   * Where the job writes.
   *
   * @param features the online sink ({@code features} topic), or {@code null} to build only the offline store
   */
  public record Sinks(Sink<FeatureVector> features, Sink<FeatureVector> offlineFeatures,
      Sink<FraudLabel> offlineLabels, Sink<RejectedRecord> deadLetters) {
    public Sinks {
      Objects.requireNonNull(offlineFeatures, "offline features sink");
      Objects.requireNonNull(offlineLabels, "offline labels sink");
      Objects.requireNonNull(deadLetters, "dead-letter sink");
    }
  }

  /** The event time of a record, in epoch milliseconds. */
  @FunctionalInterface
  interface EventTime<T> extends Serializable {
    long of(T record);
  }

  /** Adds the job's operators, reading from {@code sources} and writing to {@code sinks}, to {@code env}. */
  public static void build(StreamExecutionEnvironment env, Sources sources, Sinks sinks, FeatureJobConfig config) {
    // Inputs, with event-time watermarks; undecodable records, late events and unusable values are rejected.
    DataStream<Either<RejectedRecord, Transaction>> transactionInput = env
        .fromSource(sources.transactions(), watermarks(config, transaction -> transaction.getEventTime().toEpochMilli()),
            "transactions source", inputType(Transaction.class))
        .uid("transactions-source");
    SingleOutputStreamOperator<TransactionEvent> transactions = transactionInput
        .process(new Admission<>(sources.transactionsName(), Transaction.class, config.allowedLateness(),
            TransactionEvent::of), TypeInformation.of(TransactionEvent.class))
        .uid("admit-transactions").name("admit transactions");

    DataStream<Either<RejectedRecord, FraudLabel>> labelInput = env
        .fromSource(sources.labels(), watermarks(config, label -> label.getReportedAt().toEpochMilli()),
            "labels source", inputType(FraudLabel.class))
        .uid("labels-source");
    SingleOutputStreamOperator<FraudLabel> labels = labelInput
        .process(new Admission<>(sources.labelsName(), FraudLabel.class, config.allowedLateness(), label -> label),
            AvroRecordTypeInfo.forRecord(FraudLabel.class))
        .uid("admit-labels").name("admit labels");

    // Stage 1, per terminal: counts and risk from the labels reported so far.
    SingleOutputStreamOperator<TerminalScoredTransaction> scored = transactions
        .keyBy(TransactionEvent::terminalId, Types.STRING)
        .connect(labels.keyBy(label -> label.getTerminalId().toString(), Types.STRING))
        .process(new TerminalStage(config.allowedLateness()), TypeInformation.of(TerminalScoredTransaction.class))
        .uid("terminal-stage").name("terminal features");

    // Stage 2, per customer: customer windows, card features and the card's sequence.
    SingleOutputStreamOperator<FeatureVector> vectors = scored
        .keyBy(transaction -> transaction.transaction().customerId(), Types.STRING)
        .process(new CustomerStage(config.allowedLateness()), AvroRecordTypeInfo.forRecord(FeatureVector.class))
        .uid("customer-stage").name("customer and card features");

    // Outputs.
    if (sinks.features() != null) {
      vectors.sinkTo(sinks.features()).uid("features-sink").name("features");
    }
    vectors.sinkTo(sinks.offlineFeatures()).uid("offline-features-sink").name("offline features");
    scored.getSideOutput(TerminalStage.LABELS)
        .sinkTo(sinks.offlineLabels()).uid("offline-labels-sink").name("offline labels");
    transactions.getSideOutput(Admission.REJECTED)
        .union(labels.getSideOutput(Admission.REJECTED))
        .sinkTo(sinks.deadLetters()).uid("dead-letter-sink").name("dead letters");
  }

  /**
   * The Flink configuration of the job: {@code given} first, then the job's defaults for what it leaves unset
   * (checkpointing, state backend, latency settings, no generic types so nothing falls back to Kryo, and object
   * reuse: every record the job passes on is immutable or freshly built, so chained operators need no copies).
   */
  public static Configuration config(Configuration given, FeatureJobConfig settings) {
    Configuration config = new Configuration(given);
    putIfAbsent(config, CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
    putIfAbsent(config, StateBackendOptions.STATE_BACKEND, settings.stateBackend().flinkName());
    if (settings.checkpointDir() != null) {
      putIfAbsent(config, CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      putIfAbsent(config, CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.checkpointDir());
      putIfAbsent(config, CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
          ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    }
    putIfAbsent(config, ExecutionOptions.BUFFER_TIMEOUT, settings.bufferTimeout());
    putIfAbsent(config, PipelineOptions.AUTO_WATERMARK_INTERVAL, settings.watermarkInterval());
    putIfAbsent(config, PipelineOptions.GENERIC_TYPES, false);
    putIfAbsent(config, PipelineOptions.OBJECT_REUSE, true);
    if (settings.parallelism() > 0) {
      putIfAbsent(config, CoreOptions.DEFAULT_PARALLELISM, settings.parallelism());
    }
    return config;
  }

  /** The type of a source's output: a decoded record, or the rejection of one that did not decode. */
  public static <T extends SpecificRecord> TypeInformation<Either<RejectedRecord, T>> inputType(Class<T> type) {
    return new EitherTypeInfo<>(AvroRecordTypeInfo.forRecord(RejectedRecord.class), AvroRecordTypeInfo.forRecord(type));
  }

  static <T> WatermarkStrategy<Either<RejectedRecord, T>> watermarks(FeatureJobConfig config, EventTime<T> time) {
    Duration bound = config.outOfOrderness();
    return WatermarkStrategy.<Either<RejectedRecord, T>>forGenerator(context -> new ProgressingWatermarks<>(bound))
        .withTimestampAssigner((element, recordTimestamp) ->
            element.isRight() ? time.of(element.right()) : Long.MIN_VALUE)
        .withIdleness(config.idleTimeout());
  }

  private static <T> void putIfAbsent(Configuration config, ConfigOption<T> option, T value) {
    if (!config.contains(option)) {
      config.set(option, value);
    }
  }
}
