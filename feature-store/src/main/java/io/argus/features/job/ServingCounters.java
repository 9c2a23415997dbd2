package io.argus.features.job;

import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/** One operator's {@link ServingCount}s: each a metric counter and an accumulator, incremented together. */
final class ServingCounters {

  private final Map<ServingCount, Counter> metrics = new EnumMap<>(ServingCount.class);
  private final Map<ServingCount, LongCounter> accumulators = new EnumMap<>(ServingCount.class);

  private ServingCounters() {
  }

  /** Registers {@code counts} with the operator's metric group and accumulators. */
  static ServingCounters register(RuntimeContext context, ServingCount... counts) {
    ServingCounters counters = new ServingCounters();
    for (ServingCount count : counts) {
      counters.metrics.put(count, context.getMetricGroup().counter(count.metricName()));
      LongCounter accumulator = new LongCounter();
      context.addAccumulator(count.metricName(), accumulator);
      counters.accumulators.put(count, accumulator);
    }
    return counters;
  }

  void increment(ServingCount count) {
    Counter metric = metrics.get(count);
    if (metric == null) {
      throw new IllegalArgumentException(count + " is not registered by this operator; registered: "
          + metrics.keySet());
    }
    metric.inc();
    accumulators.get(count).add(1L);
  }
}
