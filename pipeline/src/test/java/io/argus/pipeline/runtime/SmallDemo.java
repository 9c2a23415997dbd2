package io.argus.pipeline.runtime;

import io.argus.common.ProgressListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The demo the runtime's tests start: 400 cards and 800 terminals, 8 days of history played at 1,000 transactions a
 * second (about 6,500 transactions, then live), every port free, data in {@code directory}, the throwaway key, the
 * retraining scheduler checking every five seconds.
 */
final class SmallDemo {

  static final int CUSTOMERS = 400;
  /** Often, so the retraining scheduler's first decision (skipped: 8 days are too few) comes within seconds. */
  static final Duration RETRAIN_CHECK_EVERY = Duration.ofSeconds(5);

  private SmallDemo() {
  }

  static DemoRuntime start(Path directory) throws Exception {
    DemoConfig config = DemoConfig.DEFAULTS.withPopulation(CUSTOMERS, 2 * CUSTOMERS).withHistoryDays(8)
        .withTransactionsPerSecond(1_000).withPorts(0, 0, 0).withDataDirectory(directory)
        .withRetraining(DemoConfig.DEFAULTS.retrainEvery(), RETRAIN_CHECK_EVERY);
    return DemoRuntime.start(config, false, null, Map.of(), ProgressListener.SILENT);
  }
}
