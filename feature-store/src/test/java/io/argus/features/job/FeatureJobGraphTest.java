package io.argus.features.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.SchedulerExecutionMode;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.junit.jupiter.api.Test;

/** How the job's operators are chained into tasks: the job graph Flink would run, built without running it. */
class FeatureJobGraphTest {

  private static final boolean ONLINE = true;

  @Test
  void shouldChainTheCustomerStageToTheTerminalStageWhenServingAtParallelismOne() {
    assertThat(customerTask(1, new Configuration(), ONLINE))
        .startsWith("terminal features -> (customer and card features -> ");
  }

  @Test
  void shouldShuffleByCustomerAtAnyOtherParallelism() {
    assertThat(customerTask(2, new Configuration(), ONLINE)).startsWith("customer and card features -> ");
  }

  @Test
  void shouldShuffleByCustomerWhenOnlyTheOfflineStoreIsBuilt() {
    assertThat(customerTask(1, new Configuration(), !ONLINE)).startsWith("customer and card features -> ");
  }

  @Test
  void shouldShuffleByCustomerUnderReactiveScheduling() {
    Configuration reactive = new Configuration();
    reactive.set(JobManagerOptions.SCHEDULER_MODE, SchedulerExecutionMode.REACTIVE);

    assertThat(customerTask(1, reactive, ONLINE)).startsWith("customer and card features -> ");
  }

  /**
   * The name of the one task holding the customer stage (chained operators joined with " -> "), with Kafka sources
   * and sinks (nothing connects until the job runs), serving online or building only the offline store.
   */
  private static String customerTask(int parallelism, Configuration given, boolean online) {
    FeatureJobConfig config = FeatureJobConfig.from(Map.of("parallelism", Integer.toString(parallelism)));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FeatureJob.config(given, config));
    FeatureKafka.Wiring kafka = FeatureKafka.wiring("localhost:9", "graph-test", "file:///tmp/argus-graph-test");
    FeatureJob.Sinks sinks = online ? kafka.sinks() : new FeatureJob.Sinks(null, kafka.sinks().offlineFeatures(),
        kafka.sinks().offlineLabels(), kafka.sinks().deadLetters());
    FeatureJob.build(env, kafka.sources(), sinks, config);
    return customerTask(env.getStreamGraph());
  }

  /** The name of the one task of {@code graph} holding the customer stage. */
  static String customerTask(StreamGraph graph) {
    Iterable<JobVertex> tasks = graph.getJobGraph().getVertices();
    return StreamSupport.stream(tasks.spliterator(), false).map(JobVertex::getName)
        .filter(task -> task.contains("customer and card features")).reduce((one, two) -> {
          throw new AssertionError("the customer stage is in two tasks: " + one + " and " + two);
        }).orElseThrow(() -> new AssertionError("no task holds the customer stage"));
  }
}
