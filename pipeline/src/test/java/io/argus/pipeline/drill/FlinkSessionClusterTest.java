package io.argus.pipeline.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one line the drill prints for a failed job, from the JobManager's {@code /jobs/<id>/exceptions}. */
class FlinkSessionClusterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldNameTheDeepestCauseOfTheNewestFailureAndItsTask() {
    ObjectNode newest = entry(String.join("\n",
        "org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy",
        "\tat org.apache.flink.runtime.executiongraph.failover.ExecutionFailureHandler.handleFailure(...)",
        "Caused by: org.apache.flink.streaming.runtime.tasks.StreamTaskException: Cannot load user class",
        "\tat org.apache.flink.streaming.api.graph.StreamConfig.getStreamOperatorFactory(...)",
        "Caused by: java.lang.ClassNotFoundException: io.argus.features.job.CustomerStage",
        "\tat java.net.URLClassLoader.findClass(...)"));
    newest.put("taskName", "terminal features (1/1)");
    ObjectNode older = entry("java.io.IOException: an older failure");

    String failure = FlinkSessionCluster.newestFailure(exceptions(newest, older));

    assertThat(failure).isEqualTo(
        "java.lang.ClassNotFoundException: io.argus.features.job.CustomerStage (in terminal features (1/1))");
  }

  @Test
  void shouldTakeTheFirstLineOfATraceWithoutCausesAndNoTask() {
    ObjectNode newest = entry("java.lang.IllegalStateException: no slots\n\tat somewhere");
    newest.putNull("taskName");

    assertThat(FlinkSessionCluster.newestFailure(exceptions(newest)))
        .isEqualTo("java.lang.IllegalStateException: no slots");
  }

  @Test
  void shouldSayNothingForAJobWithoutFailures() {
    assertThat(FlinkSessionCluster.newestFailure(exceptions())).isEmpty();
  }

  private static ObjectNode entry(String stacktrace) {
    ObjectNode entry = JSON.createObjectNode();
    entry.put("exceptionName", stacktrace.substring(0, stacktrace.indexOf(':')));
    entry.put("stacktrace", stacktrace);
    return entry;
  }

  private static ObjectNode exceptions(ObjectNode... newestFirst) {
    ObjectNode exceptions = JSON.createObjectNode();
    ObjectNode history = exceptions.putObject("exceptionHistory");
    history.putArray("entries").addAll(List.of(newestFirst));
    history.put("truncated", false);
    return exceptions;
  }
}
