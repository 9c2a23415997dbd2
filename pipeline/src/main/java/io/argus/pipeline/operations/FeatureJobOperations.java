package io.argus.pipeline.operations;

import io.argus.common.Health;
import io.argus.features.job.ServingCount;
import io.argus.pipeline.runtime.LiveFeatureJob;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.accumulators.StringifiedAccumulatorResult;
import org.apache.flink.runtime.checkpoint.CheckpointStatsCounts;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;

/**
 * The live feature job's health and meters, read from its execution graph (at most once a second, however many
 * meters a scrape reads). Health: {@code UP} once the job is {@code RUNNING} and every task is {@code RUNNING};
 * otherwise the job's state, or {@code DEPLOYING}. Meters: {@code argus_features_job_state{state}} (1 for the current
 * state), {@code argus_features_checkpoints_total{result=completed|failed}}, {@code
 * argus_features_checkpoints_restored_total}, {@code argus_features_checkpoints_in_progress}, the latest completed
 * checkpoint's {@code argus_features_checkpoint_last_duration_seconds}, {@code _size_bytes} and {@code
 * _completed_timestamp_seconds}, and the job's accumulators {@code argus_features_serving_total{count}} (served
 * online, stored exact, served too late, skewed by cause: {@link ServingCount}).
 */
public final class FeatureJobOperations {

  private static final long REFRESH_MILLIS = 1_000;

  private final LiveFeatureJob job;
  private Snapshot snapshot;

  private FeatureJobOperations(LiveFeatureJob job) {
    this.job = job;
  }

  /** Watches {@code job}; {@link #bind} its meters. */
  public static FeatureJobOperations watch(LiveFeatureJob job) {
    return new FeatureJobOperations(job);
  }

  public Health health() {
    Snapshot now = snapshot();
    if (now.graph == null) {
      return Health.notUp("UNKNOWN", "the job's state cannot be read: " + now.failure);
    }
    JobStatus state = now.graph.getState();
    Map<String, String> details = new LinkedHashMap<>();
    long notRunning = 0;
    for (AccessExecutionVertex vertex : now.graph.getAllExecutionVertices()) {
      if (vertex.getExecutionState() != ExecutionState.RUNNING) {
        notRunning++;
      }
    }
    String status = state != JobStatus.RUNNING ? state.name() : notRunning > 0 ? "DEPLOYING" : Health.UP;
    if (!Health.UP.equals(status)) {
      details.put("reason", state != JobStatus.RUNNING ? "the job is " + state
          : notRunning + " tasks are not RUNNING yet");
    }
    details.put("job", now.graph.getJobID().toString());
    details.put("state", state.name());
    return new Health(status, details);
  }

  public void bind(RoleMetrics metrics) {
    MeterRegistry registry = metrics.registry();
    for (JobStatus state : JobStatus.values()) {
      Gauge.builder("argus.features.job.state", this, watched -> watched.graphValue(
              graph -> graph.getState() == state ? 1 : 0))
          .description("1 for the job's current state").tag("state", state.name()).register(registry);
    }
    checkpointCounter(registry, "argus.features.checkpoints", "completed", CheckpointStatsCounts::getNumberOfCompletedCheckpoints);
    checkpointCounter(registry, "argus.features.checkpoints", "failed", CheckpointStatsCounts::getNumberOfFailedCheckpoints);
    FunctionCounter.builder("argus.features.checkpoints.restored", this, watched -> watched.counts(
            CheckpointStatsCounts::getNumberOfRestoredCheckpoints))
        .description("Restores from a checkpoint").register(registry);
    Gauge.builder("argus.features.checkpoints.in.progress", this, watched -> watched.counts(
            CheckpointStatsCounts::getNumberOfInProgressCheckpoints))
        .description("Checkpoints in progress").register(registry);
    Gauge.builder("argus.features.checkpoint.last.duration", this, watched -> watched.latest(
            checkpoint -> checkpoint.getEndToEndDuration() / 1000.0))
        .description("End-to-end duration of the latest completed checkpoint").baseUnit("seconds").register(registry);
    Gauge.builder("argus.features.checkpoint.last.size", this, watched -> watched.latest(
            CompletedCheckpointStats::getStateSize))
        .description("State size of the latest completed checkpoint").baseUnit("bytes").register(registry);
    Gauge.builder("argus.features.checkpoint.last.completed.timestamp", this, watched -> watched.latest(
            checkpoint -> checkpoint.getLatestAckTimestamp() / 1000.0))
        .description("When the latest checkpoint completed (epoch seconds)").baseUnit("seconds").register(registry);
    for (ServingCount count : ServingCount.values()) {
      FunctionCounter.builder("argus.features.serving", this, watched -> watched.accumulator(count.metricName()))
          .description("The job's serving counts (accumulators, summed over its subtasks)")
          .tag("count", count.metricName()).register(registry);
    }
  }

  private void checkpointCounter(MeterRegistry registry, String name, String result,
      ToDoubleFunction<CheckpointStatsCounts> count) {
    FunctionCounter.builder(name, this, watched -> watched.counts(count))
        .description("Checkpoints, by result").tag("result", result).register(registry);
  }

  private double counts(ToDoubleFunction<CheckpointStatsCounts> count) {
    return graphValue(graph -> {
      CheckpointStatsSnapshot statistics = graph.getCheckpointStatsSnapshot();
      return statistics == null ? Double.NaN : count.applyAsDouble(statistics.getCounts());
    });
  }

  private double latest(ToDoubleFunction<CompletedCheckpointStats> value) {
    return graphValue(graph -> {
      CheckpointStatsSnapshot statistics = graph.getCheckpointStatsSnapshot();
      CompletedCheckpointStats latest = statistics == null ? null
          : statistics.getHistory().getLatestCompletedCheckpoint();
      return latest == null ? Double.NaN : value.applyAsDouble(latest);
    });
  }

  private double accumulator(String name) {
    return graphValue(graph -> {
      StringifiedAccumulatorResult[] results = graph.getAccumulatorResultsStringified();
      for (StringifiedAccumulatorResult result : results == null ? new StringifiedAccumulatorResult[0] : results) {
        if (name.equals(result.getName())) {
          try {
            return Double.parseDouble(result.getValue());
          } catch (NumberFormatException e) {
            return Double.NaN;
          }
        }
      }
      return 0;
    });
  }

  private double graphValue(ToDoubleFunction<AccessExecutionGraph> value) {
    AccessExecutionGraph graph = snapshot().graph;
    return graph == null ? Double.NaN : value.applyAsDouble(graph);
  }

  private synchronized Snapshot snapshot() {
    long now = System.currentTimeMillis();
    if (snapshot == null || now - snapshot.takenAt > REFRESH_MILLIS) {
      try {
        snapshot = new Snapshot(now, job.graph(), null);
      } catch (Exception e) {
        snapshot = new Snapshot(now, null, e.getMessage());
      }
    }
    return snapshot;
  }

  /** The execution graph as last read, or why it could not be read. */
  private record Snapshot(long takenAt, AccessExecutionGraph graph, String failure) {
  }
}
