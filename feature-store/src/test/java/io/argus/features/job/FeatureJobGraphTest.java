package io.argus.features.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.SchedulerExecutionMode;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** How the job's operators are chained into tasks: the job graph Flink would run, built without running it. */
class FeatureJobGraphTest {

  @Test
  void shouldChainTheCustomerStageToTheTerminalStageAtParallelismOne() {
    List<String> tasks = tasks(1, new Configuration());

    assertThat(tasks).filteredOn(task -> task.contains("customer and card features")).singleElement().asString()
        .startsWith("terminal features -> (customer and card features -> ");
  }

  @Test
  void shouldShuffleByCustomerAtAnyOtherParallelism() {
    List<String> tasks = tasks(2, new Configuration());

    assertThat(tasks).filteredOn(task -> task.contains("customer and card features")).singleElement().asString()
        .startsWith("customer and card features -> ");
  }

  @Test
  void shouldShuffleByCustomerWhenOnlyTheOfflineStoreIsBuilt() {
    FeatureJobConfig config = FeatureJobConfig.from(Map.of("parallelism", "1"));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FeatureJob.config(new Configuration(), config));
    FeatureJob.Sinks online = wiring().sinks();
    FeatureJob.build(env, wiring().sources(), new FeatureJob.Sinks(null, online.offlineFeatures(),
        online.offlineLabels(), online.deadLetters()), config);

    assertThat(tasks(env)).filteredOn(task -> task.contains("customer and card features")).singleElement()
        .asString().startsWith("customer and card features -> ");
  }

  @Test
  void shouldShuffleByCustomerUnderReactiveScheduling() {
    Configuration reactive = new Configuration();
    reactive.set(JobManagerOptions.SCHEDULER_MODE, SchedulerExecutionMode.REACTIVE);

    assertThat(tasks(1, reactive)).filteredOn(task -> task.contains("customer and card features")).singleElement()
        .asString().startsWith("customer and card features -> ");
  }

  /** The names of the tasks (chained operators joined with " -> ") of the job serving online at {@code parallelism}. */
  private static List<String> tasks(int parallelism, Configuration given) {
    FeatureJobConfig config = FeatureJobConfig.from(Map.of("parallelism", Integer.toString(parallelism)));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FeatureJob.config(given, config));
    FeatureKafka.Wiring kafka = wiring();
    FeatureJob.build(env, kafka.sources(), kafka.sinks(), config);
    return tasks(env);
  }

  /** Kafka sources and sinks (nothing connects until the job runs) and an offline store under /tmp. */
  private static FeatureKafka.Wiring wiring() {
    return FeatureKafka.wiring("localhost:9", "graph-test", "file:///tmp/argus-graph-test");
  }

  private static List<String> tasks(StreamExecutionEnvironment env) {
    Iterable<JobVertex> vertices = env.getStreamGraph().getJobGraph().getVertices();
    return StreamSupport.stream(vertices.spliterator(), false).map(JobVertex::getName).toList();
  }
}
