package io.argus.pipeline.operations;

import io.argus.pipeline.dashboard.Dashboard;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The dashboard's meters ({@link Dashboard#health()} is its health): {@code argus_dashboard_records_total{topic}}
 * and {@code argus_dashboard_unreadable_total{topic}} (records read, and those that did not decode),
 * {@code argus_dashboard_feed_up} (1 while its consumer reads), beside its consumer's Kafka metrics.
 */
public final class DashboardOperations {

  private DashboardOperations() {
  }

  public static void bind(RoleMetrics metrics, Dashboard dashboard) {
    MeterRegistry registry = metrics.registry();
    for (String topic : Dashboard.topicNames()) {
      FunctionCounter.builder("argus.dashboard.records", dashboard,
              shown -> shown.recordsRead().getOrDefault(topic, 0L))
          .description("Records read, per topic").tag("topic", topic).register(registry);
      FunctionCounter.builder("argus.dashboard.unreadable", dashboard,
              shown -> shown.recordsUnreadable().getOrDefault(topic, 0L))
          .description("Records that did not decode, per topic").tag("topic", topic).register(registry);
    }
    Gauge.builder("argus.dashboard.feed.up", dashboard, shown -> shown.health().isUp() ? 1 : 0)
        .description("1 while the dashboard reads its topics").register(registry);
  }
}
