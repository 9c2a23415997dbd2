package io.argus.features.job;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudLabel;
import io.argus.avro.RejectedRecord;
import io.argus.avro.ServingSkew;
import io.argus.avro.Transaction;
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
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.SchedulerExecutionMode;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;

/**
 * The fraud_v1 feature job: transactions and fraud labels in, one {@link FeatureVector} per transaction out, to the
 * online sink ({@code features}) and the offline store, and every rejected input to the dead-letter sink. Sources and
 * sinks are parameters: the command line wires Kafka and files, tests wire bounded sources and collecting sinks.
 *
 * <pre>
 * transactions ─▶ admit ─┐                                          ┌▶ served on arrival ─▶ features
 *                        ├─▶ terminal stage ─▶ customer stage ──────┼▶ exact, in event order ─▶ offline store
 * fraud labels ─▶ admit ─┘  (by terminal)  │   (by customer)        └▶ serving skew ─▶ offline store (skew/)
 *                                          └▶ offline labels
 *                  rejected (undecodable, too late for the store, unusable) ─▶ dead letters
 * </pre>
 *
 * Serving online at parallelism 1, the customer stage runs in the terminal stage's task ({@link #byCustomer}): one
 * network exchange fewer on the scoring path.
 *
 * <p>A transaction is served on arrival, from the state plus what still waits for the watermark; the watermark then
 * applies it in event order for the exact vector, and any difference between the two is reported
 * ({@link CustomerStage}). Without an online sink (file runs) nothing is served and no online work is done.
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
   * @param features the online sink ({@code features} topic), or {@code null} to build only the offline store (then
   *     nothing is served and no online work is done)
   * @param skew where served vectors that differ from the exact ones are described, or {@code null} to only count
   *     them ({@link ServingCount})
   */
  public record Sinks(Sink<FeatureVector> features, Sink<FeatureVector> offlineFeatures,
      Sink<FraudLabel> offlineLabels, Sink<RejectedRecord> deadLetters, Sink<ServingSkew> skew) {
    public Sinks {
      Objects.requireNonNull(offlineFeatures, "offline features sink");
      Objects.requireNonNull(offlineLabels, "offline labels sink");
      Objects.requireNonNull(deadLetters, "dead-letter sink");
    }

    /** Sinks without a skew sink. */
    public Sinks(Sink<FeatureVector> features, Sink<FeatureVector> offlineFeatures, Sink<FraudLabel> offlineLabels,
        Sink<RejectedRecord> deadLetters) {
      this(features, offlineFeatures, offlineLabels, deadLetters, null);
    }
  }

  /** The event time of a record, in epoch milliseconds. */
  @FunctionalInterface
  interface EventTime<T> extends Serializable {
    long of(T record);
  }

  /** Adds the job's operators, reading from {@code sources} and writing to {@code sinks}, to {@code env}. */
  public static void build(StreamExecutionEnvironment env, Sources sources, Sinks sinks, FeatureJobConfig config) {
    boolean online = sinks.features() != null;

    // Inputs, with event-time watermarks; undecodable records, events too late for the store and unusable values
    // are rejected (a too-late transaction is still served when the job serves online).
    DataStream<Either<RejectedRecord, Transaction>> transactionInput = env
        .fromSource(sources.transactions(), watermarks(config, transaction -> transaction.getEventTime().toEpochMilli()),
            "transactions source", inputType(Transaction.class))
        .uid("transactions-source");
    Admission.Conversion<Transaction, AdmittedTransaction> tooLate = online ? AdmittedTransaction::tooLate : null;
    SingleOutputStreamOperator<AdmittedTransaction> transactions = transactionInput
        .process(new Admission<>(sources.transactionsName(), Transaction.class, config.allowedLateness(),
            AdmittedTransaction::inTime, tooLate), TypeInformation.of(AdmittedTransaction.class))
        .uid("admit-transactions").name("admit transactions");

    DataStream<Either<RejectedRecord, FraudLabel>> labelInput = env
        .fromSource(sources.labels(), watermarks(config, label -> label.getReportedAt().toEpochMilli()),
            "labels source", inputType(FraudLabel.class))
        .uid("labels-source");
    SingleOutputStreamOperator<FraudLabel> labels = labelInput
        .process(new Admission<>(sources.labelsName(), FraudLabel.class, config.allowedLateness(), label -> label),
            AvroRecordTypeInfo.forRecord(FraudLabel.class))
        .uid("admit-labels").name("admit labels");

    // Stage 1, per terminal: counts and risk from the labels reported so far (online: on arrival, then corrected).
    SingleOutputStreamOperator<TerminalResult> scored = transactions
        .keyBy(admitted -> admitted.event().terminalId(), Types.STRING)
        .connect(labels.keyBy(label -> label.getTerminalId().toString(), Types.STRING))
        .process(new TerminalStage(config.allowedLateness(), online), TypeInformation.of(TerminalResult.class))
        .uid("terminal-stage").name("terminal features");

    // Stage 2, per customer: customer windows, card features and the card's sequence; exact vectors on the main
    // output, and (online) the vectors served on arrival and the skew between the two on side outputs.
    SingleOutputStreamOperator<FeatureVector> vectors = byCustomer(env, scored, online)
        .process(new CustomerStage(config.allowedLateness(), online),
            AvroRecordTypeInfo.forRecord(FeatureVector.class))
        .uid("customer-stage").name("customer and card features");

    // Outputs.
    if (online) {
      vectors.getSideOutput(CustomerStage.ONLINE).sinkTo(sinks.features()).uid("features-sink").name("features");
      if (sinks.skew() != null) {
        vectors.getSideOutput(CustomerStage.SKEW).sinkTo(sinks.skew()).uid("skew-sink").name("serving skew");
      }
    }
    vectors.sinkTo(sinks.offlineFeatures()).uid("offline-features-sink").name("offline features");
    scored.getSideOutput(TerminalStage.LABELS)
        .sinkTo(sinks.offlineLabels()).uid("offline-labels-sink").name("offline labels");
    transactions.getSideOutput(Admission.REJECTED)
        .union(labels.getSideOutput(Admission.REJECTED))
        .sinkTo(sinks.deadLetters()).uid("dead-letter-sink").name("dead letters");
  }

  /**
   * The terminal stage's results keyed by customer. Serving online at parallelism 1, the one subtask holds every key
   * group, so no shuffle is needed: the customer stage is chained to the terminal stage, and a result reaches it in
   * the same call instead of through a network buffer that is flushed every {@code buffer-timeout}. Otherwise the
   * results are shuffled by customer: at any other parallelism, under reactive scheduling (which changes the
   * parallelism while the job runs), and in runs that only build the offline store, where the two stages on two
   * threads replay a file faster than one thread running both.
   */
  static KeyedStream<TerminalResult, String> byCustomer(StreamExecutionEnvironment env,
      DataStream<TerminalResult> scored, boolean online) {
    KeySelector<TerminalResult, String> customer = result -> result.transaction().customerId();
    boolean reactive = env.getConfiguration().get(JobManagerOptions.SCHEDULER_MODE) == SchedulerExecutionMode.REACTIVE;
    return online && env.getParallelism() == 1 && scored.getParallelism() == 1 && !reactive
        ? DataStreamUtils.reinterpretAsKeyedStream(scored, customer, Types.STRING)
        : scored.keyBy(customer, Types.STRING);
  }

  /**
   * The Flink configuration of the job: {@code given} first, then the job's defaults for what it leaves unset
   * (checkpointing, compressed snapshots, state backend, latency settings, no generic types so nothing falls back to
   * Kryo, and object reuse: every record the job passes on is immutable or freshly built, so chained operators need
   * no copies).
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
    // Compressed snapshots are also read through a buffer: an uncompressed heap snapshot is restored a byte per read
    // call from the file, which took 23 s for the drill's 10 MB of state (module README, "How the job works").
    putIfAbsent(config, ExecutionOptions.SNAPSHOT_COMPRESSION, true);
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
