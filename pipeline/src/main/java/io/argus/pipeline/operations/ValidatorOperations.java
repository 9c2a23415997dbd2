package io.argus.pipeline.operations;

import io.argus.avro.RejectReason;
import io.argus.common.Health;
import io.argus.ingestion.streams.Validator;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The validator's health and meters. Health: {@code UP} once Kafka Streams is {@code RUNNING} (its tasks assigned and
 * restored), otherwise the Streams state. Meters: {@code argus_validator_records_total{outcome=validated|rejected}}
 * (every input record ends in exactly one), {@code argus_validator_rejected_total{reason=...}} (one series per
 * {@link RejectReason}), {@code argus_validator_running} (1 while {@code RUNNING}),
 * {@code argus_validator_orphan_transactions_aborted_total} (dead instances' open transactions this instance ended),
 * and the Streams application's own metrics (lag, commit and poll rates: {@link RoleMetrics#bindStreams}).
 */
public final class ValidatorOperations {

  private ValidatorOperations() {
  }

  /** {@code UP} while the Streams application is {@code RUNNING}. */
  public static Health health(Validator validator, String applicationId) {
    KafkaStreams.State state = validator.state();
    Map<String, String> details = new LinkedHashMap<>();
    if (state != KafkaStreams.State.RUNNING) {
      details.put("reason", "Kafka Streams is " + state + (state == KafkaStreams.State.ERROR
          ? ": a stream thread failed (see the log)" : ", not yet RUNNING"));
    }
    details.put("applicationId", applicationId);
    details.put("streams", state.name());
    return state == KafkaStreams.State.RUNNING ? Health.up(details) : new Health(state.name(), details);
  }

  /** Binds the validator's counts and state, and its Streams metrics, to {@code metrics}. */
  public static void bind(RoleMetrics metrics, Validator validator) {
    MeterRegistry registry = metrics.registry();
    FunctionCounter.builder("argus.validator.records", validator, running -> running.counts().validated())
        .description("Input records published as a Transaction").tag("outcome", "validated").register(registry);
    FunctionCounter.builder("argus.validator.records", validator, running -> running.counts().rejected())
        .description("Input records dead-lettered").tag("outcome", "rejected").register(registry);
    for (RejectReason reason : RejectReason.values()) {
      FunctionCounter.builder("argus.validator.rejected", validator,
              running -> running.counts().rejectedByReason().getOrDefault(reason, 0L))
          .description("Input records dead-lettered, by reason").tag("reason", reason.name()).register(registry);
    }
    Gauge.builder("argus.validator.running", validator, running -> running.state() == KafkaStreams.State.RUNNING
        ? 1 : 0).description("1 while Kafka Streams is RUNNING").register(registry);
    FunctionCounter.builder("argus.validator.orphan.transactions.aborted", validator,
            Validator::orphanTransactionsAborted)
        .description("Transactions a dead instance left open, aborted once it left the group").register(registry);
    validator.stages().forEach(metrics::bindStreams);
  }
}
